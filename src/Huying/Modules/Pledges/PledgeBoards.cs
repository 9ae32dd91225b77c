using Huying.Modules.Organisation;
using System.Text;
using Huying.Modules.Notices;
using Huying.Platform.Localization;
using Huying.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Pledges;

/// <summary>One branch's compliance in a month: who has no pledge, what waits on whom, what is overdue by the town's dates.</summary>
public sealed record BranchCompliance(string CommunityCode, string Name, int Members, int WithPledge, IReadOnlyList<MemberRef> WithoutPledge,
    int AwaitingReview, int AwaitingFiling, int AwaitingBoard, int OverdueBoard, int OverdueProgress, int OverdueEvaluation, int Completed);

public sealed record MemberRef(long Id, string Name);

/// <summary>The figures of DESIGN §7 for a division and a period.</summary>
public sealed record PledgeFigures(int Claimed, int Completed, int MembersWithoutPledge);

/// <summary>Pledges counted by one key (a kind, a month, a branch) for the charts and tables.</summary>
public sealed record PledgeCount(string Key, string Name, int Claimed, int Completed);

/// <summary>The party-affairs board (晒诺 and its results), the month's compliance and the figures.</summary>
public sealed partial class PledgeService
{
    /// <summary>A town's dates and naming; the defaults when it has set none.</summary>
    public async Task<PledgeTown> TownAsync(string code, CancellationToken ct)
    {
        var town = code[..Math.Min(9, code.Length)];
        return await db.PledgeTowns.AsNoTracking().FirstOrDefaultAsync(t => t.TownCode == town, ct) ?? new PledgeTown { TownCode = town };
    }

    /// <summary>The month's list as the public reads it: full names (the practice for party members) unless the town masks them.</summary>
    private async Task<Notice> BoardAsync(string community, DateOnly month, string reason, CancellationToken ct)
    {
        var town = await TownAsync(community, ct);
        var shown = await db.Pledges.IgnoreQueryFilters().AsNoTracking().Include(p => p.Member)
            .Where(p => p.CommunityCode == community && p.Month == month && p.State >= PledgeState.Published)
            .OrderBy(p => p.Kind).ThenBy(p => p.MemberId).ThenBy(p => p.Id).ToListAsync(ct);
        var branch = await db.Communities.IgnoreQueryFilters().AsNoTracking().Where(c => c.Code == community).Select(c => c.Name).FirstAsync(ct);
        var title = Tr.Public("{0} party members' pledges, {1}", BranchName(branch), $"{month.Year}年{month.Month}月");
        var body = new StringBuilder(Tr.Public("Studied by the branch committee and filed with the town party committee; residents may rate each pledge at month end."))
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"（/c/{community}/pledges）");
        body.Append("\n");
        var n = 0;
        foreach (var p in shown)
        {
            var name = town.MaskNames ? PersonalData.MaskName(p.Member!.Name) : p.Member!.Name;
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n{++n}. {name}（{Tr.Public(p.Kind.ToString())}）：{p.Title}")
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"\n   {Tr.Public("Done when")}：{p.DoneWhen}；{Tr.Public("Complete by")}：{p.DueOn.Month}月{p.DueOn.Day}日");
            if (p.Amendments > 0)
            {
                body.Append(System.Globalization.CultureInfo.InvariantCulture, $"（{Tr.Public("amended")}）");
            }
            if (p.State is PledgeState.Done or PledgeState.NotDone)
            {
                body.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n   {Tr.Public("Evaluation")}：{Tr.Public(p.State.ToString())} · {Tr.Public(p.Rating.ToString()!)}")
                    .Append(p.ResidentRatings > 0 ? $" · {Tr.Public("Residents' rating: {0} of {1} satisfied", p.ResidentSatisfied, p.ResidentRatings)}" : "")
                    .Append(p.Commendation is { } praise ? $"\n   {Tr.Public("Commended")}：{praise}" : "");
            }
        }
        var board = await db.PledgeBoards.IgnoreQueryFilters().FirstOrDefaultAsync(b => b.CommunityCode == community && b.Month == month, ct);
        if (board is null)
        {
            var notice = notices.Publish(community, NoticeKind.PledgeList, title, body.ToString(), null, 0, null, null, By);
            await db.SaveChangesAsync(ct);
            db.PledgeBoards.Add(new PledgeBoard { CommunityCode = community, Month = month, NoticeId = notice.Id });
            await db.SaveChangesAsync(ct);
            return notice;
        }
        await notices.ReplaceAsync(board.NoticeId, title, body.ToString(), Tr.Public(reason), By, ct);
        await db.SaveChangesAsync(ct);
        return await db.Notices.IgnoreQueryFilters().AsNoTracking().FirstAsync(x => x.Id == board.NoticeId, ct);
    }

    /// <summary>The board notice of a branch's month, when it has been shown.</summary>
    public Task<long?> BoardNoticeAsync(string community, DateOnly month, CancellationToken ct) =>
        db.PledgeBoards.IgnoreQueryFilters().AsNoTracking().Where(b => b.CommunityCode == community && b.Month == month).Select(b => (long?)b.NoticeId).FirstOrDefaultAsync(ct);

    /// <summary>"裴社村委会" is the village; its branch is "裴社村党支部".</summary>
    public static string BranchName(string place) =>
        (place.EndsWith("村委会", StringComparison.Ordinal) ? place[..^2] : place.EndsWith("居委会", StringComparison.Ordinal) ? place[..^3] + "社区" : place) + "党支部";

    /// <summary>The communities (villages) under a division in the caller's scope.</summary>
    private Task<List<Organisation.Community>> BranchesAsync(string division, CancellationToken ct) =>
        db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).OrderBy(c => c.Code).ToListAsync(ct);

    /// <summary>Members expected to pledge in a month: joined by its end, not left before it began.</summary>
    private IQueryable<BranchMember> ActiveIn(List<string> codes, DateOnly month)
    {
        var end = month.AddMonths(1).AddDays(-1);
        return db.BranchMembers.AsNoTracking().Where(m => codes.Contains(m.CommunityCode) && m.JoinedOn <= end && (m.LeftOn == null || m.LeftOn > month));
    }

    /// <summary>Every branch under a division for a month: members without a (submitted) pledge, what waits, what is overdue today.</summary>
    public async Task<List<BranchCompliance>> ComplianceAsync(string division, DateOnly month, CancellationToken ct)
    {
        var branches = await BranchesAsync(division, ct);
        var codes = branches.Select(b => b.Code).ToList();
        // Counted in the database: members per branch, the few without a pledge by name, pledges by branch, state and
        // whether progress was reported — a few hundred rows for a town of thousands of members.
        var members = await ActiveIn(codes, month).GroupBy(m => m.CommunityCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        var rows = db.Set<Pledge>();
        var without = await ActiveIn(codes, month).Where(m => !rows.Any(p => p.MemberId == m.Id && p.Month == month && p.State != PledgeState.Draft))
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.Name, m.CommunityCode }).ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking().Where(p => codes.Contains(p.CommunityCode) && p.Month == month)
            .GroupBy(p => new { p.CommunityCode, p.State, Progressed = p.ProgressAt != null })
            .Select(g => new { g.Key.CommunityCode, g.Key.State, ProgressAt = g.Key.Progressed ? (DateTime?)DateTime.MinValue : null, N = g.Count() }).ToListAsync(ct);
        var town = await TownAsync(division, ct);
        var today = Today;
        var past = today > month.AddMonths(1).AddDays(-1);
        var boardDue = past || (today.Year == month.Year && today.Month == month.Month && today.Day > town.PublishBy);
        var progressDue = past || (today.Year == month.Year && today.Month == month.Month && today.Day > town.ProgressBy);
        return [.. branches.Select(b =>
        {
            var mine = pledges.Where(p => p.CommunityCode == b.Code).ToList();
            int Count(Func<PledgeState, DateTime?, bool> which) => mine.Where(p => which(p.State, p.ProgressAt)).Sum(p => p.N);
            var none = without.Where(m => m.CommunityCode == b.Code).ToList();
            var count = members.GetValueOrDefault(b.Code);
            return new BranchCompliance(b.Code, BranchName(b.Name), count, count - none.Count, [.. none.Select(m => new MemberRef(m.Id, m.Name))],
                Count((s, _) => s == PledgeState.Submitted), Count((s, _) => s == PledgeState.Approved), Count((s, _) => s == PledgeState.Filed),
                boardDue ? Count((s, _) => s is > PledgeState.Draft and < PledgeState.Published) : 0,
                progressDue ? Count((s, progress) => s == PledgeState.Published && progress == null) : 0,
                past ? Count((s, _) => s is PledgeState.Published or PledgeState.Reported) : 0,
                Count((s, _) => s == PledgeState.Done));
        })];
    }

    /// <summary>
    /// Claimed (submitted or further; a pledge carried on from last month is not claimed again) and completed pledges of the months a period touches, and the members without a
    /// pledge in its last month (this month at the latest).
    /// </summary>
    public async Task<PledgeFigures> FiguresAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (first, last) = Months(from, to);
        var codes = (await BranchesAsync(division, ct)).Select(b => b.Code).ToList();
        var counted = await Counted(codes, first, last)
            .GroupBy(p => 1).Select(g => new { N = g.Count(p => p.CarriedFromId == null), C = g.Count(p => p.State == PledgeState.Done) }).FirstOrDefaultAsync(ct);
        var month = last < ThisMonth ? last : ThisMonth;
        var pledgeRows = db.Set<Pledge>();
        var without = await ActiveIn(codes, month)
            .CountAsync(m => !pledgeRows.Any(p => p.MemberId == m.Id && p.Month == month && p.State != PledgeState.Draft), ct);
        return new PledgeFigures(counted?.N ?? 0, counted?.C ?? 0, without);
    }

    /// <summary>The same counts by kind, by month or by branch, for the charts.</summary>
    public async Task<List<PledgeCount>> CountsAsync(string division, DateOnly? from, DateOnly? to, string by, CancellationToken ct)
    {
        var (first, last) = Months(from, to);
        var branches = await BranchesAsync(division, ct);
        var codes = branches.Select(b => b.Code).ToList();
        if (by == "kind")
        {
            var kinds = await Counted(codes, first, last).GroupBy(p => p.Kind)
                .Select(g => new { g.Key, N = g.Count(p => p.CarriedFromId == null), C = g.Count(p => p.State == PledgeState.Done) }).ToListAsync(ct);
            return [.. Enum.GetValues<PledgeKind>().Select(k => kinds.FirstOrDefault(x => x.Key == k) is { } x
                ? new PledgeCount(k.ToString(), Tr.Name(k), x.N, x.C) : new PledgeCount(k.ToString(), Tr.Name(k), 0, 0))];
        }
        if (by == "month")
        {
            var months = await Counted(codes, first, last).GroupBy(p => p.Month)
                .Select(g => new { g.Key, N = g.Count(p => p.CarriedFromId == null), C = g.Count(p => p.State == PledgeState.Done) }).ToListAsync(ct);
            var all = new List<PledgeCount>();
            for (var m = first; m <= last && m <= ThisMonth; m = m.AddMonths(1))
            {
                var x = months.FirstOrDefault(y => y.Key == m);
                all.Add(new PledgeCount(MonthKey(m), MonthKey(m), x?.N ?? 0, x?.C ?? 0));
            }
            return all;
        }
        var byBranch = await Counted(codes, first, last).GroupBy(p => p.CommunityCode)
            .Select(g => new { g.Key, N = g.Count(p => p.CarriedFromId == null), C = g.Count(p => p.State == PledgeState.Done) }).ToListAsync(ct);
        return [.. branches.Select(b => byBranch.FirstOrDefault(x => x.Key == b.Code) is { } x
            ? new PledgeCount(b.Code, BranchName(b.Name), x.N, x.C) : new PledgeCount(b.Code, BranchName(b.Name), 0, 0))];
    }

    /// <summary>
    /// By kind and by month from one grouped query (kind × month: at most five rows a month), for the town's page, which
    /// shows both (one query instead of two; each alone is cheaper by its own grouping, so the endpoint keeps those).
    /// </summary>
    public async Task<(List<PledgeCount> ByKind, List<PledgeCount> ByMonth)> KindsAndMonthsAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (first, last) = Months(from, to);
        var codes = (await BranchesAsync(division, ct)).Select(b => b.Code).ToList();
        var cells = await Counted(codes, first, last).GroupBy(p => new { p.Kind, p.Month })
            .Select(g => new { g.Key.Kind, g.Key.Month, N = g.Count(p => p.CarriedFromId == null), C = g.Count(p => p.State == PledgeState.Done) }).ToListAsync(ct);
        var kinds = Enum.GetValues<PledgeKind>().Select(k => new PledgeCount(k.ToString(), Tr.Name(k), cells.Where(c => c.Kind == k).Sum(c => c.N),
            cells.Where(c => c.Kind == k).Sum(c => c.C))).ToList();
        var months = new List<PledgeCount>();
        for (var m = first; m <= last && m <= ThisMonth; m = m.AddMonths(1))
        {
            months.Add(new PledgeCount(MonthKey(m), MonthKey(m), cells.Where(c => c.Month == m).Sum(c => c.N), cells.Where(c => c.Month == m).Sum(c => c.C)));
        }
        return (kinds, months);
    }

    private IQueryable<Pledge> Counted(List<string> codes, DateOnly first, DateOnly last) =>
        db.Pledges.AsNoTracking().Where(p => codes.Contains(p.CommunityCode) && p.Month >= first && p.Month <= last && p.State != PledgeState.Draft);

    /// <summary>The months a period touches: from its first day's month to its last day's; this year to this month when not given.</summary>
    private (DateOnly First, DateOnly Last) Months(DateOnly? from, DateOnly? to)
    {
        var f = from ?? new DateOnly(Today.Year, 1, 1);
        var t = to ?? Today;
        return (new DateOnly(f.Year, f.Month, 1), new DateOnly(t.Year, t.Month, 1));
    }
}
