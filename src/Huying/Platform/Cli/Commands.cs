using Huying.Modules.Organisation;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Spectre.Console;

namespace Huying.Platform.Cli;

/// <summary>Command-line tools of the app: `dotnet run --project src/Huying -- &lt;command&gt;`.</summary>
public static class Commands
{
    private static readonly string[] Names = ["import-divisions", "verify-audit", "migrate", "recount"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        await services.MigrateAsync();
        var contexts = services.GetRequiredService<HuyingContextFactory>();
        switch (args[0])
        {
            case "migrate":
                AnsiConsole.MarkupLine("[green]Database is up to date.[/]");
                return 0;
            case "recount":
                await using (var db = contexts.Create(DataScope.System))
                {
                    await GridTallies.RecountAsync(db);
                    await Huying.Modules.Matters.MatterRollups.RecountAsync(db);
                }
                AnsiConsole.MarkupLine("[green]Grid tallies and matter KPI rollups rebuilt from the rows themselves.[/]");
                return 0;
            case "import-divisions":
                if (args.Length < 2)
                {
                    AnsiConsole.MarkupLine("[red]usage:[/] import-divisions <folder with provinces.csv … villages.csv>");
                    return 2;
                }
                return await ImportDivisionsAsync(contexts, args[1]);
            default:
                return await VerifyAuditAsync(contexts);
        }
    }

    private static async Task<int> ImportDivisionsAsync(HuyingContextFactory contexts, string folder)
    {
        await using var db = contexts.Create(DataScope.System);
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            DivisionImportResult? result = null;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var reading = ctx.AddTask("Reading and checking", maxValue: 1);
                    var rows = DivisionImporter.Read(folder);
                    reading.Increment(1);
                    var writing = ctx.AddTask("Upserting by code", maxValue: rows.Count);
                    result = await DivisionImporter.ImportAsync(db, folder, new Progress<int>(done => writing.Value = done));
                    writing.Value = rows.Count;
                });
            db.Audit("import", "Division", null, $"{result!.Rows} rows from {Path.GetFileName(Path.GetFullPath(folder))}, {result.Changed} new or changed");
            await db.SaveChangesAsync();
            AnsiConsole.MarkupLine($"[green]Imported[/] {result.Rows:N0} divisions ({result.Changed:N0} new or changed) in {started.Elapsed.TotalSeconds:F1} s.");
            return 0;
        }
        catch (DivisionImportException e)
        {
            AnsiConsole.MarkupLine("[red]Nothing was imported.[/] The files have errors:");
            foreach (var problem in e.Problems)
            {
                AnsiConsole.WriteLine("  " + problem);
            }
            return 1;
        }
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
