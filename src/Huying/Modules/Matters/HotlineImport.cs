using System.Globalization;
using System.Security.Claims;
using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Huying.Modules.Matters;

public sealed record HotlineOutcome(int Imported, int AlreadyImported, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<string> TrackingCodes);

/// <summary>
/// Imports 12345 hotline work orders (CSV or .xlsx) as matters. Idempotent on the order number: an order already
/// imported is skipped. Good rows are imported; each bad row is reported with its line and reason.
/// </summary>
public sealed class HotlineImport(HuyingDbContext db, MatterIntake intake, MatterCatalogue catalogue)
{
    public static readonly string[] Columns = ["Order number", "Call time", "Category", "Address", "Content", "Caller phone"];

    /// <summary>Headers as 12345 platforms export them (the first is the template's), and the English names.</summary>
    private static readonly string[][] Headers =
    [
        ["工单编号", "工单号", "Order number"], ["来电时间", "受理时间", "Call time"], ["诉求分类", "分类", "类别", "Category"],
        ["地址", "诉求地址", "事发地址", "Address"], ["诉求内容", "内容", "问题描述", "Content"], ["来电号码", "联系电话", "电话", "Caller phone"],
    ];

    private static readonly string[] TimeFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy年M月d日 H:mm"];

    public static byte[] Template()
    {
        var header = Headers.Select(h => h[0]).ToArray();
        var example = new Dictionary<string, object?>
        {
            [header[0]] = "12345-20261128-0001", [header[1]] = "2026-11-28 09:30", [header[2]] = "排水防汛",
            [header[3]] = "府前社区河边三巷", [header[4]] = "巷口下雨积水，老人出行不便", [header[5]] = "",
        };
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { example });
        return stream.ToArray();
    }

    public async Task<HotlineOutcome> ImportAsync(Stream file, string fileName, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var type = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ExcelType.CSV : ExcelType.XLSX;
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = [.. (await file.QueryAsync(useHeaderRow: true, excelType: type, cancellationToken: ct)).Cast<IDictionary<string, object?>>()];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HotlineOutcome(0, 0, [new ImportProblem(0, "", "The file could not be read as CSV or .xlsx")], []);
        }
        var snapshot = await catalogue.GetAsync(ct);
        var places = await catalogue.PlacesAsync(ct);
        var inScope = places.Communities.Where(c => db.Scope.All || db.Scope.Communities.Contains(c.Key)).ToList();
        var problems = new List<ImportProblem>();
        var prepared = new List<Matter>();
        // Order numbers already imported, looked up once for the whole file.
        var orderColumn = rows.Select(r => Headers[0].Select(h => r.TryGetValue(h, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() : null)
            .FirstOrDefault(v => !string.IsNullOrEmpty(v))).OfType<string>().Distinct().ToList();
        var seen = (await db.Matters.IgnoreQueryFilters().Where(m => m.HotlineOrderNo != null && orderColumn.Contains(m.HotlineOrderNo))
            .Select(m => m.HotlineOrderNo!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var already = 0;
        var line = 1;
        foreach (var row in rows)
        {
            line++;
            string Cell(int column)
            {
                var value = Headers[column].Select(h => row.TryGetValue(h, out var v) ? v : null).FirstOrDefault(v => v is not null);
                return value is DateTime dt ? dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                    : Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
            }
            if (Enumerable.Range(0, Columns.Length).All(c => Cell(c).Length == 0))
            {
                continue;
            }
            var order = Cell(0);
            if (order.Length is 0 or > 40)
            {
                problems.Add(new ImportProblem(line, Columns[0], "Order number is required (40 characters at most)"));
                continue;
            }
            if (!seen.Add(order))
            {
                already++;
                continue;
            }
            if (!DateTime.TryParseExact(Cell(1), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var called))
            {
                problems.Add(new ImportProblem(line, Columns[1], "Call time is not a date and time (e.g. 2026-11-28 09:30)"));
                continue;
            }
            var address = Cell(3);
            // The community: the one whose building the address names, else the one whose name it contains.
            var community = inScope.Select(c => (c.Key, Place: places.Match(c.Key, address))).FirstOrDefault(x => x.Place is not null).Key
                ?? inScope.Where(c => address.Contains(c.Value, StringComparison.Ordinal)).Select(c => c.Key).FirstOrDefault();
            if (community is null)
            {
                problems.Add(new ImportProblem(line, Columns[3], "The address names no community or place in your scope"));
                continue;
            }
            var category = CategoryFor(snapshot, Cell(2), Cell(4));
            var input = new MatterInput(category.Code, Cell(4), community, Address: address, ReporterPhone: Cell(5) is { Length: > 0 } p ? p : null);
            Matter matter;
            try
            {
                matter = await intake.PrepareAsync(input, user, MatterChannel.Hotline, ct, Display.ToUtc(called));
            }
            catch (FieldException refused)
            {
                foreach (var (field, messages) in refused.Errors.All)
                {
                    var column = field switch { "description" => Columns[4], "reporterPhone" => Columns[5], "address" => Columns[3], _ => Columns[2] };
                    problems.AddRange(messages.Select(m => new ImportProblem(line, column, m)));
                }
                continue;
            }
            matter.HotlineOrderNo = order;
            prepared.Add(matter);
        }
        if (rows.Count == 0)
        {
            problems.Add(new ImportProblem(0, "", "The file has no rows"));
        }
        if (prepared.Count > 0)
        {
            await TrackingCodes.RedrawTakenAsync(prepared, "M", m => m.TrackingCode, (m, code) => m.TrackingCode = code,
                (codes, token) => IntakeWriter.TakenCodesAsync(db, codes, token), ct);
            db.Matters.AddRange(prepared);
            db.Audit("import", "HotlineOrders", null, $"{prepared.Count} imported, {already} already imported, {problems.Count} problems from {fileName}");
            await db.SaveChangesAsync(ct);
        }
        return new HotlineOutcome(prepared.Count, already, problems, [.. prepared.Select(m => m.TrackingCode)]);
    }

    /// <summary>The hotline's category text: a category's name or code, else its keywords in the text, else 其他.</summary>
    public static MatterCategory CategoryFor(MatterCatalogue.Snapshot snapshot, string text, string content)
    {
        var active = snapshot.Categories.Where(c => c.Raisable).ToList();
        return active.FirstOrDefault(c => c.Name == text || c.Code == text)
            ?? active.FirstOrDefault(c => text.Length > 0 && (c.Name.Contains(text, StringComparison.Ordinal) || text.Contains(c.Name, StringComparison.Ordinal)))
            ?? active.Where(c => c.Keywords is not null)
                .FirstOrDefault(c => c.Keywords!.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(k => text.Contains(k, StringComparison.Ordinal) || content.Contains(k, StringComparison.Ordinal)))
            ?? active.First(c => c.Code == "other");
    }
}
