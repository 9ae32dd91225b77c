namespace Huying.Platform.Cli;

/// <summary>A command-line command a module offers: `dotnet run --project src/Huying -- name args…`; returns the exit code.</summary>
public sealed record Command(string Name, string Usage, Func<IServiceProvider, string[], Task<int>> RunAsync);
