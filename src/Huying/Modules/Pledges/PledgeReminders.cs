using Huying.Platform.Audit;
using Huying.Platform.Background;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Notifications;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Pledges;

/// <summary>
/// A reminder sent (or due to a member without an account, counted): its key says what for and when — an automatic
/// one once per member or pledge and month, one tapped by the branch once per day — so a repeated pass or tap sends
/// nothing twice, whichever instance runs it.
/// </summary>
public sealed class PledgeReminder : ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public DateOnly Month { get; set; }
    public required string Key { get; set; }
    public DateTime SentAt { get; set; }
}

public sealed class PledgeReminderConfiguration : IEntityTypeConfiguration<PledgeReminder>
{
    public void Configure(EntityTypeBuilder<PledgeReminder> b)
    {
        b.ToTable("PledgeReminders");
        b.Property(r => r.CommunityCode).HasMaxLength(12);
        b.Property(r => r.Key).HasMaxLength(80);
        b.HasIndex(r => r.Key).IsUnique();
        b.HasIndex(r => new { r.CommunityCode, r.Month });
    }
}

/// <summary>What one tap (or one pass) did: members reminded in the app, those without an account (to be told in person), those already reminded today.</summary>
public sealed record RemindResult(int Reminded, int WithoutAccount, int AlreadyReminded);

/// <summary>
/// The month's reminders by the town's dates: members without a pledge from two days before the boards go up, a
/// progress report from two days before it is due, the month-end report in the month's last three days; the branch
/// about pledges waiting for its review, its board or its evaluation, the town about pledges waiting to be filed.
/// </summary>
public sealed class PledgeReminders(HuyingContextFactory contexts, TimeProvider clock, IConfiguration configuration, ILogger<PledgeReminders> log)
    : PeriodicWork(clock, log, configuration, "Pledges:RemindSeconds", 3600)
{
    protected override Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

    /// <summary>One pass over every branch with members; returns how many reminders it sent in the app.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = AuditEntry.Truncate(Clock.GetUtcNow().UtcDateTime);
        await using var db = contexts.Create(DataScope.System);
        db.AuditChanges = false;
        var towns = await db.PledgeTowns.AsNoTracking().ToDictionaryAsync(t => t.TownCode, ct);
        var branches = await db.BranchMembers.AsNoTracking().Where(m => m.LeftOn == null).Select(m => m.CommunityCode).Distinct().OrderBy(c => c).ToListAsync(ct);
        var sent = 0;
        foreach (var branch in branches)
        {
            var town = towns.GetValueOrDefault(branch[..9]) ?? new PledgeTown { TownCode = branch[..9] };
            sent += (await RemindAsync(db, branch, town, now, tap: false, ct)).Reminded;
        }
        return sent;
    }

    /// <summary>The reminders due in one branch today, written with their notifications in one transaction.</summary>
    internal static async Task<RemindResult> RemindAsync(HuyingDbContext db, string community, PledgeTown town, DateTime now, bool tap, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Display.Local(now));
        var month = new DateOnly(today.Year, today.Month, 1);
        var lastDay = DateTime.DaysInMonth(today.Year, today.Month);
        var reportDue = today.Day >= lastDay - 2;
        var progressDue = tap ? today.Day > town.PublishBy : today.Day >= town.ProgressBy - 2;
        var claimDue = tap || today.Day >= Math.Max(1, town.PublishBy - 2);
        var stamp = tap ? today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : PledgeService.MonthKey(month);
        var due = new List<(string Key, long? UserId, long? PledgeId, string Subject, string Link)>();
        if (claimDue)
        {
            var end = month.AddMonths(1).AddDays(-1);
            var rows = db.Set<Pledge>();
            var without = await db.BranchMembers.AsNoTracking()
                .Where(m => m.CommunityCode == community && m.JoinedOn <= end && m.LeftOn == null
                    && !rows.Any(p => p.MemberId == m.Id && p.Month == month && p.State != PledgeState.Draft))
                .OrderBy(m => m.Id).Select(m => new { m.Id, m.UserId }).ToListAsync(ct);
            due.AddRange(without.Select(m => (Key(tap, "claim", m.Id, stamp), m.UserId, (long?)null,
                Tr.Public("Claim this month's pledge: at least one real matter a month"), "/pledges/me#claim-form")));
        }
        if (progressDue || reportDue)
        {
            var published = await db.Pledges.AsNoTracking().Where(p => p.CommunityCode == community && p.Month == month && p.State == PledgeState.Published)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.Title, p.ProgressAt, p.Member!.UserId }).ToListAsync(ct);
            foreach (var p in published)
            {
                if (reportDue)
                {
                    due.Add((Key(tap, "report", p.Id, stamp), p.UserId, p.Id, Tr.Public("Month end: report what was done — {0}", p.Title), $"/pledges/me#pledge-{p.Id}"));
                }
                else if (p.ProgressAt is null)
                {
                    due.Add((Key(tap, "progress", p.Id, stamp), p.UserId, p.Id, Tr.Public("Mid-month: report progress and difficulties — {0}", p.Title), $"/pledges/me#pledge-{p.Id}"));
                }
            }
        }
        var branchDue = new List<(string Key, Audience Audience, string Subject)>();
        if (!tap && today.Day >= Math.Max(1, town.PublishBy - 1))
        {
            var waiting = await db.Pledges.AsNoTracking().Where(p => p.CommunityCode == community && p.Month == month
                    && (p.State == PledgeState.Submitted || p.State == PledgeState.Approved || p.State == PledgeState.Filed || (reportDue && p.State == PledgeState.Reported)))
                .GroupBy(p => p.State).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
            void Branch(PledgeState state, string what, Audience audience, string text)
            {
                if (waiting.GetValueOrDefault(state) is > 0 and var n)
                {
                    branchDue.Add((Key(false, what, 0, stamp) + ":" + community, audience, Tr.Public(text, n)));
                }
            }
            Branch(PledgeState.Submitted, "review", Audience.Handler, "{0} pledges wait for the branch committee's review");
            Branch(PledgeState.Approved, "file", Audience.Supervisor, "{0} pledges wait for the town's filing");
            Branch(PledgeState.Filed, "board", Audience.Handler, "{0} filed pledges wait to be shown on the board");
            Branch(PledgeState.Reported, "evaluate", Audience.Handler, "{0} pledges wait for the month-end evaluation");
        }
        var sent = await db.Set<PledgeReminder>().AsNoTracking().Where(r => r.CommunityCode == community && r.Month == month).Select(r => r.Key).ToListAsync(ct);
        var already = sent.ToHashSet();
        var fresh = due.Where(d => !already.Contains(d.Key)).ToList();
        var freshBranch = branchDue.Where(d => !already.Contains(d.Key)).ToList();
        foreach (var d in fresh)
        {
            db.Add(new PledgeReminder { CommunityCode = community, Month = month, Key = d.Key, SentAt = now });
            if (d.UserId is { } userId)
            {
                db.Notifications.Add(new Notification
                {
                    CreatedAt = now, SubjectType = d.PledgeId is null ? null : nameof(Pledge), SubjectId = d.PledgeId, Link = d.Link, Kind = "Pledge reminder", Subject = d.Subject,
                    CommunityCode = community, Audience = Audience.Handler, Channel = NotificationChannel.InApp, DeliveredAt = now, ForUserId = userId,
                });
            }
        }
        foreach (var d in freshBranch)
        {
            db.Add(new PledgeReminder { CommunityCode = community, Month = month, Key = d.Key, SentAt = now });
            db.Notifications.Add(new Notification
            {
                CreatedAt = now, Link = $"/pledges?community={community}", Kind = "Pledge reminder", Subject = d.Subject, CommunityCode = community,
                Audience = d.Audience, Channel = NotificationChannel.InApp, DeliveredAt = now,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another pass (another instance, a second tap) wrote them first: they are sent, once.
            db.ChangeTracker.Clear();
            return new RemindResult(0, 0, due.Count);
        }
        db.ChangeTracker.Clear();
        return new RemindResult(fresh.Count(d => d.UserId is not null) + freshBranch.Count, fresh.Count(d => d.UserId is null), due.Count - fresh.Count);
    }

    private static string Key(bool tap, string what, long id, string stamp) => $"{(tap ? "tap" : "auto")}:{what}:{id}:{stamp}";
}

/// <summary>One tap on the month's view: remind the members of a branch who are behind today.</summary>
public sealed partial class PledgeService
{
    public async Task<RemindResult> RemindAsync(string community, CancellationToken ct)
    {
        user.Require(PledgePolicies.Oversee, "Only the branch or the town reminds its members");
        var result = await PledgeReminders.RemindAsync(db, community, await TownAsync(community, ct), Now, tap: true, ct);
        return result;
    }
}
