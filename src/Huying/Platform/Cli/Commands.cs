using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Composition;
using Spectre.Console;

namespace Huying.Platform.Cli;

/// <summary>Command-line tools of the app: `dotnet run --project src/Huying -- &lt;command&gt;`; the platform's and the modules'.</summary>
public static class Commands
{
    private static IEnumerable<Command> All(IServiceProvider services) =>
    [
        new("migrate", "migrate", async (_, _) =>
        {
            AnsiConsole.MarkupLine("[green]Database is up to date.[/]");
            return await Task.FromResult(0);
        }),
        new("verify-audit", "verify-audit", (s, _) => VerifyAuditAsync(s.GetRequiredService<HuyingContextFactory>())),
        new("recount", "recount", RecountAsync),
        new("backup", "backup <file>", Backups.BackupAsync),
        new("restore", "restore <file>", Backups.RestoreAsync),
        .. services.GetRequiredService<ModuleList>().All.SelectMany(m => m.Commands),
    ];

    public static bool IsCommand(IServiceProvider services, string[] args) => args.Length > 0 && All(services).Any(c => c.Name == args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        await services.MigrateAsync();
        return await All(services).First(c => c.Name == args[0]).RunAsync(services, args);
    }

    /// <summary>Rebuilds whatever the save hooks keep (grid tallies, KPI rollups) from the rows themselves.</summary>
    private static async Task<int> RecountAsync(IServiceProvider services, string[] args)
    {
        await using var db = services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System);
        foreach (var hook in services.GetRequiredService<ModuleList>().SaveHooks)
        {
            await hook.RecountAsync(db, CancellationToken.None);
        }
        AnsiConsole.MarkupLine("[green]Tallies and rollups rebuilt from the rows themselves.[/]");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(HuyingContextFactory contexts)
    {
        await using var db = contexts.Create(DataScope.System);
        var result = await AuditVerifier.VerifyAsync(db);
        if (result.Intact)
        {
            AnsiConsole.MarkupLine($"[green]Audit trail intact:[/] {result.Checked:N0} lines verified.");
            return 0;
        }
        AnsiConsole.MarkupLine($"[red]Audit trail broken at line {result.BrokenAt}:[/] {Markup.Escape(result.Reason ?? "")} ({result.Checked:N0} lines before it verified).");
        return 1;
    }
}
