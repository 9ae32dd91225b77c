using Huying.Modules.Organisation;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

public enum QueueView
{
    Open,
    New,
    DueSoon,
    Overdue,
    CommunityQueue,
    /// <summary>Resolved, waiting for someone other than its resolver to verify on site.</summary>
    ToVerify,
    /// <summary>Escalated by a grid, waiting for the community to dispatch or handle.</summary>
    ToDispatch,
    /// <summary>An extension asked of the secretary.</summary>
    Extensions,
    Reworked,
    Closed,
    All,
}

public sealed record QueueFilter(string? Community = null, MatterState? State = null, long? Grid = null, bool? Overdue = null,
    QueueView View = QueueView.Open, string? Category = null, string? Q = null, int Page = 1, string? Division = null);

/// <summary>A matter past its deadline as a dashboard lists it: where, what kind and since when; never its text or reporter (a wall is read by many).</summary>
public sealed record OverdueMatter(long Id, string TrackingCode, string CategoryCode, string CommunityCode, long? GridId, DateTime DueAt);

/// <summary>Matters as the caller may see them: one, the queues, a page, possible duplicates, a reporter's phone.</summary>
public sealed class MattersService(HuyingDbContext db, PersonalData personal, Reveals reveals, TimeProvider clock)
{
    public const int PageSize = 50;
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    public Task<Matter?> FindAsync(long id, CancellationToken ct) =>
        db.Matters.Include(m => m.Events).AsSplitQuery().FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>The public tracking page reads by code, outside any scope.</summary>
    public Task<Matter?> FindByTrackingCodeAsync(string code, CancellationToken ct) =>
        db.Matters.IgnoreQueryFilters().Include(m => m.Events).AsSplitQuery().FirstOrDefaultAsync(m => m.TrackingCode == code.Trim().ToUpperInvariant(), ct);

    /// <summary>A matter for a public page (its code and state only are shown).</summary>
    public Task<Matter?> FindPublicAsync(long id, CancellationToken ct) =>
        db.Matters.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);

    public IQueryable<Matter> Queue(QueueFilter f)
    {
        var now = Now;
        var me = db.Scope.Actor.UserId ?? 0;
        var q = db.Matters.AsNoTracking();
        // The scope filter guards every query; the same limits restated as plain predicates let the database
        // reach a grid's, a unit's or a community's rows through its indexes instead of testing every row.
        var scope = db.Scope;
        // What is overdue across a county or the city is read from the open matters' deadline index, its first entries the
        // longest overdue: a list of communities here would make the database take the community index instead and read
        // every open matter of every community, then sort (a city's: 85 → 14 ms). The scope filter still guards the rows.
        var division = f.Division?.Trim();
        var wide = f.View == QueueView.Overdue && f.Grid is null && division is { Length: > 0 and <= 6 };
        if (wide)
        {
            q = q.Where(m => m.CommunityCode.StartsWith(division!));
        }
        else if (!scope.All && scope.PartnerUnitId is { } unit)
        {
            q = q.Where(m => m.UnitId == unit);
        }
        else if (!scope.All && scope.GridRestricted && scope.PersonId is null)
        {
            var grids = scope.Grids.ToList();
            q = q.Where(m => m.GridId != null && grids.Contains(m.GridId.Value));
        }
        else if (!scope.All && scope.PersonId is null)
        {
            var communities = scope.Communities.ToList();
            q = q.Where(m => communities.Contains(m.CommunityCode));
        }
        if (!string.IsNullOrEmpty(division) && !wide)
        {
            // A town's, county's or city's communities as a list (the reader's are known already), which the database
            // looks up in its (community, state, due) index; a subquery here makes it test every matter.
            if (scope.All)
            {
                var under = db.Communities.Where(c => c.Code.StartsWith(division)).Select(c => c.Code);
                q = q.Where(m => under.Contains(m.CommunityCode));
            }
            else
            {
                var under = scope.Communities.Where(c => c.StartsWith(division, StringComparison.Ordinal)).ToList();
                q = q.Where(m => under.Contains(m.CommunityCode));
            }
        }
        if (!string.IsNullOrWhiteSpace(f.Community))
        {
            q = q.Where(m => m.CommunityCode == f.Community);
        }
        if (f.State is { } state)
        {
            q = q.Where(m => m.State == state);
        }
        if (f.Grid is { } grid)
        {
            q = q.Where(m => m.GridId == grid);
        }
        if (!string.IsNullOrWhiteSpace(f.Category))
        {
            q = q.Where(m => m.CategoryCode == f.Category);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            q = q.Where(m => m.TrackingCode == text.ToUpperInvariant() || m.Description.Contains(text) || (m.Address != null && m.Address.Contains(text)));
        }
        if (f.Overdue == true)
        {
            q = q.Where(m => (int)m.State <= (int)MatterState.Verified && m.DueAt != null && m.DueAt < now);
        }
        q = f.View switch
        {
            QueueView.New => q.Where(m => m.State == MatterState.Submitted),
            // Deadlines are only owed while a matter is open: saying so lets the (community|grid, state, due)
            // indexes skip the closed nine tenths of a county's matters.
            QueueView.DueSoon => q.Where(m => (int)m.State <= (int)MatterState.Verified && m.WarnAt != null && m.WarnAt <= now && m.DueAt >= now),
            QueueView.Overdue => q.Where(m => (int)m.State <= (int)MatterState.Verified && m.DueAt != null && m.DueAt < now),
            QueueView.CommunityQueue => q.Where(m => m.GridId == null && (int)m.State <= (int)MatterState.Verified),
            QueueView.ToVerify => q.Where(m => m.State == MatterState.Resolved && (m.ResolvedByUserId == null || m.ResolvedByUserId != me)),
            QueueView.ToDispatch => q.Where(m => m.State == MatterState.Escalated),
            QueueView.Extensions => q.Where(m => (int)m.State <= (int)MatterState.Verified && m.ExtensionRequestedUntil != null),
            QueueView.Reworked => q.Where(m => m.ReopenCount > 0),
            QueueView.Closed => q.Where(m => (int)m.State >= (int)MatterState.Closed),
            QueueView.All => q,
            _ => f.State is null ? q.Where(m => (int)m.State <= (int)MatterState.Verified) : q,
        };
        return q;
    }

    public async Task<(List<Matter> Items, int Total)> PageAsync(QueueFilter f, CancellationToken ct)
    {
        var q = Queue(f);
        var total = await q.CountAsync(ct);
        var page = Platform.Web.Paging.Clamp(f.Page);
        // Those that fall due first come first; finished ones by recency.
        var items = await q.OrderBy(m => m.DueAt == null).ThenBy(m => m.DueAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>How many matters of a division (or one grid of it) are past their deadline now, and the longest overdue of them.</summary>
    public async Task<(int Count, List<OverdueMatter> Worst)> OverdueAsync(string division, long? grid, int take, CancellationToken ct)
    {
        var q = Queue(new QueueFilter(Division: division, Grid: grid, View: QueueView.Overdue));
        var worst = await q.OrderBy(m => m.DueAt).ThenBy(m => m.Id).Take(take)
            .Select(m => new OverdueMatter(m.Id, m.TrackingCode, m.CategoryCode, m.CommunityCode, m.GridId, m.DueAt!.Value)).ToListAsync(ct);
        return (worst.Count < take ? worst.Count : await q.CountAsync(ct), worst);
    }

    /// <summary>The reporter's full phone, for a stated reason; the reveal goes to the audit trail first.</summary>
    public Task<string?> RevealPhoneAsync(Matter m, string? reason, CancellationToken ct) =>
        reveals.RevealAsync(nameof(Matter), m.Id, "reporterPhone", reason, () => personal.Reveal(m.ReporterPhoneCipher), ct);

    /// <summary>The state as stored now, read fresh (after a lost race).</summary>
    public Task<MatterState?> CurrentStateAsync(long id, CancellationToken ct) =>
        db.Matters.AsNoTracking().Where(m => m.Id == id).Select(m => (MatterState?)m.State).FirstOrDefaultAsync(ct);

    public Task<List<ExtensionRequest>> ExtensionsAsync(long matterId, CancellationToken ct) =>
        db.ExtensionRequests.AsNoTracking().Where(x => x.MatterId == matterId).OrderBy(x => x.Id).ToListAsync(ct);

    public Task<List<Supervision>> SupervisionsAsync(long matterId, CancellationToken ct) =>
        db.Supervisions.AsNoTracking().Where(x => x.MatterId == matterId).OrderBy(x => x.Id).ToListAsync(ct);

    /// <summary>
    /// Possible duplicates: open matters in the same grid (or community queue) in the last 30 days, of the same
    /// category at the same place, or with similar text (Chinese character bigrams).
    /// </summary>
    public async Task<List<Duplicate>> DuplicatesAsync(Matter m, CancellationToken ct)
    {
        var since = m.SubmittedAt.AddDays(-30);
        // Only what the comparison and the lists show: hundreds of candidates for every new matter of a busy grid.
        var candidates = await db.Matters.AsNoTracking()
            .Where(x => x.Id != m.Id && x.CommunityCode == m.CommunityCode && x.GridId == m.GridId && x.SubmittedAt >= since
                && (int)x.State <= (int)MatterState.Verified)
            .OrderByDescending(x => x.Id).Take(300)
            .Select(x => new { x.Id, x.TrackingCode, x.State, x.Description, x.CategoryCode, x.BuildingId, x.Address }).ToListAsync(ct);
        var grams = TextSimilarity.Bigrams(m.Description);
        return [.. candidates
            .Select(x => new Duplicate(x.Id, x.TrackingCode, x.State, x.Description, TextSimilarity.Dice(grams, TextSimilarity.Bigrams(x.Description)),
                x.CategoryCode == m.CategoryCode && ((m.BuildingId != null && x.BuildingId == m.BuildingId) || (m.Address != null && x.Address == m.Address))))
            .Where(x => x.SamePlace || x.Similarity >= TextSimilarity.DuplicateThreshold)
            .OrderByDescending(x => x.SamePlace).ThenByDescending(x => x.Similarity)
            .Take(10)];
    }
}

/// <summary>An open matter that may be the same as another: same category and place, or similar text in its grid.</summary>
public sealed record Duplicate(long Id, string TrackingCode, MatterState State, string Description, double Similarity, bool SamePlace);
