using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Notifications;
using Huying.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

public sealed record SignUpInput(long? PostId, long? At, long? VolunteerId, bool? Waitlist);

public sealed record HoursInput(List<long>? Present, Dictionary<long, decimal>? Hours);

public sealed record ServedInput(long? At, int? PeopleServed);

public sealed record CancelOccurrenceInput(long? At, string? Reason);

/// <summary>
/// Places on posts: sign-up by the volunteer or assignment by the team leader, the waiting list, cancellation and
/// promotion, check-in by the activity's signed code or the leader's tick, confirmed hours and people served.
/// Pages and endpoints both come here, so each act is authorized once.
/// </summary>
public sealed partial class SignUpService(HuyingDbContext db, Schedule schedule, CurrentUser user, IDataProtectionProvider protection,
    TimeProvider clock)
{
    /// <summary>Check-in opens this long before an occurrence starts; check-out stays open this long after it ends.</summary>
    public static readonly TimeSpan EarlyCheckIn = TimeSpan.FromHours(1);
    public static readonly TimeSpan LateCheckOut = TimeSpan.FromHours(2);

    private ITimeLimitedDataProtector CheckInCodes => protection.CreateProtector("Huying.Volunteering.CheckIn").ToTimeLimitedDataProtector();
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
    private ClaimsPrincipal Principal => user.Principal ?? new ClaimsPrincipal();

    public long? UserId => Principal.UserId();

    /// <summary>The signed-in user's volunteer record (their own, whatever the scope), or null.</summary>
    public async Task<Volunteer?> MeAsync(CancellationToken ct) =>
        UserId is { } id ? await db.Volunteers.IgnoreQueryFilters().FirstOrDefaultAsync(v => v.UserId == id, ct) : null;

    /// <summary>An activity as the public sees it (title, time, posts): any community, for signing up.</summary>
    public Task<Activity?> PublicActivityAsync(long id, CancellationToken ct) =>
        db.Activities.IgnoreQueryFilters().Include(a => a.Posts).Include(a => a.Team).FirstOrDefaultAsync(a => a.Id == id && a.CancelledAt == null, ct);

    /// <summary>Who runs an activity's day: the community's organisers in scope, and its team's leader.</summary>
    public async Task<bool> CanLeadAsync(Activity activity, CancellationToken ct)
    {
        if (user.Holds(VolunteeringPolicies.Organise) && await db.Activities.AnyAsync(a => a.Id == activity.Id, ct))
        {
            return true;
        }
        if (activity.TeamId is null || UserId is not { } uid)
        {
            return false;
        }
        return await db.VolunteerTeams.IgnoreQueryFilters().AnyAsync(t => t.Id == activity.TeamId && t.Leader != null && t.Leader.UserId == uid, ct);
    }

    /// <summary>The activity when the caller runs it (organiser in scope, team leader); null otherwise, so it answers 404.</summary>
    public async Task<Activity?> LedActivityAsync(long id, CancellationToken ct) =>
        await PublicActivityAsync(id, ct) is { } a && await CanLeadAsync(a, ct) ? a : null;

    private async Task RequireLeadAsync(Activity activity, CancellationToken ct)
    {
        if (!await CanLeadAsync(activity, ct))
        {
            throw new NotAllowedException("Only the activity's organisers and its team leader can do this");
        }
    }

    /// <summary>
    /// A place on a post for one occurrence. The volunteer signs up themselves; the leader or staff may put any volunteer
    /// of their scope on it. A full post answers 409, or a place on the waiting list when asked for.
    /// </summary>
    public async Task<SignUp> SignUpAsync(Activity activity, SignUpInput input, CancellationToken ct)
    {
        var (post, slot) = await PlaceAsync(activity, input.PostId, input.At, ct);

        Volunteer volunteer;
        string? assignedBy = null;
        if (input.VolunteerId is { } vid)
        {
            await RequireLeadAsync(activity, ct);
            volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.Id == vid, ct)
                ?? await TeamMemberAsync(activity, vid, ct)
                ?? throw new FieldException("volunteerId", "Volunteer not found");
            assignedBy = Principal.Identity?.Name;
        }
        else
        {
            volunteer = await MeAsync(ct) ?? throw new RuleViolationException("Register as a volunteer first");
        }

        var mine = await db.SignUps.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.VolunteerId == volunteer.Id && s.CancelledAt == null && s.OccurrenceStart < slot.EndsAt && s.OccurrenceEnd > slot.StartsAt)
            .Select(s => new { s.PostId, s.OccurrenceStart }).ToListAsync(ct);
        if (mine.Any(s => s.PostId == post.Id && s.OccurrenceStart == slot.StartsAt))
        {
            throw new RuleViolationException("Already signed up for this post");
        }
        if (mine.Count > 0)
        {
            throw new RuleViolationException("Already signed up for another post at that time");
        }

        // Each try reads the seats taken and claims a free one; a sign-up that arrived at the same moment and claimed
        // the same seat makes the unique index refuse this one, and it tries again with what is left.
        for (var attempt = 0; ; attempt++)
        {
            var taken = await db.SignUps.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.PostId == post.Id && s.OccurrenceStart == slot.StartsAt && s.Seat != null)
                .Select(s => s.Seat!.Value).ToListAsync(ct);
            // A free seat at random, not the lowest: sign-ups arriving together then rarely want the same one.
            var free = Enumerable.Range(1, post.Capacity).Except(taken).ToList();
            int? seat = free.Count == 0 ? null : free[Random.Shared.Next(free.Count)];
            if (seat is null && input.Waitlist != true)
            {
                throw new RuleViolationException("This post is full", new Dictionary<string, object?> { ["full"] = true });
            }
            var signUp = new SignUp
            {
                CommunityCode = activity.CommunityCode,
                ActivityId = activity.Id,
                PostId = post.Id,
                VolunteerId = volunteer.Id,
                OccurrenceStart = slot.StartsAt,
                OccurrenceEnd = slot.EndsAt,
                State = seat is null ? SignUpState.Waiting : SignUpState.Taken,
                Seat = seat,
                SignedUpAt = Now,
                AssignedBy = assignedBy,
            };
            db.SignUps.Add(signUp);
            try
            {
                await db.SaveChangesAsync(ct);
                return signUp;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < post.Capacity + 20)
            {
                db.Entry(signUp).State = EntityState.Detached;
                if (await db.SignUps.IgnoreQueryFilters().AnyAsync(s => s.PostId == post.Id && s.OccurrenceStart == slot.StartsAt
                    && s.VolunteerId == volunteer.Id && s.CancelledAt == null, ct))
                {
                    throw new RuleViolationException("Already signed up for this post");
                }
            }
        }
    }

    /// <summary>
    /// A signed-in resident's sign-up from a page: one who has not registered as a volunteer is registered on the spot
    /// with their account's name and community (the activity's when the account has none).
    /// </summary>
    public async Task<SignUp> SignUpSelfAsync(Activity activity, long? postId, long? at, bool waitlist, VolunteeringService volunteering, CancellationToken ct)
    {
        if (UserId is null)
        {
            throw new NotAllowedException("Sign in first");
        }
        if (await MeAsync(ct) is null)
        {
            // Nobody is registered by a sign-up that is refused anyway.
            await PlaceAsync(activity, postId, at, ct);
            await volunteering.RegisterSelfAsync(new VolunteerInput(Principal.HomeCommunity() ?? activity.CommunityCode, Principal.DisplayName(), null, null,
                null, null, null, null, null, null, null), ct);
        }
        return await SignUpAsync(activity, new SignUpInput(postId, at, null, waitlist), ct);
    }

    /// <summary>The post and the occurrence a sign-up asks for, or the refusal (fields, or the date gone by).</summary>
    private async Task<(ActivityPost Post, Slot Slot)> PlaceAsync(Activity activity, long? postId, long? at, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var post = activity.Posts.FirstOrDefault(p => p.Id == postId);
        errors.Add("postId", post is null ? "Choose a post of this activity" : null);
        // A one-off activity's one date need not be named.
        var (slot, atError) = await SlotAtAsync(activity, at ?? (activity.Recurrence is null ? Schedule.ToKey(activity.StartsAt) : null), ct);
        errors.Add("at", atError);
        errors.ThrowIfAny();
        if (slot!.EndsAt <= Now)
        {
            throw new RuleViolationException("This activity has already taken place");
        }
        return (post!, slot);
    }

    /// <summary>A member of the activity's team, who may live in another community than the leader's scope.</summary>
    private async Task<Volunteer?> TeamMemberAsync(Activity activity, long volunteerId, CancellationToken ct) =>
        activity.TeamId is null ? null
            : await db.TeamMembers.Where(m => m.TeamId == activity.TeamId && m.VolunteerId == volunteerId).Select(m => m.Volunteer).FirstOrDefaultAsync(ct);

    /// <summary>A sign-up of the caller's (or, for a leader, of the activity's) by id; null when neither.</summary>
    public async Task<SignUp?> SignUpOfAsync(long id, CancellationToken ct)
    {
        var signUp = await db.SignUps.IgnoreQueryFilters().Include(s => s.Volunteer).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (signUp is null)
        {
            return null;
        }
        if (signUp.Volunteer!.UserId is { } owner && owner == UserId)
        {
            return signUp;
        }
        var activity = await db.Activities.IgnoreQueryFilters().FirstAsync(a => a.Id == signUp.ActivityId, ct);
        return await CanLeadAsync(activity, ct) ? signUp : null;
    }

    /// <summary>Gives a place up; the first on the waiting list takes the seat.</summary>
    public async Task CancelAsync(SignUp signUp, CancellationToken ct)
    {
        if (signUp.CancelledAt is not null)
        {
            throw new RuleViolationException("This sign-up is already cancelled");
        }
        if (signUp.CheckedInAt is not null)
        {
            throw new RuleViolationException("A volunteer who has checked in cannot cancel");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var seat = signUp.Seat;
        signUp.State = SignUpState.Cancelled;
        signUp.Seat = null;
        signUp.CancelledAt = Now;
        await db.SaveChangesAsync(ct);
        SignUp? promoted = null;
        if (seat is not null)
        {
            promoted = await db.SignUps.IgnoreQueryFilters().Include(s => s.Volunteer)
                .Where(s => s.PostId == signUp.PostId && s.OccurrenceStart == signUp.OccurrenceStart && s.State == SignUpState.Waiting)
                .OrderBy(s => s.SignedUpAt).ThenBy(s => s.Id).FirstOrDefaultAsync(ct);
            if (promoted is not null)
            {
                promoted.State = SignUpState.Taken;
                promoted.Seat = seat;
                promoted.PromotedAt = Now;
                await db.SaveChangesAsync(ct);
            }
        }
        if (promoted is not null)
        {
            var title = (await db.Activities.IgnoreQueryFilters().FirstAsync(a => a.Id == promoted.ActivityId, ct)).Title;
            Text(db, promoted.Volunteer!, signUp.CommunityCode, "Volunteer place", $"{title} {Display.Local(promoted.OccurrenceStart):M-d HH:mm}", Now);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>A text message to a volunteer through the outbox (saved with the change it reports); none without a phone.</summary>
    public static void Text(HuyingDbContext db, Volunteer volunteer, string community, string kind, string subject, DateTime now)
    {
        if (volunteer.PhoneCipher is null)
        {
            return;
        }
        db.Notifications.Add(new Notification
        {
            CreatedAt = now, SubjectType = nameof(Volunteer), SubjectId = volunteer.Id, Link = "/volunteering/me", Kind = kind,
            Subject = subject.Length > 200 ? subject[..200] : subject, CommunityCode = community, Audience = Audience.Resident,
            Channel = NotificationChannel.Sms, PhoneCipher = volunteer.PhoneCipher, NextAttemptAt = now,
        });
    }

    /// <summary>The occurrence a request names by its start (unix seconds), and the field's error when it names none that takes place.</summary>
    private async Task<(Slot? Slot, Message? Error)> SlotAtAsync(Activity activity, long? at, CancellationToken ct)
    {
        var slot = at is { } key ? await schedule.FindAsync(db, activity, Schedule.FromKey(key), ct) : null;
        return (slot, slot is null ? "Choose a date the activity takes place" : slot.Cancelled ? "That date is cancelled" : null);
    }

    private async Task<Occurrence> OccurrenceAsync(Activity activity, DateTime start, CancellationToken ct)
    {
        var occurrence = await db.Occurrences.IgnoreQueryFilters().FirstOrDefaultAsync(o => o.ActivityId == activity.Id && o.StartsAt == start, ct);
        if (occurrence is null)
        {
            occurrence = new Occurrence { ActivityId = activity.Id, CommunityCode = activity.CommunityCode, StartsAt = start };
            db.Occurrences.Add(occurrence);
        }
        return occurrence;
    }
}
