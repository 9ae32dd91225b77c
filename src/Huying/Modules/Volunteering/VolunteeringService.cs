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

/// <summary>One row of the figures side by side: a community, a team or a partner unit.</summary>
public sealed record FigureRow(string Key, string Name, int Activities, int ActivitiesWithUnits, int Volunteers, decimal VolunteerHours, int PeopleServed);

/// <summary>The figures of DESIGN §7 for a division and a period.</summary>
public sealed record VolunteeringFigures(int Activities, int ActivitiesWithUnits, int Volunteers, decimal VolunteerHours, int PeopleServed);

/// <summary>One occurrence in a list, with each post's places taken.</summary>
public sealed record SlotView(Slot Slot, IReadOnlyDictionary<long, int> Taken)
{
    public int TakenOf(long postId) => Taken.GetValueOrDefault(postId);
}

/// <summary>Volunteers, teams and activities: registration, the talent pool, the calendar and the figures.</summary>
public sealed class VolunteeringService(HuyingDbContext db, Schedule schedule, PersonalData personal, CurrentUser user, TimeProvider clock)
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
        var id = long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
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

    // ---- Teams

    public async Task<VolunteerTeam> CreateTeamAsync(TeamInput input, CancellationToken ct)
    {
        user.Require(VolunteeringPolicies.Organise);
        var errors = new FieldErrors();
        errors.Add("communityCode", await db.Communities.AnyAsync(c => c.Code == input.CommunityCode, ct) ? null : "Community not found");
        var name = input.Name?.Trim() ?? "";
        errors.Add("name", name.Length == 0 ? "Name is required" : name.Length > 100 ? "Name is too long (100 characters at most)" : null);
        var kind = TeamKind.ServiceTeam;
        if (input.Kind is { Length: > 0 } k && !(Enum.TryParse(k, true, out kind) && Enum.IsDefined(kind) && !k.All(char.IsDigit)))
        {
            errors.Add("kind", "Unknown team kind");
        }
        errors.Add("focus", Long(input.Focus, 100)).Add("organiser", Long(input.Organiser, 100)).Add("brand", Long(input.Brand, 100));
        var members = (input.MemberIds ?? []).Distinct().ToList();
        if (input.LeaderId is { } leader && !members.Contains(leader))
        {
            members.Add(leader);
        }
        var found = await db.Volunteers.Where(v => members.Contains(v.Id)).Select(v => v.Id).ToListAsync(ct);
        errors.Add("memberIds", found.Count != members.Count ? "Volunteer not found" : null);
        var units = (input.UnitIds ?? []).Distinct().ToList();
        errors.Add("unitIds", await db.PartnerUnits.CountAsync(u => units.Contains(u.Id), ct) != units.Count ? "Partner unit not found" : null);
        errors.ThrowIfAny();
        var today = DateOnly.FromDateTime(Display.Local(Now));
        var team = new VolunteerTeam
        {
            CommunityCode = input.CommunityCode!, Name = name, Kind = kind, Focus = input.Focus?.Trim() ?? "", Organiser = input.Organiser?.Trim(),
            Brand = input.Brand?.Trim(), LeaderId = input.LeaderId,
            Members = [.. members.Select(m => new TeamMember { VolunteerId = m, JoinedOn = today })],
            Units = [.. units.Select(u => new TeamUnit { PartnerUnitId = u })],
        };
        db.VolunteerTeams.Add(team);
        await db.SaveChangesAsync(ct);
        return team;
    }

    public Task<List<VolunteerTeam>> TeamsAsync(string? community, CancellationToken ct) =>
        db.VolunteerTeams.AsNoTracking().Include(t => t.Leader).Include(t => t.Members)
            .Where(t => community == null || t.CommunityCode.StartsWith(community)).OrderBy(t => t.CommunityCode).ThenBy(t => t.Id).ToListAsync(ct);

    public Task<VolunteerTeam?> TeamAsync(long id, CancellationToken ct) =>
        db.VolunteerTeams.Include(t => t.Leader).Include(t => t.Members).ThenInclude(m => m.Volunteer).Include(t => t.Units).FirstOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>A team as the public or its members see it (name, kind, focus), any community.</summary>
    public Task<VolunteerTeam?> PublicTeamAsync(long id, CancellationToken ct) =>
        db.VolunteerTeams.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);

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
            var p = posts[i];
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

    // ---- Figures

    /// <summary>
    /// What the report says of volunteering, for a division in scope and a period (local dates, both included):
    /// occurrences held (cancelled ones not), those co-organised with partner units, volunteers with confirmed hours,
    /// the hours, and the people served.
    /// </summary>
    public async Task<VolunteeringFigures> FiguresAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var now = Now;
        var (fromUtc, toUtc) = Period(from, to, now);
        var heldUntil = toUtc < now ? toUtc : now;
        var codes = await CodesAsync(division, ct);
        // Whole days before today come from the daily tallies; today (and what a period runs into) is counted live.
        var today = DateOnly.FromDateTime(Display.Local(now));
        var first = from ?? new DateOnly(today.Year, 1, 1);
        var lastTallied = (to ?? today) < today ? to ?? today : today.AddDays(-1);
        var liveFrom = lastTallied < first ? fromUtc : Display.ToUtc(lastTallied.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var tallied = await db.Set<VolunteeringDay>().AsNoTracking().Where(d => codes.Contains(d.CommunityCode) && d.Day >= first && d.Day <= lastTallied)
            .GroupBy(d => 1).Select(g => new { A = g.Sum(d => d.Activities), U = g.Sum(d => d.WithUnits), P = g.Sum(d => d.PeopleServed), H = g.Sum(d => d.Hours) })
            .FirstOrDefaultAsync(ct);
        var (activities, withUnits, served, hours) = (tallied?.A ?? 0, tallied?.U ?? 0, tallied?.P ?? 0, tallied?.H ?? 0);

        var oneOff = db.Activities.AsNoTracking().Where(a => a.Recurrence == null && a.CancelledAt == null && codes.Contains(a.CommunityCode)
            && a.StartsAt >= liveFrom && a.StartsAt < heldUntil);
        var counted = await oneOff.GroupBy(a => 1).Select(g => new { N = g.Count(), U = g.Count(a => a.UnitCount > 0) }).FirstOrDefaultAsync(ct);
        activities += counted?.N ?? 0;
        withUnits += counted?.U ?? 0;
        var recurring = await db.Activities.AsNoTracking()
            .Where(a => a.Recurrence != null && a.CancelledAt == null && codes.Contains(a.CommunityCode) && a.StartsAt < heldUntil).ToListAsync(ct);
        foreach (var slot in await schedule.SlotsAsync(db, recurring, fromUtc, heldUntil, withCancelled: false, ct))
        {
            activities++;
            withUnits += slot.Activity.UnitCount > 0 ? 1 : 0;
        }
        served += await db.Occurrences.AsNoTracking()
            .Where(o => codes.Contains(o.CommunityCode) && o.StartsAt >= liveFrom && o.StartsAt < toUtc && !o.Cancelled)
            .SumAsync(o => (int?)o.PeopleServed, ct) ?? 0;
        var live = db.SignUps.AsNoTracking().Where(s => s.HoursConfirmedAt != null && codes.Contains(s.CommunityCode)
            && s.OccurrenceStart >= liveFrom && s.OccurrenceStart < toUtc);
        hours += await live.SumAsync(s => s.Hours, ct) ?? 0;
        var volunteers = await db.Set<VolunteerDay>().AsNoTracking()
            .Where(d => codes.Contains(d.CommunityCode) && d.Day >= first && d.Day <= lastTallied && d.Places > 0).Select(d => d.VolunteerId)
            .Union(live.Select(s => s.VolunteerId)).CountAsync(ct);
        return new VolunteeringFigures(activities, withUnits, volunteers, hours, served);
    }

    /// <summary>The communities in scope under a division: a list the indexes on community code can seek by (a prefix match cannot).</summary>
    private Task<List<string>> CodesAsync(string division, CancellationToken ct) =>
        db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).Select(c => c.Code).ToListAsync(ct);

    /// <summary>
    /// The same figures side by side, one row per community, team or co-organising partner unit (an activity with two
    /// units counts for each; volunteers are counted within each row, so rows do not add up to the total).
    /// </summary>
    public async Task<List<FigureRow>> FigureRowsAsync(string division, DateOnly? from, DateOnly? to, string groupBy, CancellationToken ct)
    {
        var now = Now;
        var (fromUtc, toUtc) = Period(from, to, now);
        var heldUntil = toUtc < now ? toUtc : now;
        var codes = await CodesAsync(division, ct);
        var recurring = await db.Activities.AsNoTracking().Include(a => a.Units)
            .Where(a => a.Recurrence != null && a.CancelledAt == null && codes.Contains(a.CommunityCode) && a.StartsAt < heldUntil).ToListAsync(ct);
        var slots = await schedule.SlotsAsync(db, recurring, fromUtc, heldUntil, withCancelled: false, ct);
        var oneOff = db.Activities.AsNoTracking().Where(a => a.Recurrence == null && a.CancelledAt == null && codes.Contains(a.CommunityCode)
            && a.StartsAt >= fromUtc && a.StartsAt < heldUntil);
        var served = db.Occurrences.AsNoTracking().Where(o => codes.Contains(o.CommunityCode) && o.StartsAt >= fromUtc && o.StartsAt < toUtc && !o.Cancelled);
        var hours = db.SignUps.AsNoTracking().Where(s => s.HoursConfirmedAt != null && codes.Contains(s.CommunityCode)
            && s.OccurrenceStart >= fromUtc && s.OccurrenceStart < toUtc);
        var rows = new Dictionary<string, FigureRow>();
        FigureRow Row(string key) => rows.TryGetValue(key, out var r) ? r : rows[key] = new FigureRow(key, key, 0, 0, 0, 0, 0);
        void Add(string key, int activities = 0, int withUnits = 0, int volunteers = 0, decimal h = 0, int people = 0)
        {
            var r = Row(key);
            rows[key] = r with { Activities = r.Activities + activities, ActivitiesWithUnits = r.ActivitiesWithUnits + withUnits,
                Volunteers = r.Volunteers + volunteers, VolunteerHours = r.VolunteerHours + h, PeopleServed = r.PeopleServed + people };
        }
        switch (groupBy)
        {
            case "team":
                foreach (var g in await oneOff.GroupBy(a => a.TeamId).Select(g => new { g.Key, N = g.Count(), U = g.Count(a => a.UnitCount > 0) }).ToListAsync(ct))
                {
                    Add(Key(g.Key), g.N, g.U);
                }
                foreach (var slot in slots)
                {
                    Add(Key(slot.Activity.TeamId), 1, slot.Activity.Units.Count > 0 ? 1 : 0);
                }
                foreach (var g in await served.Join(db.Activities, o => o.ActivityId, a => a.Id, (o, a) => new { a.TeamId, o.PeopleServed })
                    .GroupBy(x => x.TeamId).Select(g => new { g.Key, N = g.Sum(x => x.PeopleServed ?? 0) }).ToListAsync(ct))
                {
                    Add(Key(g.Key), people: g.N);
                }
                foreach (var g in await hours.Join(db.Activities, s => s.ActivityId, a => a.Id, (s, a) => new { a.TeamId, s.Hours, s.VolunteerId })
                    .GroupBy(x => x.TeamId).Select(g => new { g.Key, H = g.Sum(x => x.Hours) ?? 0, V = g.Select(x => x.VolunteerId).Distinct().Count() }).ToListAsync(ct))
                {
                    Add(Key(g.Key), volunteers: g.V, h: g.H);
                }
                var teamIds = rows.Keys.Where(k => k != "").Select(long.Parse).ToList();
                var teamNames = await db.VolunteerTeams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t => t.Name, ct);
                return Named(rows, teamNames, Platform.Localization.Tr.T("No team"));
            case "unit":
                var units = db.Set<ActivityUnit>().AsNoTracking();
                foreach (var g in await oneOff.SelectMany(a => a.Units, (a, u) => u.PartnerUnitId).GroupBy(u => u).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
                {
                    Add(Key(g.Key), g.N, g.N);
                }
                foreach (var slot in slots)
                {
                    foreach (var u in slot.Activity.Units)
                    {
                        Add(Key(u.PartnerUnitId), 1, 1);
                    }
                }
                foreach (var g in await served.Join(units, o => o.ActivityId, u => u.ActivityId, (o, u) => new { u.PartnerUnitId, o.PeopleServed })
                    .GroupBy(x => x.PartnerUnitId).Select(g => new { g.Key, N = g.Sum(x => x.PeopleServed ?? 0) }).ToListAsync(ct))
                {
                    Add(Key(g.Key), people: g.N);
                }
                foreach (var g in await hours.Join(units, s => s.ActivityId, u => u.ActivityId, (s, u) => new { u.PartnerUnitId, s.Hours, s.VolunteerId })
                    .GroupBy(x => x.PartnerUnitId).Select(g => new { g.Key, H = g.Sum(x => x.Hours) ?? 0, V = g.Select(x => x.VolunteerId).Distinct().Count() }).ToListAsync(ct))
                {
                    Add(Key(g.Key), volunteers: g.V, h: g.H);
                }
                var unitNames = (await UnitNamesAsync(rows.Keys.Select(long.Parse), ct)).ToDictionary(u => u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u => u.Name);
                return Named(rows, unitNames, "");
            default:
                foreach (var g in await oneOff.GroupBy(a => a.CommunityCode).Select(g => new { g.Key, N = g.Count(), U = g.Count(a => a.UnitCount > 0) }).ToListAsync(ct))
                {
                    Add(g.Key, g.N, g.U);
                }
                foreach (var slot in slots)
                {
                    Add(slot.Activity.CommunityCode, 1, slot.Activity.Units.Count > 0 ? 1 : 0);
                }
                foreach (var g in await served.GroupBy(o => o.CommunityCode).Select(g => new { g.Key, N = g.Sum(o => o.PeopleServed ?? 0) }).ToListAsync(ct))
                {
                    Add(g.Key, people: g.N);
                }
                foreach (var g in await hours.GroupBy(s => s.CommunityCode).Select(g => new { g.Key, H = g.Sum(s => s.Hours) ?? 0, V = g.Select(s => s.VolunteerId).Distinct().Count() }).ToListAsync(ct))
                {
                    Add(g.Key, volunteers: g.V, h: g.H);
                }
                var shown = rows.Keys.ToList();
                var names = await db.Communities.AsNoTracking().Where(c => shown.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
                return Named(rows, names, "");
        }
    }

    private static string Key(long? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static List<FigureRow> Named(Dictionary<string, FigureRow> rows, Dictionary<string, string> names, string none) =>
        [.. rows.Values.Select(r => r with { Name = names.GetValueOrDefault(r.Key) ?? (r.Key == "" ? none : r.Key) })
            .OrderByDescending(r => r.PeopleServed).ThenByDescending(r => r.Activities).ThenBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>A period of local dates as UTC bounds; this year to today when not given.</summary>
    public static (DateTime From, DateTime To) Period(DateOnly? from, DateOnly? to, DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(Display.Local(nowUtc));
        var f = from ?? new DateOnly(today.Year, 1, 1);
        var t = to ?? today;
        return (Display.ToUtc(f.ToDateTime(TimeOnly.MinValue)), Display.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)));
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
