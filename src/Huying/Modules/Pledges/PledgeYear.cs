using Huying.Modules.Organisation;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Pledges;

/// <summary>A member's year for 评优评先: pledges claimed and done, the branch's ratings, residents' satisfaction.</summary>
public sealed record MemberYear(long MemberId, string Member, string CommunityCode, string Branch, int Claimed, int Done, int Excellent, int Good,
    int ResidentRatings, int ResidentSatisfied, int Commended);

public sealed partial class PledgeService
{
    /// <summary>Every member of the branches under a division, with their year's pledges counted (members without any too).</summary>
    public async Task<List<MemberYear>> YearAsync(string division, int year, CancellationToken ct)
    {
        var branches = await BranchesAsync(division, ct);
        var codes = branches.Select(b => b.Code).ToList();
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 1));
        var counted = await db.Pledges.AsNoTracking().Where(p => codes.Contains(p.CommunityCode) && p.Month >= first && p.Month <= last && p.State != PledgeState.Draft)
            .GroupBy(p => p.MemberId).Select(g => new
            {
                g.Key, Claimed = g.Count(p => p.CarriedFromId == null), Done = g.Count(p => p.State == PledgeState.Done),
                Excellent = g.Count(p => p.Rating == PledgeRating.Excellent), Good = g.Count(p => p.Rating == PledgeRating.Good),
                Ratings = g.Sum(p => p.ResidentRatings), Satisfied = g.Sum(p => p.ResidentSatisfied), Commended = g.Count(p => p.Commendation != null),
            }).ToDictionaryAsync(g => g.Key, ct);
        var names = branches.ToDictionary(b => b.Code, b => BranchName(b.Name));
        var members = await db.BranchMembers.AsNoTracking().Where(m => codes.Contains(m.CommunityCode) && m.JoinedOn <= last.AddMonths(1) && (m.LeftOn == null || m.LeftOn > first))
            .OrderBy(m => m.CommunityCode).ThenBy(m => m.Id).ToListAsync(ct);
        return [.. members.Select(m => counted.GetValueOrDefault(m.Id) is { } c
            ? new MemberYear(m.Id, m.Name, m.CommunityCode, names[m.CommunityCode], c.Claimed, c.Done, c.Excellent, c.Good, c.Ratings, c.Satisfied, c.Commended)
            : new MemberYear(m.Id, m.Name, m.CommunityCode, names[m.CommunityCode], 0, 0, 0, 0, 0, 0, 0))];
    }

    public static readonly string[] YearColumns =
        ["Branch", "Member", "Pledges claimed", "Done", "Rated excellent", "Rated good", "Residents' ratings", "Residents satisfied", "Commendations"];

    /// <summary>The year as an .xlsx sheet for 评优评先 (user text written so a spreadsheet never reads it as a formula).</summary>
    public static async Task WriteYearXlsxAsync(Stream output, IEnumerable<MemberYear> rows, CancellationToken ct)
    {
        var headers = YearColumns.Select(DictionaryLocalizer.Translate).ToArray();
        IEnumerable<IDictionary<string, object?>> Sheet()
        {
            foreach (var r in rows)
            {
                yield return new Dictionary<string, object?>
                {
                    [headers[0]] = SafeCell.Text(r.Branch), [headers[1]] = SafeCell.Text(r.Member), [headers[2]] = r.Claimed, [headers[3]] = r.Done,
                    [headers[4]] = r.Excellent, [headers[5]] = r.Good, [headers[6]] = r.ResidentRatings, [headers[7]] = r.ResidentSatisfied, [headers[8]] = r.Commended,
                };
            }
        }
        await MiniExcelLibs.MiniExcel.SaveAsAsync(output, Sheet(), sheetName: DictionaryLocalizer.Translate("Members' year"), cancellationToken: ct);
    }

    /// <summary>The signed-in member's year: the counts of <see cref="YearAsync"/> for them alone, and their pledges of it that were rated or commended.</summary>
    public async Task<(MemberYear Summary, List<Pledge> Closed)?> MyYearAsync(int year, CancellationToken ct)
    {
        if (await MeAsync(ct) is not { } me)
        {
            return null;
        }
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 1));
        // A query of its own over the member's own pledges (a member has no scope of branches).
        var mine = await db.Pledges.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.MemberId == me.Id && p.Month >= first && p.Month <= last && p.State != PledgeState.Draft).OrderBy(p => p.Month).ThenBy(p => p.Id).ToListAsync(ct);
        var summary = new MemberYear(me.Id, me.Name, me.CommunityCode, "", mine.Count(p => p.CarriedFromId == null), mine.Count(p => p.State == PledgeState.Done),
            mine.Count(p => p.Rating == PledgeRating.Excellent), mine.Count(p => p.Rating == PledgeRating.Good), mine.Sum(p => p.ResidentRatings),
            mine.Sum(p => p.ResidentSatisfied), mine.Count(p => p.Commendation != null));
        return (summary, [.. mine.Where(p => p.State is PledgeState.Done or PledgeState.NotDone)]);
    }
}
