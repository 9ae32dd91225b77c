using System.Globalization;
using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.HealthAid;

/// <summary>
/// The one way health data leaves Huying in bulk: the team lead's .xlsx of the village's records, every row
/// watermarked with the exporter's name and the time, the export on the audit trail with the patients it held.
/// </summary>
public sealed class HealthExport(HuyingDbContext db, CareAccess care)
{
    public static readonly string[] Columns =
        ["Record number", "Name", "Sex", "Age", "Diagnosis", "Allergies", "Chronic conditions", "Last follow-up", "Next follow-up due", "Watermark"];

    /// <summary>Whether the caller leads a work team of one of its villages.</summary>
    public async Task<bool> IsLeadAsync(CancellationToken ct) =>
        care.IsCare && care.UserId is { } id && await db.Set<CareTeam>().AnyAsync(t => t.LeadUserId == id, ct);

    public async Task WriteAsync(Stream output, CancellationToken ct)
    {
        care.Require();
        if (!await IsLeadAsync(ct))
        {
            throw new NotAllowedException("Only the team lead exports health data");
        }
        await care.RequirePurposeAsync(ct);
        var year = care.Today.Year;
        var records = await (from r in db.Set<HealthRecord>().AsNoTracking()
                             join p in db.People.AsNoTracking() on r.PersonId equals p.Id
                             orderby r.Number
                             select new { r.Id, r.Number, r.Sealed, p.Name, p.Gender, p.BirthDate }).ToListAsync(ct);
        var conditions = await db.Set<ChronicCondition>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var enrolments = (await db.Set<Enrolment>().AsNoTracking().Where(e => e.EndedOn == null).ToListAsync(ct)).ToLookup(e => e.RecordId);
        var mark = $"{care.By} · {Display.Local(care.Now):yyyy-MM-dd HH:mm} · " + DictionaryLocalizer.Translate("Health data, for the team's work only");
        db.Audit("health-export", "HealthRecord", null, $"{records.Count}: " + string.Join(",", records.Select(r => r.Id)));
        await db.SaveChangesAsync(ct);
        var headers = Columns.Select(DictionaryLocalizer.Translate).ToArray();
        IEnumerable<IDictionary<string, object?>> Sheet()
        {
            foreach (var r in records)
            {
                var details = care.Open<HealthDetails>(r.Sealed);
                var mine = enrolments[r.Id].ToList();
                yield return new Dictionary<string, object?>
                {
                    [headers[0]] = r.Number,
                    [headers[1]] = SafeCell.Text(r.Name),
                    [headers[2]] = r.Gender == Organisation.Gender.Unknown ? "" : DictionaryLocalizer.Translate(r.Gender == Organisation.Gender.Male ? "male" : "female"),
                    [headers[3]] = r.BirthDate is { } b ? year - b.Year : null,
                    [headers[4]] = SafeCell.Text(details.Diagnosis ?? ""),
                    [headers[5]] = SafeCell.Text(details.Allergies ?? ""),
                    [headers[6]] = string.Join("、", mine.Select(e => conditions.GetValueOrDefault(e.ConditionId))),
                    [headers[7]] = mine.Max(e => e.LastFollowUpOn)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    [headers[8]] = mine.Count == 0 ? null : mine.Min(e => e.NextDueOn).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    [headers[9]] = mark,
                };
            }
        }
        await MiniExcelLibs.MiniExcel.SaveAsAsync(output, Sheet(), sheetName: DictionaryLocalizer.Translate("Health records"), cancellationToken: ct);
    }
}
