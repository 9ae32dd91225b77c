using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Heritage;

public sealed record VisitInput(long? SiteId, DateOnly? VisitOn, string? GroupName, int? Size, string? ContactName, string? ContactPhone);

public sealed record EventInput(string? Title, string? Kind, DateOnly? On, string? Place, string? CommunityCode);

/// <summary>An education base as the public sees it: its name, what it can still take on a day is asked of the booking.</summary>
public sealed record EducationBase(long Id, string Name, string CommunityCode, int? DailyCapacity);

/// <summary>
/// Education: groups book visits to an education base (the public page or the base on the phone), the base receives
/// them — who came, who guided — or calls them off; the centre's and branches' events (talks in schools and
/// villages, 5·18, Heritage Day) are planned and then recorded with their attendance.
/// </summary>
public sealed class HeritageVisits(HuyingDbContext db, CurrentUser user, PersonalData personal, HeritageSites sites, TimeProvider clock)
{
    /// <summary>How far ahead a visit may be booked.</summary>
    public const int BookAheadDays = 90;

    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
    private DateOnly Today => DateOnly.FromDateTime(Display.Local(Now));
    private string By => user.Principal?.DisplayName() is { Length: > 0 } name ? name : user.Principal?.Identity?.Name ?? "system";

    /// <summary>The bases anyone may book, in a query of their own outside any scope (public fields only).</summary>
    public Task<List<EducationBase>> BasesAsync(CancellationToken ct) =>
        db.Set<HeritageSite>().IgnoreQueryFilters().AsNoTracking().Where(s => s.EducationBase).OrderBy(s => s.Name)
            .Select(s => new EducationBase(s.Id, s.Name, s.CommunityCode, s.DailyCapacity)).ToListAsync(ct);

    /// <summary>Books a visit: a base, a day from tomorrow up to 90 days ahead, the group, its size within what the base still takes that day, and a contact.</summary>
    public async Task<HeritageVisit> BookAsync(VisitInput input, CancellationToken ct)
    {
        var bases = await BasesAsync(ct);
        var site = bases.FirstOrDefault(b => b.Id == input.SiteId);
        var today = Today;
        var group = input.GroupName?.Trim() ?? "";
        var contact = input.ContactName?.Trim() ?? "";
        var phone = input.ContactPhone?.Trim() ?? "";
        var errors = new FieldErrors()
            .Add("siteId", site is null ? "Choose the education base" : null)
            .Add("visitOn", input.VisitOn is not { } on ? "Choose the day of the visit"
                : on <= today ? "Book from tomorrow on" : on > today.AddDays(BookAheadDays) ? new Message("Book at most {0} days ahead", BookAheadDays) : (Message?)null)
            .Add("groupName", group.Length < 2 ? "Name the group" : group.Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null)
            .Add("size", input.Size is not (>= 1 and <= 500) ? "A group is 1 to 500 people" : null)
            .Add("contactName", contact.Length == 0 ? "Name the group's contact" : contact.Length > 50 ? new Message("Keep it under {0} characters", 50) : (Message?)null)
            .Add("contactPhone", Validators.Mobile(phone));
        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (site!.DailyCapacity is { } capacity)
        {
            // Bookings of one base take turns: a no-op write to the base's row holds its lock to the commit, so two
            // groups asking for the last places at once are counted one after the other, never both let in.
            await db.Set<HeritageSite>().IgnoreQueryFilters().Where(s => s.Id == site.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.DailyCapacity, s => s.DailyCapacity), ct);
            var booked = await db.Set<HeritageVisit>().IgnoreQueryFilters()
                .Where(v => v.SiteId == site.Id && v.VisitOn == input.VisitOn && v.State != VisitState.Cancelled).SumAsync(v => (int?)v.Size, ct) ?? 0;
            if (booked + input.Size > capacity)
            {
                throw new FieldException("visitOn", new Message("The base takes {0} more visitors that day: choose another day", Math.Max(0, capacity - booked)));
            }
        }
        var stored = personal.ProtectPhone(phone);
        var visit = new HeritageVisit
        {
            Code = TrackingCodes.New("V"), SiteId = site.Id, CommunityCode = site.CommunityCode, GroupName = group, Size = input.Size!.Value,
            VisitOn = input.VisitOn!.Value, ContactName = contact, ContactPhoneCipher = stored.Cipher, ContactPhoneMasked = stored.Masked,
            State = VisitState.Booked, BookedAt = Now,
        };
        db.Set<HeritageVisit>().Add(visit);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return visit;
    }

    /// <summary>The group's own booking, by its code (the code is the proof, as a matter's tracking code is).</summary>
    public Task<HeritageVisit?> FindByCodeAsync(string? code, CancellationToken ct) =>
        code is { Length: > 2 and <= 12 }
            ? db.Set<HeritageVisit>().IgnoreQueryFilters().FirstOrDefaultAsync(v => v.Code == code.Trim().ToUpperInvariant(), ct)
            : Task.FromResult<HeritageVisit?>(null);

    /// <summary>The group calls its visit off (before the day).</summary>
    public async Task CallOffAsync(HeritageVisit visit, CancellationToken ct)
    {
        if (visit.State != VisitState.Booked || visit.VisitOn < Today)
        {
            throw new RuleViolationException("Only a booked visit still ahead can be called off");
        }
        visit.State = VisitState.Cancelled;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The bookings of the division's bases in scope: those ahead (and today's) soonest first, or the past ones newest first.</summary>
    public Task<List<HeritageVisit>> ListAsync(string division, bool past, CancellationToken ct)
    {
        var today = Today;
        var q = db.Set<HeritageVisit>().AsNoTracking().Where(v => v.CommunityCode.StartsWith(division));
        return past
            ? q.Where(v => v.VisitOn < today).OrderByDescending(v => v.VisitOn).ThenByDescending(v => v.Id).Take(200).ToListAsync(ct)
            : q.Where(v => v.VisitOn >= today).OrderBy(v => v.VisitOn).ThenBy(v => v.Id).Take(200).ToListAsync(ct);
    }

    public Task<HeritageVisit?> FindAsync(long id, CancellationToken ct) => db.Set<HeritageVisit>().FirstOrDefaultAsync(v => v.Id == id, ct);

    private async Task RequireKeeperAsync(HeritageVisit visit, CancellationToken ct)
    {
        var keeper = await db.Set<HeritageSite>().AsNoTracking().Where(s => s.Id == visit.SiteId).Select(s => new { s.KeeperUnitId }).FirstOrDefaultAsync(ct);
        if (keeper is null || !sites.Keeps(keeper.KeeperUnitId))
        {
            throw new NotAllowedException("Only those who keep the base receive its visits");
        }
    }

    /// <summary>The base received the group (on the day or after): who came and who guided them.</summary>
    public async Task ReceiveAsync(HeritageVisit visit, int? attended, string? guide, CancellationToken ct)
    {
        await RequireKeeperAsync(visit, ct);
        new FieldErrors()
            .Add("attended", attended is not (>= 1 and <= 1000) ? "Say how many came (1 to 1,000)" : null)
            .Add("guide", guide?.Trim().Length > 50 ? new Message("Keep it under {0} characters", 50) : (Message?)null)
            .ThrowIfAny();
        if (visit.State != VisitState.Booked || visit.VisitOn > Today)
        {
            throw new RuleViolationException("A booked visit is received on its day or after");
        }
        visit.State = VisitState.Visited;
        visit.Attended = attended;
        visit.Guide = guide?.Trim() is { Length: > 0 } g ? g : visit.Guide;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The base calls a booked visit off (the group rang, or the base must close).</summary>
    public async Task CancelAsync(HeritageVisit visit, CancellationToken ct)
    {
        await RequireKeeperAsync(visit, ct);
        if (visit.State != VisitState.Booked)
        {
            throw new RuleViolationException("Only a booked visit can be called off");
        }
        visit.State = VisitState.Cancelled;
        await db.SaveChangesAsync(ct);
    }

    public Task<List<HeritageEvent>> EventsAsync(string division, CancellationToken ct) =>
        db.Set<HeritageEvent>().AsNoTracking().Where(e => e.CommunityCode.StartsWith(division)).OrderByDescending(e => e.On).ThenByDescending(e => e.Id)
            .Take(200).ToListAsync(ct);

    public Task<HeritageEvent?> FindEventAsync(long id, CancellationToken ct) => db.Set<HeritageEvent>().FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>Plans an event of a village or community in the caller's scope (those who keep the sites plan them).</summary>
    public async Task<HeritageEvent> AddEventAsync(EventInput input, CancellationToken ct)
    {
        if (!user.Holds(HeritagePolicies.Keep))
        {
            throw new NotAllowedException("Only those who keep the sites plan events");
        }
        var title = input.Title?.Trim() ?? "";
        var place = input.Place?.Trim() ?? "";
        var community = input.CommunityCode?.Trim() ?? "";
        var ok = Enum.TryParse<EventKind>(input.Kind, true, out var kind) && Enum.IsDefined(kind) && !(input.Kind ?? "").All(char.IsDigit);
        new FieldErrors()
            .Add("title", title.Length == 0 ? "Name the event" : title.Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null)
            .Add("kind", ok ? null : "Choose the kind of event")
            .Add("on", input.On is not { } on ? "Choose the day" : on < Today.AddYears(-1) || on > Today.AddYears(1) ? "Choose a day within a year of today" : null)
            .Add("place", place.Length == 0 ? "Say where it is held" : place.Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null)
            .Add("communityCode", await db.Communities.AnyAsync(c => c.Code == community, ct) ? null : "Choose the village or community")
            .ThrowIfAny();
        var e = new HeritageEvent { Title = title, Kind = kind, On = input.On!.Value, Place = place, CommunityCode = community, By = By, CreatedAt = Now };
        db.Set<HeritageEvent>().Add(e);
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>Records who came, once the event was held.</summary>
    public async Task RecordAttendanceAsync(HeritageEvent e, int? attendance, CancellationToken ct)
    {
        if (!user.Holds(HeritagePolicies.Keep))
        {
            throw new NotAllowedException("Only those who keep the sites record events");
        }
        new FieldErrors().Add("attendance", attendance is not (>= 1 and <= 100_000) ? "Say how many came" : null).ThrowIfAny();
        if (e.On > Today)
        {
            throw new RuleViolationException("Attendance is recorded once the event was held");
        }
        e.Attendance = attendance;
        await db.SaveChangesAsync(ct);
    }
}
