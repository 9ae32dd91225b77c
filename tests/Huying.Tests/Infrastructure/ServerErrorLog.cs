using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Huying.Tests.Infrastructure;

/// <summary>The exceptions the app logged at Error or above (the last 100), so a test that meets a 500 can say what threw.</summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Exception> errors = new();

    /// <summary>Takes the exceptions logged since the last call.</summary>
    public List<Exception> Drain()
    {
        var taken = new List<Exception>();
        while (errors.TryDequeue(out var e))
        {
            taken.Add(e);
        }
        return taken;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(errors);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<Exception> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && logLevel >= LogLevel.Error)
            {
                errors.Enqueue(exception);
                while (errors.Count > 100 && errors.TryDequeue(out _))
                {
                }
            }
        }
    }
}
