using Huying.Platform.Data;
using Huying.Platform.Web;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Huying.Modules.Organisation;


public sealed record ImportOutcome(int People, int NewHouseholds, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Imports people and households of one community from the template (CSV or .xlsx). Every row is checked
/// first; one bad row and nothing is saved.
/// </summary>
public sealed class PeopleImport(HuyingDbContext db, PeopleService people)
{
    public static readonly string[] Columns = ["Building", "Door number", "Name", "ID number", "Mobile", "Tags", "Registration code", "Party member"];

    public static byte[] Template()
    {
        var header = Columns.Select(DictionaryLocalizer.Translate).ToArray();
        var example = new Dictionary<string, object?>
        {
            [header[0]] = "河边三巷", [header[1]] = "12号", [header[2]] = "张三", [header[3]] = "", [header[4]] = "",
            [header[5]] = "elderly", [header[6]] = "140827", [header[7]] = "否",
        };
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { example });
        return stream.ToArray();
    }

    public async Task<ImportOutcome> ImportAsync(string communityCode, Stream file, string fileName, CancellationToken ct = default)
    {
        var type = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ExcelType.CSV : ExcelType.XLSX;
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = [.. (await file.QueryAsync(useHeaderRow: true, excelType: type, cancellationToken: ct))
                .Cast<IDictionary<string, object?>>()];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ImportOutcome(0, 0, [new ImportProblem(0, "", "The file could not be read as CSV or .xlsx")]);
        }

        var buildings = await db.Buildings.Where(b => b.CommunityCode == communityCode).ToListAsync(ct);
        if (buildings.Count == 0)
        {
            return new ImportOutcome(0, 0, [new ImportProblem(0, "", "Community not found")]);
        }
        var households = await db.Households.Where(h => h.CommunityCode == communityCode).ToListAsync(ct);
        var problems = new List<ImportProblem>();
        var plan = new List<(int Row, Building Building, string Door, PersonInput Input)>();
        var line = 1;
        foreach (var row in rows)
        {
            line++;
            string Cell(int column)
            {
                var key = DictionaryLocalizer.Translate(Columns[column]);
                var value = row.TryGetValue(key, out var v) || row.TryGetValue(Columns[column], out v) ? v : null;
                return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "";
            }
            if (Enumerable.Range(0, Columns.Length).All(c => Cell(c).Length == 0))
            {
                continue;
            }
            var building = buildings.FirstOrDefault(b => b.Name == Cell(0));
            if (building is null)
            {
                problems.Add(new ImportProblem(line, Columns[0], "No such building, courtyard or alley in this community"));
                continue;
            }
            if (Cell(1).Length == 0)
            {
                problems.Add(new ImportProblem(line, Columns[1], "Door number is required"));
                continue;
            }
            var party = Cell(7) is "是" or "yes" or "Yes" or "1" or "true";
            var tags = Cell(5).Split([',', '，', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();
            plan.Add((line, building, Cell(1), new PersonInput(Cell(2), Cell(3), Cell(4), 0, Tags: tags,
                RegistrationCode: Cell(6), IsPartyMember: party)));
        }
        if (rows.Count == 0)
        {
            problems.Add(new ImportProblem(0, "", "The file has no rows"));
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var newHouseholds = 0;
        var seenIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, building, door, input) in plan)
        {
            if (!string.IsNullOrWhiteSpace(input.IdNumber) && !seenIds.Add(input.IdNumber.Trim()))
            {
                problems.Add(new ImportProblem(row, Columns[3], "This ID number appears twice in the file"));
                continue;
            }
            var household = households.FirstOrDefault(h => h.BuildingId == building.Id && h.DoorNumber == door);
            if (household is null)
            {
                household = new Household { CommunityCode = communityCode, GridId = building.GridId, BuildingId = building.Id, DoorNumber = door };
                db.Households.Add(household);
                await db.SaveChangesAsync(ct);
                households.Add(household);
                newHouseholds++;
            }
            try
            {
                await people.CreateAsync(input with { HouseholdId = household.Id }, ct);
            }
            catch (FieldException refused)
            {
                foreach (var (field, messages) in refused.Errors.All)
                {
                    problems.AddRange(messages.Select(m => new ImportProblem(row, ColumnOf(field), m)));
                }
            }
        }
        if (problems.Count > 0)
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(ct);
            }
            db.ChangeTracker.Clear();
            return new ImportOutcome(0, 0, problems);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return new ImportOutcome(plan.Count, newHouseholds, []);
    }

    private static string ColumnOf(string field) => field switch
    {
        "name" => Columns[2],
        "idNumber" => Columns[3],
        "phone" => Columns[4],
        "tags" => Columns[5],
        "registrationCode" => Columns[6],
        _ => field,
    };
}
