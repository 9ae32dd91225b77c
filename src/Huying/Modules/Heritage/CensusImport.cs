using System.Globalization;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Huying.Modules.Heritage;

public sealed record CensusOutcome(int Added, int Updated, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Imports census records (文物普查登记) from the template, CSV or .xlsx: every row is checked field by field first,
/// with its line; one bad row and nothing is saved. A record number already there is that record, brought up to date,
/// so the same file imported twice changes nothing.
/// </summary>
public sealed class CensusImport(HuyingDbContext db, CurrentUser user, TimeProvider clock)
{
    public static readonly string[] Columns =
        ["Record number", "Site name", "Type", "Era", "Village or community code", "Latitude", "Longitude", "Survey date", "Surveyors", "Survey method"];

    public static byte[] Template()
    {
        var header = Columns.Select(DictionaryLocalizer.Translate).ToArray();
        var example = new Dictionary<string, object?>
        {
            [header[0]] = "140881-P00001", [header[1]] = "西姚温遗址", [header[2]] = DictionaryLocalizer.Translate(nameof(SiteType.AncientSite)),
            [header[3]] = "仰韶文化", [header[4]] = "140881103201", [header[5]] = 34.8712, [header[6]] = 110.4523, [header[7]] = "2024-05-01",
            [header[8]] = "王强、李娜", [header[9]] = DictionaryLocalizer.Translate(nameof(SurveyMethod.DroneAndRtk)),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { example });
        return stream.ToArray();
    }

    public async Task<CensusOutcome> ImportAsync(Stream file, string fileName, CancellationToken ct)
    {
        user.Require(HeritagePolicies.Keep, "Only those who keep the sites import the census");
        var type = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ExcelType.CSV : ExcelType.XLSX;
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = [.. (await file.QueryAsync(useHeaderRow: true, excelType: type, cancellationToken: ct)).Cast<IDictionary<string, object?>>()];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new CensusOutcome(0, 0, [new ImportProblem(0, "", "The file could not be read as CSV or .xlsx")]);
        }
        var problems = new List<ImportProblem>();
        if (rows.Count == 0)
        {
            problems.Add(new ImportProblem(0, "", "The file has no rows"));
        }
        // The places the caller may record in (the scope filter decides), looked up once.
        var places = (await db.Communities.AsNoTracking().Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));
        var plan = new List<(int Line, CensusRecord Record)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var line = 1;
        foreach (var row in rows)
        {
            line++;
            string Cell(int column)
            {
                var value = row.TryGetValue(DictionaryLocalizer.Translate(Columns[column]), out var v) || row.TryGetValue(Columns[column], out v) ? v : null;
                return Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
            }
            if (Enumerable.Range(0, Columns.Length).All(c => Cell(c).Length == 0))
            {
                continue;
            }
            void Problem(int column, Message message) => problems.Add(new ImportProblem(line, Columns[column], message));
            var number = Cell(0);
            if (number.Length is 0 or > 40)
            {
                Problem(0, "Give the record number (40 characters at most)");
            }
            else if (!seen.Add(number))
            {
                Problem(0, "This record number appears twice in the file");
            }
            var name = Cell(1);
            if (name.Length is 0 or > 100)
            {
                Problem(1, "Give the name (100 characters at most)");
            }
            var kind = Parse<SiteType>(Cell(2));
            if (kind is null)
            {
                Problem(2, "Choose the type of the site");
            }
            if (Cell(3).Length > 50)
            {
                Problem(3, new Message("Keep it under {0} characters", 50));
            }
            var community = Cell(4);
            if (!places.Contains(community))
            {
                Problem(4, "No such village or community in your area");
            }
            double? Number(int column) => double.TryParse(Cell(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
            var (latitude, longitude) = (Number(5), Number(6));
            if (latitude is null || longitude is null)
            {
                Problem(5, "Give the position as numbers (latitude and longitude)");
            }
            else if (community.Length == 12 && !HeritageBounds.Contains(community[..6], latitude.Value, longitude.Value))
            {
                Problem(5, new Message("The position lies outside {0}", HeritageBounds.NameOf(community[..6])));
            }
            var surveyed = DateOnly.TryParse(Cell(7), CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) ? on
                : DateTime.TryParse(Cell(7), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? DateOnly.FromDateTime(at) : (DateOnly?)null;
            if (surveyed is null || surveyed > today || surveyed.Value.Year < 1950)
            {
                Problem(7, "Give the survey date (YYYY-MM-DD, not in the future)");
            }
            if (Cell(8).Length > 200)
            {
                Problem(8, new Message("Keep it under {0} characters", 200));
            }
            var method = Parse<SurveyMethod>(Cell(9));
            if (method is null)
            {
                Problem(9, "Choose how it was surveyed");
            }
            if (problems.Count == 0)
            {
                plan.Add((line, new CensusRecord
                {
                    RecordNumber = number, Name = name, Type = kind!.Value, Era = Cell(3) is { Length: > 0 } era ? era : null, CommunityCode = community,
                    Latitude = latitude!.Value, Longitude = longitude!.Value, SurveyedOn = surveyed!.Value, Surveyors = Cell(8) is { Length: > 0 } who ? who : null,
                    Method = method!.Value,
                }));
            }
            if (problems.Count >= 200)
            {
                break;
            }
        }
        if (problems.Count > 0)
        {
            return new CensusOutcome(0, 0, problems);
        }

        // Record numbers are unique across every county: one already kept elsewhere, out of the caller's sight, is
        // refused with its line rather than overwritten (looked up in a query of its own).
        // In chunks: a list parameter becomes one SQL variable per item, and SQLite takes a few thousand at most.
        var numbers = plan.Select(p => p.Record.RecordNumber).ToList();
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(1000))
        {
            foreach (var r in await db.Set<CensusRecord>().IgnoreQueryFilters().AsNoTracking().Where(r => chunk.Contains(r.RecordNumber))
                .Select(r => new { r.RecordNumber, r.CommunityCode }).ToListAsync(ct))
            {
                taken[r.RecordNumber] = r.CommunityCode;
            }
        }
        problems.AddRange(plan.Where(p => taken.TryGetValue(p.Record.RecordNumber, out var where) && !places.Contains(where))
            .Select(p => new ImportProblem(p.Line, Columns[0], "This record number is kept by another place")));
        if (problems.Count > 0)
        {
            return new CensusOutcome(0, 0, problems);
        }
        var existing = new Dictionary<string, CensusRecord>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Where(taken.ContainsKey).Chunk(1000))
        {
            foreach (var r in await db.Set<CensusRecord>().Where(r => chunk.Contains(r.RecordNumber)).ToListAsync(ct))
            {
                existing[r.RecordNumber] = r;
            }
        }
        var now = AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
        var added = 0;
        foreach (var (_, r) in plan)
        {
            if (existing.TryGetValue(r.RecordNumber, out var kept))
            {
                (kept.Name, kept.Type, kept.Era, kept.CommunityCode, kept.Latitude, kept.Longitude, kept.SurveyedOn, kept.Surveyors, kept.Method) =
                    (r.Name, r.Type, r.Era, r.CommunityCode, r.Latitude, r.Longitude, r.SurveyedOn, r.Surveyors, r.Method);
            }
            else
            {
                r.ImportedAt = now;
                db.Set<CensusRecord>().Add(r);
                added++;
            }
        }
        db.ChangeTracker.DetectChanges();
        var updated = db.ChangeTracker.Entries<CensusRecord>().Count(e => e.State == EntityState.Modified);
        db.Audit("import", nameof(CensusRecord), fileName.Length > 100 ? fileName[..100] : fileName, $"{added} added, {updated} updated");
        await db.SaveChangesAsync(ct);
        return new CensusOutcome(added, updated, []);
    }

    /// <summary>A type or method as the template writes it (its Chinese name) or by its code name.</summary>
    private static T? Parse<T>(string text) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (text == DictionaryLocalizer.Translate(value.ToString()) || string.Equals(text, value.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }
}
