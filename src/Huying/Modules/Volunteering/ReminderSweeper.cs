using System.Globalization;
using Huying.Platform.Audit;
using Huying.Platform.Background;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

/// <summary>
/// The day before: a text to each volunteer holding a place at an occurrence that starts within the next day (their
/// home card says the same in the app). A place is claimed by a conditional update before its text is written, in
/// one transaction, so with several instances each volunteer hears once.
/// </summary>
public sealed class ReminderSweeper(HuyingContextFactory contexts, TimeProvider clock, IConfiguration configuration, ILogger<ReminderSweeper> log)
    : PeriodicWork(clock, log, configuration, "Volunteering:ReminderSeconds", 600)
{
    protected override Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

    /// <summary>One pass; returns how many reminders it wrote.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = AuditEntry.Truncate(Clock.GetUtcNow().UtcDateTime);
        var horizon = now.AddDays(1);
        await using var db = contexts.Create(DataScope.System);
        db.AuditChanges = false;
        var due = await db.SignUps.AsNoTracking()
            .Where(s => s.State == SignUpState.Taken && s.RemindedAt == null && s.OccurrenceStart > now && s.OccurrenceStart <= horizon)
            .OrderBy(s => s.OccurrenceStart).ThenBy(s => s.Id).Take(1000)
            .Select(s => new { s.Id, s.ActivityId, s.VolunteerId, s.CommunityCode, s.OccurrenceStart }).ToListAsync(ct);
        var written = 0;
        foreach (var s in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.SignUps.Where(x => x.Id == s.Id && x.RemindedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.RemindedAt, now), ct);
            if (claimed == 0)
            {
                continue;
            }
            var volunteer = await db.Volunteers.AsNoTracking().FirstAsync(v => v.Id == s.VolunteerId, ct);
            var activity = await db.Activities.AsNoTracking().Where(a => a.Id == s.ActivityId).Select(a => new { a.Title, a.Venue }).FirstAsync(ct);
            SignUpService.Text(db, volunteer, s.CommunityCode, "Volunteer reminder",
                $"{Display.Local(s.OccurrenceStart).ToString("M-d HH:mm", CultureInfo.InvariantCulture)} {activity.Title}（{activity.Venue}）", now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            written++;
        }
        return written;
    }
}
