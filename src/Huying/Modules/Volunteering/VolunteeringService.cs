using System.Security.Claims;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

public sealed record PostInput(string? Name, int? Capacity, string? Skills);

public sealed record ActivityInput(string? CommunityCode, long? TeamId, string? Title, string? Description, string? Venue, DateTime? StartsAt,
    DateTime? EndsAt, string? Recurrence, bool? SkipHolidays, string? TargetGroup, int? PeopleExpected, List<long>? UnitIds, List<PostInput>? Posts);

public sealed record VolunteerInput(string? CommunityCode, string? Name, string? Phone, long? PersonId, string? Affiliation, string? Skills,
    string? Availability, bool? InTalentPool, string? Expertise, string? Platform, string? Employer);

public sealed record TeamInput(string? CommunityCode, string? Name, string? Kind, string? Focus, string? Organiser, string? Brand, long? LeaderId,
    List<long>? MemberIds, List<long>? UnitIds);

/// <summary>One occurrence in a list, with each post's places taken.</summary>
public sealed record SlotView(Slot Slot, IReadOnlyDictionary<long, int> Taken)
{
    public int TakenOf(long postId) => Taken.GetValueOrDefault(postId);
}

/// <summary>Volunteers, teams and activities: registration, the talent pool, the calendar and the figures.</summary>
public sealed partial class VolunteeringService(HuyingDbContext db, Schedule schedule, PersonalData personal, CurrentUser user, TimeProvider clock)
{
    public const int MaxPosts = 30;

    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    // ---- Volunteers

    public async Task<Volunteer> RegisterAsync(VolunteerInput input, CancellationToken ct)
    {
        user.Require(VolunteeringPolicies.Organise);
        var volunteer = await ValidateAsync(input, self: false, ct);
        db.Volunteers.Add(volunteer);
        await db.SaveChangesAsync(ct);
        return volunteer;
    }

    /// <summary>A signed-in user registers themselves (a resident, a rider): their account becomes the volunteer's.</summary>
    public async Task<Volunteer> RegisterSelfAsync(VolunteerInput input, CancellationToken ct)
    {
        var principal = user.Principal ?? throw new NotAllowedException("Sign in first");
        var id = principal.UserId() ?? throw new NotAllowedException("Sign in first");
        var volunteer = await ValidateAsync(input with { CommunityCode = input.CommunityCode ?? principal.HomeCommunity() }, self: true, ct);
        if (await db.Volunteers.IgnoreQueryFilters().AnyAsync(v => v.UserId == id, ct))
        {
            throw new RuleViolationException("You are registered already");
        }
        volunteer.UserId = id;
        volunteer.PersonId = long.TryParse(principal.FindFirstValue(ScopeClaims.Person), out var person) ? person : null;
        db.Volunteers.Add(volunteer);
        await db.SaveChangesAsync(ct);
        return volunteer;
    }

    private async Task<Volunteer> ValidateAsync(VolunteerInput input, bool self, CancellationToken ct)
    {
        var errors = new FieldErrors();
        // Anyone may volunteer in any community; staff register volunteers of their own scope.
        var community = self
            ? await db.Communities.IgnoreQueryFilters().AnyAsync(c => c.Code == input.CommunityCode, ct)
            : await db.Communities.AnyAsync(c => c.Code == input.CommunityCode, ct);
        errors.Add("communityCode", community ? null : "Community not found");
        var name = input.Name?.Trim() ?? "";
        errors.Add("name", name.Length == 0 ? "Name is required" : name.Length > 50 ? "Name is too long (50 characters at most)" : null);
        errors.Add("phone", string.IsNullOrWhiteSpace(input.Phone) ? (self ? null : "Phone is required") : Validators.Mobile(input.Phone));
        var affiliation = Affiliation.Resident;
        if (input.Affiliation is { Length: > 0 } a && !(Enum.TryParse(a, true, out affiliation) && Enum.IsDefined(affiliation) && !a.All(char.IsDigit)))
        {
            errors.Add("affiliation", "Unknown affiliation");
        }
        errors.Add("skills", Long(input.Skills, 200));
        errors.Add("availability", Long(input.Availability, 200));
        errors.Add("expertise", input.InTalentPool == true && string.IsNullOrWhiteSpace(input.Expertise) ? "The talent pool needs the expertise" : Long(input.Expertise, 200));
        errors.Add("platform", affiliation == Affiliation.NewEmploymentWorker && string.IsNullOrWhiteSpace(input.Platform) && string.IsNullOrWhiteSpace(input.Employer)
            ? "A new-employment worker names the platform or the employer" : Long(input.Platform, 50));
        errors.Add("employer", Long(input.Employer, 100));
        if (input.PersonId is { } pid && !self)
        {
            errors.Add("personId", await db.People.AnyAsync(p => p.Id == pid && p.CommunityCode == input.CommunityCode, ct) ? null : "Person not found");
        }
        errors.ThrowIfAny();
        var phone = personal.ProtectPhone(string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim());
        return new Volunteer
        {
            CommunityCode = input.CommunityCode!,
            Name = name,
            PhoneCipher = phone.Cipher,
            PhoneMasked = phone.Masked,
            PersonId = self ? null : input.PersonId,
            Affiliation = affiliation,
            Skills = input.Skills?.Trim() ?? "",
            Availability = input.Availability?.Trim(),
            InTalentPool = input.InTalentPool == true,
            Expertise = input.Expertise?.Trim(),
            Platform = input.Platform?.Trim(),
            Employer = input.Employer?.Trim(),
            RegisteredAt = Now,
        };
    }

    private static Message? Long(string? text, int max) => text is { } t && t.Trim().Length > max ? new Message("Keep it under {0} characters", max) : default(Message?);

    /// <summary>Volunteers in scope: by name, skill or expertise; the talent pool alone; new-employment workers alone.</summary>
    public Task<List<Volunteer>> VolunteersAsync(string? community, string? q, bool talent, bool newEmployment, int take, CancellationToken ct)
    {
        var query = db.Volunteers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(community))
        {
            query = query.Where(v => v.CommunityCode.StartsWith(community));
        }
        if (talent)
        {
            query = query.Where(v => v.InTalentPool);
        }
        if (newEmployment)
        {
            query = query.Where(v => v.Affiliation == Affiliation.NewEmploymentWorker);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var t = q.Trim();
            query = query.Where(v => v.Name.Contains(t) || v.Skills.Contains(t) || (v.Expertise != null && v.Expertise.Contains(t))
                || (v.Platform != null && v.Platform.Contains(t)) || (v.Employer != null && v.Employer.Contains(t)));
        }
        return query.OrderBy(v => v.CommunityCode).ThenBy(v => v.Id).Take(take).ToListAsync(ct);
    }

    public Task<Volunteer?> VolunteerAsync(long id, CancellationToken ct) => db.Volunteers.FirstOrDefaultAsync(v => v.Id == id, ct);

    /// <summary>A volunteer's service record: every place held, newest first, with confirmed hours.</summary>
    public async Task<List<(SignUp Place, string Activity, string Post)>> RecordAsync(Volunteer volunteer, CancellationToken ct)
    {
        var places = await db.SignUps.IgnoreQueryFilters().AsNoTracking().Where(s => s.VolunteerId == volunteer.Id)
            .OrderByDescending(s => s.OccurrenceStart).ThenByDescending(s => s.Id).Take(500).ToListAsync(ct);
        var activityIds = places.Select(p => p.ActivityId).Distinct().ToList();
        var titles = await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => activityIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        var posts = await db.ActivityPosts.AsNoTracking().Where(p => activityIds.Contains(p.ActivityId)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. places.Select(p => (p, titles.GetValueOrDefault(p.ActivityId) ?? "", posts.GetValueOrDefault(p.PostId) ?? ""))];
    }

    // ---- Activities

    public async Task<Activity> CreateActivityAsync(ActivityInput input, CancellationToken ct)
    {
        user.Require(VolunteeringPolicies.Organise);
        var errors = new FieldErrors();
        errors.Add("communityCode", await db.Communities.AnyAsync(c => c.Code == input.CommunityCode, ct) ? null : "Community not found");
        if (input.TeamId is { } teamId)
        {
            errors.Add("teamId", await db.VolunteerTeams.AnyAsync(t => t.Id == teamId, ct) ? null : "Team not found");
        }
        var title = input.Title?.Trim() ?? "";
        errors.Add("title", title.Length == 0 ? "Title is required" : title.Length > 200 ? "Title is too long (200 characters at most)" : null);
        errors.Add("description", input.Description is { Length: > 4000 } ? "Text is too long" : null);
        var venue = input.Venue?.Trim() ?? "";
        errors.Add("venue", venue.Length == 0 ? "Venue is required" : venue.Length > 200 ? new Message("Keep it under {0} characters", 200) : default(Message?));
        errors.Add("startsAt", input.StartsAt is null ? "Date and time are required" : null);
        errors.Add("endsAt", input.EndsAt is null ? "Date and time are required"
            : input.StartsAt is { } s && input.EndsAt <= s ? "The end comes after the start"
            : input.StartsAt is { } s2 && input.EndsAt - s2 > TimeSpan.FromHours(24) ? "An occurrence lasts a day at most" : null);
        RecurrenceRule? rule = null;
        if (!string.IsNullOrWhiteSpace(input.Recurrence))
        {
            rule = RecurrenceRule.Parse(input.Recurrence, out var ruleError);
            errors.Add("recurrence", ruleError);
        }
        errors.Add("targetGroup", Long(input.TargetGroup, 100));
        errors.Add("peopleExpected", input.PeopleExpected is < 0 or > 1_000_000 ? "People expected is a number from 0 to 1,000,000" : null);
        var posts = input.Posts ?? [];
        errors.Add("posts", posts.Count == 0 ? "Add at least one post with its capacity" : posts.Count > MaxPosts ? new Message("At most {0} posts", MaxPosts) : default(Message?));
        for (var i = 0; i < posts.Count; i++)
        {
            if (posts[i] is not { } p)
            {
                errors.Add($"posts[{i}].name", "Name the post");
                continue;
            }
            errors.Add($"posts[{i}].name", string.IsNullOrWhiteSpace(p.Name) ? "Name the post" : p.Name.Trim().Length > 100 ? new Message("Keep it under {0} characters", 100) : default(Message?));
            errors.Add($"posts[{i}].capacity", p.Capacity is null or < 1 or > 10_000 ? "Capacity is a number from 1 to 10,000" : null);
            errors.Add($"posts[{i}].skills", Long(p.Skills, 200));
        }
        var units = (input.UnitIds ?? []).Distinct().ToList();
        errors.Add("unitIds", await db.PartnerUnits.CountAsync(u => units.Contains(u.Id), ct) != units.Count ? "Partner unit not found" : null);
        errors.ThrowIfAny();
        var activity = new Activity
        {
            CommunityCode = input.CommunityCode!, TeamId = input.TeamId, Title = title, Description = input.Description?.Trim() ?? "", Venue = venue,
            StartsAt = AuditEntry.Truncate(Display.ToUtc(input.StartsAt!.Value)), EndsAt = AuditEntry.Truncate(Display.ToUtc(input.EndsAt!.Value)),
            Recurrence = rule?.ToString(), SkipHolidays = rule is not null && input.SkipHolidays == true, TargetGroup = input.TargetGroup?.Trim(),
            PeopleExpected = input.PeopleExpected, CreatedAt = Now,
            Units = [.. units.Select(u => new ActivityUnit { PartnerUnitId = u })], UnitCount = units.Count,
            Posts = [.. posts.Select(p => new ActivityPost { Name = p.Name!.Trim(), Capacity = p.Capacity!.Value, Skills = p.Skills?.Trim() ?? "" })],
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);
        return activity;
    }

    /// <summary>An activity in the caller's scope, with its posts, units and team.</summary>
    public Task<Activity?> ActivityAsync(long id, CancellationToken ct) =>
        db.Activities.Include(a => a.Posts).Include(a => a.Units).Include(a => a.Team).FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>The occurrences in a period of the activities in scope under a division (all of scope when none).</summary>
    public Task<List<SlotView>> SlotsAsync(string? division, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        SlotsOfAsync(db.Activities, division, fromUtc, toUtc, ct);

    /// <summary>The public calendar: upcoming occurrences of any community under a division (titles, times, places left).</summary>
    public Task<List<SlotView>> PublicSlotsAsync(string division, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        SlotsOfAsync(db.Activities.IgnoreQueryFilters(), division, fromUtc, toUtc, ct);

    private async Task<List<SlotView>> SlotsOfAsync(IQueryable<Activity> source, string? division, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var activities = await source.AsNoTracking().Include(a => a.Posts).Include(a => a.Team).Include(a => a.Units)
            .Where(a => a.CancelledAt == null && (division == null || a.CommunityCode.StartsWith(division)) && a.StartsAt < toUtc
                && (a.Recurrence != null || a.StartsAt >= fromUtc))
            .OrderBy(a => a.StartsAt).Take(2000).ToListAsync(ct);
        var slots = await schedule.SlotsAsync(db, activities, fromUtc, toUtc, withCancelled: false, ct);
        return await WithTakenAsync(slots, ct);
    }

    public async Task<List<SlotView>> WithTakenAsync(List<Slot> slots, CancellationToken ct)
    {
        if (slots.Count == 0)
        {
            return [];
        }
        var ids = slots.Select(s => s.Activity.Id).Distinct().ToList();
        var (from, to) = (slots.Min(s => s.StartsAt), slots.Max(s => s.StartsAt));
        var taken = await db.SignUps.IgnoreQueryFilters().AsNoTracking()
            .Where(s => ids.Contains(s.ActivityId) && s.Seat != null && s.OccurrenceStart >= from && s.OccurrenceStart <= to)
            .GroupBy(s => new { s.ActivityId, s.PostId, s.OccurrenceStart }).Select(g => new { g.Key.ActivityId, g.Key.PostId, g.Key.OccurrenceStart, N = g.Count() })
            .ToListAsync(ct);
        var lookup = taken.ToLookup(t => (t.ActivityId, t.OccurrenceStart));
        return [.. slots.Select(s => new SlotView(s, lookup[(s.Activity.Id, s.StartsAt)].ToDictionary(t => t.PostId, t => t.N)))];
    }

    public Task<List<(long Id, string Name)>> UnitNamesAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return db.PartnerUnits.IgnoreQueryFilters().AsNoTracking().Where(u => list.Contains(u.Id)).OrderBy(u => u.Id)
            .Select(u => new ValueTuple<long, string>(u.Id, u.Name)).ToListAsync(ct);
    }

    public Task<string?> CommunityNameAsync(string code, CancellationToken ct) =>
        db.Communities.IgnoreQueryFilters().AsNoTracking().Where(c => c.Code == code).Select(c => c.Name).FirstOrDefaultAsync(ct);
}
