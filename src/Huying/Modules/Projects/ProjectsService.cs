using System.Globalization;
using System.Security.Claims;
using Huying.Modules.Matters;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

public sealed record NeedInput(string? CommunityCode, string? CategoryCode, string? Title, string? Description, long? BuildingId,
    string? Place, int? PeopleAffected, string? Source, List<long>? MatterIds = null);

public sealed record MilestoneInput(string? Title, DateOnly? DueOn, long? UnitId, decimal? Budget, int? Workers, string? Materials);

public sealed record DecisionInput(string? Title, string? Description, List<long>? NeedIds, List<long>? UnitIds, DateOnly? StartOn);

public sealed record MeetingInput(string? CommunityCode, string? Title, DateTime? HeldAt, string? Venue, List<long>? AgendaNeedIds);

public sealed record AgreementInput(string? CommunityCode, long? UnitId, DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? EndsOn,
    string? Commitments, long? RenewsId = null);

public sealed record AcceptanceInput(string? Residents, string? Note, DateOnly? On);

public sealed record CommendationInput(string? Kind, string? From, string? Words, long? UnitId, DateOnly? ReceivedOn);

/// <summary>A place where the same kind of matter keeps coming back: what a need may be made of.</summary>
public sealed record NeedSuggestion(string CommunityCode, long BuildingId, string Place, long? GridId, string CategoryCode,
    string CategoryName, List<long> MatterIds, DateTime First, DateTime Last);

/// <summary>The big committee's work: needs, joint meetings, projects and their milestones, acceptance, agreements.</summary>
public sealed class ProjectsService(HuyingDbContext db, TimeProvider clock, MatterCatalogue catalogue, FileStore files, PersonalData personal,
    Notices.NoticeService notices)
{
    /// <summary>Three matters of one category at one place within 90 days suggest a need.</summary>
    public const int SuggestAfter = 3;
    public const int SuggestWithinDays = 90;

    private DateTime Now => Platform.Audit.AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    public DateOnly Today => DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));

    public async Task<WorkCalendar> CalendarAsync(CancellationToken ct) => (await catalogue.GetAsync(ct)).Calendar;

    private static long? UnitOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.UnitLiaison) && long.TryParse(user.FindFirstValue(ScopeClaims.Unit), out var unit) ? unit : null;

    private static bool IsStaff(ClaimsPrincipal user) => user.Holds(Policies.CommunityStaff);

    // ---- Needs -----------------------------------------------------------------------------------------------

    public async Task<List<Need>> NeedsAsync(string? community, NeedStatus? status, CancellationToken ct) =>
        await db.Needs.AsNoTracking().Include(n => n.Offers)
            .Where(n => community == null || n.CommunityCode == community)
            .Where(n => status == null || n.Status == status)
            .OrderBy(n => n.Status).ThenByDescending(n => n.CreatedAt)
            .Take(1000)
            .ToListAsync(ct);

    public Task<Need?> NeedAsync(long id, CancellationToken ct) => db.Needs.Include(n => n.Offers).FirstOrDefaultAsync(n => n.Id == id, ct);

    /// <summary>
    /// Places where matters of one category came back <see cref="SuggestAfter"/> or more times within
    /// <see cref="SuggestWithinDays"/> days, unless a need of that category at that place (not dropped) was raised
    /// since the first of them.
    /// </summary>
    public async Task<List<NeedSuggestion>> SuggestionsAsync(string? community, CancellationToken ct)
    {
        var since = Now.AddDays(-SuggestWithinDays);
        var groups = await db.Matters.AsNoTracking()
            .Where(m => m.SubmittedAt >= since && m.BuildingId != null && m.State != MatterState.Merged && m.State != MatterState.Rejected)
            .Where(m => community == null || m.CommunityCode == community)
            .GroupBy(m => new { m.CommunityCode, BuildingId = m.BuildingId!.Value, m.CategoryCode })
            .Where(g => g.Count() >= SuggestAfter)
            .Select(g => new { g.Key.CommunityCode, g.Key.BuildingId, g.Key.CategoryCode, First = g.Min(m => m.SubmittedAt), Last = g.Max(m => m.SubmittedAt) })
            .ToListAsync(ct);
        if (groups.Count == 0)
        {
            return [];
        }
        var buildingIds = groups.Select(g => g.BuildingId).Distinct().ToList();
        var covered = await db.Needs.AsNoTracking()
            .Where(n => n.BuildingId != null && buildingIds.Contains(n.BuildingId.Value) && n.Status != NeedStatus.Dropped)
            .Select(n => new { n.BuildingId, n.CategoryCode, n.CreatedAt })
            .ToListAsync(ct);
        var places = await db.Buildings.AsNoTracking().IgnoreQueryFilters().Where(b => buildingIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => new { b.Name, b.GridId }, ct);
        // The matters of those places, in one query, to name each suggestion's matters.
        var matters = (await db.Matters.AsNoTracking()
            .Where(m => m.SubmittedAt >= since && m.BuildingId != null && buildingIds.Contains(m.BuildingId.Value)
                && m.State != MatterState.Merged && m.State != MatterState.Rejected)
            .OrderBy(m => m.SubmittedAt)
            .Select(m => new { m.Id, BuildingId = m.BuildingId!.Value, m.CategoryCode })
            .ToListAsync(ct)).ToLookup(m => (m.BuildingId, m.CategoryCode), m => m.Id);
        var snapshot = await catalogue.GetAsync(ct);
        var result = new List<NeedSuggestion>();
        foreach (var g in groups.OrderByDescending(g => g.Last))
        {
            if (covered.Any(n => n.BuildingId == g.BuildingId && SameKind(n.CategoryCode, g.CategoryCode, snapshot) && n.CreatedAt >= g.First))
            {
                continue;
            }
            var ids = matters[(g.BuildingId, g.CategoryCode)].ToList();
            var place = places.GetValueOrDefault(g.BuildingId);
            result.Add(new NeedSuggestion(g.CommunityCode, g.BuildingId, place?.Name ?? "", place?.GridId, g.CategoryCode,
                snapshot.Find(g.CategoryCode)?.Name ?? g.CategoryCode, ids, g.First, g.Last));
        }
        return result;
    }

    private static bool SameKind(string a, string b, MatterCatalogue.Snapshot snapshot) =>
        a == b || snapshot.Find(a)?.ParentCode == b || snapshot.Find(b)?.ParentCode == a;

    public async Task<(FieldErrors Errors, Need? Need)> CreateNeedAsync(NeedInput input, CancellationToken ct, IReadOnlyList<IFormFile>? photos = null)
    {
        var errors = new FieldErrors();
        if (photos is { Count: > 0 })
        {
            var (fileErrors, _) = await files.CheckAsync(photos, "photos", ct);
            foreach (var (field, messages) in fileErrors.All)
            {
                messages.ForEach(m => errors.Add(field, m));
            }
        }
        var snapshot = await catalogue.GetAsync(ct);
        if (string.IsNullOrWhiteSpace(input.CommunityCode) || !await db.Communities.AnyAsync(c => c.Code == input.CommunityCode, ct))
        {
            errors.Add("communityCode", "Choose a community");
        }
        if (input.CategoryCode is null || snapshot.Find(input.CategoryCode) is null)
        {
            errors.Add("categoryCode", "Choose a category");
        }
        errors.Add("title", Required(input.Title, 100, "Give the need a short title"));
        errors.Add("description", input.Description is { Length: > 2000 } ? "Keep the description under 2000 characters" : null);
        errors.Add("place", input.Place is { Length: > 200 } ? "Keep the place under 200 characters" : null);
        if (input.PeopleAffected is < 0 or > 100000)
        {
            errors.Add("peopleAffected", "People affected must be between 0 and 100000");
        }
        if (!Enum.TryParse<NeedSource>(input.Source, true, out var source) || !Enum.IsDefined(source))
        {
            errors.Add("source", "Choose where the need came from");
        }
        var building = input.BuildingId is { } bid
            ? await db.Buildings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bid && b.CommunityCode == input.CommunityCode, ct)
            : null;
        if (input.BuildingId is not null && building is null)
        {
            errors.Add("buildingId", "Choose a place of the community");
        }
        if (building is null && string.IsNullOrWhiteSpace(input.Place))
        {
            errors.Add("place", "Pick a building, courtyard or alley, or describe the place");
        }
        var matterIds = input.MatterIds ?? [];
        if (matterIds.Count > 0 && await db.Matters.CountAsync(m => matterIds.Contains(m.Id) && m.CommunityCode == input.CommunityCode, ct) != matterIds.Distinct().Count())
        {
            errors.Add("matterIds", "Some of the matters are not of this community");
        }
        if (!errors.IsEmpty)
        {
            return (errors, null);
        }
        var need = new Need
        {
            CommunityCode = input.CommunityCode!, CategoryCode = input.CategoryCode!, Title = input.Title!.Trim(),
            Description = input.Description?.Trim(), BuildingId = building?.Id, GridId = building?.GridId,
            Place = building?.Name ?? input.Place!.Trim(), PeopleAffected = input.PeopleAffected ?? 0, Source = source,
            MatterIds = [.. matterIds.Distinct()], CreatedAt = Now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Needs.Add(need);
        await db.SaveChangesAsync(ct);
        if (photos is { Count: > 0 })
        {
            await files.SaveAsync(db, nameof(Need), need.Id, photos, "photos", ct);
        }
        await transaction.CommitAsync(ct);
        return (errors, need);
    }

    private static string? Required(string? value, int max, string missing) =>
        string.IsNullOrWhiteSpace(value) ? missing : value.Trim().Length > max ? $"Keep it under {max} characters" : null;

    public async Task OfferAsync(Need need, IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        await RequireUnitsOfAsync(need.CommunityCode, unitIds, ct);
        foreach (var unit in unitIds.Distinct().Where(u => need.Offers.All(o => o.PartnerUnitId != u)))
        {
            need.Offers.Add(new NeedOffer { PartnerUnitId = unit, CommunityCode = need.CommunityCode, OfferedAt = Now });
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task DropNeedAsync(Need need, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new FieldException("reason", "Say why the need is dropped");
        }
        if (await db.ProjectNeeds.AnyAsync(pn => pn.NeedId == need.Id, ct))
        {
            throw new RuleViolationException("A need answered by a project cannot be dropped");
        }
        need.Drop(reason.Trim());
        await db.SaveChangesAsync(ct);
    }

    private async Task RequireUnitsOfAsync(string community, IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var distinct = unitIds.Distinct().ToList();
        if (distinct.Count == 0)
        {
            throw new FieldException("unitIds", "Choose at least one partner unit");
        }
        var linked = await db.PartnerUnitCommunities.IgnoreQueryFilters()
            .CountAsync(l => l.CommunityCode == community && distinct.Contains(l.PartnerUnitId), ct);
        if (linked != distinct.Count)
        {
            throw new FieldException("unitIds", "Choose partner units of this community");
        }
    }

    /// <summary>A unit liaison adopts a need offered to it: a project of that unit answering the need.</summary>
    public async Task<Project> AdoptAsync(Need need, ClaimsPrincipal user, CancellationToken ct)
    {
        var unit = UnitOf(user) ?? throw new NotAllowedException("Only a partner unit adopts a need");
        if (need.Status is not (NeedStatus.Open or NeedStatus.Adopted))
        {
            throw new RuleViolationException("Only an open need can be adopted");
        }
        return await CreateProjectAsync(need.CommunityCode, new DecisionInput(need.Title, need.Description, [need.Id], [unit], Today),
            null, need.BuildingId, need.Place, ct);
    }

    // ---- Joint meetings --------------------------------------------------------------------------------------

    public async Task<List<JointMeeting>> MeetingsAsync(string? community, CancellationToken ct) =>
        await db.JointMeetings.AsNoTracking().Include(m => m.Attendees)
            .Where(m => community == null || m.CommunityCode == community)
            .OrderByDescending(m => m.HeldAt).Take(200).ToListAsync(ct);

    public Task<JointMeeting?> MeetingAsync(long id, CancellationToken ct) =>
        db.JointMeetings.Include(m => m.Attendees).FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>Convenes a meeting: its attendees are the big committee's members and the units' contacts, absent until marked.</summary>
    public async Task<(FieldErrors Errors, JointMeeting? Meeting)> ConveneAsync(MeetingInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.CommunityCode) || !await db.Communities.AnyAsync(c => c.Code == input.CommunityCode, ct))
        {
            errors.Add("communityCode", "Choose a community");
        }
        errors.Add("title", Required(input.Title, 100, "Give the meeting a title"));
        if (input.HeldAt is null)
        {
            errors.Add("heldAt", "Give the date and time of the meeting");
        }
        errors.Add("venue", input.Venue is { Length: > 100 } ? "Keep the venue under 100 characters" : null);
        var agenda = input.AgendaNeedIds?.Distinct().ToList() ?? [];
        if (agenda.Count > 0 && await db.Needs.CountAsync(n => agenda.Contains(n.Id) && n.CommunityCode == input.CommunityCode, ct) != agenda.Count)
        {
            errors.Add("agendaNeedIds", "Put needs of this community on the agenda");
        }
        if (!errors.IsEmpty)
        {
            return (errors, null);
        }
        var meeting = new JointMeeting
        {
            CommunityCode = input.CommunityCode!, Title = input.Title!.Trim(), HeldAt = input.HeldAt!.Value.Kind == DateTimeKind.Utc ? input.HeldAt.Value : Display.ToUtc(input.HeldAt.Value),
            Venue = input.Venue?.Trim(), AgendaNeedIds = agenda, CreatedAt = Now,
        };
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.CommunityCode == meeting.CommunityCode).ToListAsync(ct);
        foreach (var m in members.OrderBy(m => m.Role))
        {
            meeting.Attendees.Add(new JointMeetingAttendee
            {
                Name = m.Name, PartnerUnitId = m.PartnerUnitId,
                Role = m.Role switch { CommitteeRole.FirstSecretary => AttendeeRole.FirstSecretary, CommitteeRole.PartTimeMember => AttendeeRole.PartTimeMember, _ => AttendeeRole.CommunityStaff },
            });
        }
        var units = await db.PartnerUnits.AsNoTracking().IgnoreQueryFilters()
            .Where(u => u.Communities.Any(l => l.CommunityCode == meeting.CommunityCode))
            .Select(u => new { u.Id, u.Name, u.ContactName }).ToListAsync(ct);
        foreach (var u in units.Where(u => meeting.Attendees.All(a => a.PartnerUnitId != u.Id)))
        {
            meeting.Attendees.Add(new JointMeetingAttendee { Name = $"{u.Name} {u.ContactName}".Trim(), PartnerUnitId = u.Id, Role = AttendeeRole.UnitRepresentative });
        }
        db.JointMeetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return (errors, meeting);
    }

    public async Task RecordMeetingAsync(JointMeeting meeting, IReadOnlyCollection<long> present, string? minutes, IReadOnlyCollection<string>? guests, CancellationToken ct)
    {
        if (minutes is { Length: > 4000 })
        {
            throw new FieldException("minutes", "Keep the minutes under 4000 characters");
        }
        foreach (var a in meeting.Attendees)
        {
            a.Present = present.Contains(a.Id);
        }
        foreach (var guest in guests?.Where(g => !string.IsNullOrWhiteSpace(g)) ?? [])
        {
            meeting.Attendees.Add(new JointMeetingAttendee { Name = guest.Trim(), Role = AttendeeRole.ResidentRepresentative, Present = true });
        }
        meeting.Minutes = minutes?.Trim();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A decision of the meeting: the needs become a project adopted by one or more units.</summary>
    public async Task<Project> DecideAsync(JointMeeting meeting, DecisionInput input, CancellationToken ct)
    {
        var needIds = input.NeedIds?.Distinct().ToList() ?? [];
        if (needIds.Count == 0)
        {
            throw new FieldException("needIds", "Choose the needs the project answers");
        }
        var first = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id)).OrderBy(n => n.Id).FirstOrDefaultAsync(ct);
        return await CreateProjectAsync(meeting.CommunityCode, input with { StartOn = input.StartOn ?? DateOnly.FromDateTime(Display.Local(meeting.HeldAt)) },
            meeting.Id, first?.BuildingId, first?.Place, ct);
    }

    private async Task<Project> CreateProjectAsync(string community, DecisionInput input, long? meetingId, long? buildingId, string? place, CancellationToken ct)
    {
        var errors = new FieldErrors().Add("title", Required(input.Title, 100, "Give the project a title"));
        if (!errors.IsEmpty)
        {
            throw new FieldException(errors);
        }
        var needIds = input.NeedIds?.Distinct().ToList() ?? [];
        var needs = await db.Needs.Include(n => n.Offers).Where(n => needIds.Contains(n.Id) && n.CommunityCode == community).ToListAsync(ct);
        if (needs.Count != needIds.Count)
        {
            throw new FieldException("needIds", "Choose needs of this community");
        }
        if (needs.Any(n => n.Status is NeedStatus.Met or NeedStatus.Dropped))
        {
            throw new RuleViolationException("A met or dropped need cannot be adopted again");
        }
        var unitIds = input.UnitIds?.Distinct().ToList() ?? [];
        await RequireUnitsOfAsync(community, unitIds, ct);
        var project = new Project
        {
            CommunityCode = community, Title = input.Title!.Trim(), Description = input.Description?.Trim(), MeetingId = meetingId,
            BuildingId = buildingId, Place = place, StartOn = input.StartOn ?? Today, CreatedAt = Now,
        };
        project.Units.AddRange(unitIds.Select(u => new ProjectUnit { PartnerUnitId = u }));
        project.Needs.AddRange(needIds.Select(n => new ProjectNeed { NeedId = n }));
        db.Projects.Add(project);
        foreach (var need in needs)
        {
            foreach (var unit in unitIds.Where(u => need.Offers.All(o => o.PartnerUnitId != u)))
            {
                need.Offers.Add(new NeedOffer { PartnerUnitId = unit, CommunityCode = community, OfferedAt = Now });
            }
        }
        await FollowNeedsAsync(project, ct);
        await db.SaveChangesAsync(ct);
        return project;
    }

    /// <summary>
    /// Each need the project answers takes its status from all the projects answering it (this one as it is now in
    /// memory). Called before the save of the project's change, so both are saved together.
    /// </summary>
    private async Task FollowNeedsAsync(Project project, CancellationToken ct)
    {
        var needIds = project.Needs.Select(pn => pn.NeedId).ToList();
        var needs = await db.Needs.IgnoreQueryFilters().Where(n => needIds.Contains(n.Id)).ToListAsync(ct);
        var others = await db.ProjectNeeds.Where(pn => needIds.Contains(pn.NeedId) && pn.ProjectId != project.Id)
            .Join(db.Projects.IgnoreQueryFilters(), pn => pn.ProjectId, p => p.Id, (pn, p) => new { pn.NeedId, p.Status })
            .ToListAsync(ct);
        foreach (var need in needs)
        {
            need.Follow([.. others.Where(o => o.NeedId == need.Id).Select(o => o.Status), project.Status], Now);
        }
    }

    // ---- Projects ----------------------------------------------------------------------------------------------

    public Task<Project?> ProjectAsync(long id, CancellationToken ct) =>
        db.Projects.Include(p => p.Units).Include(p => p.Needs).FirstOrDefaultAsync(p => p.Id == id, ct);

    public Task<List<Milestone>> MilestonesAsync(long projectId, CancellationToken ct) =>
        db.Milestones.Where(m => m.ProjectId == projectId).OrderBy(m => m.DueOn).ThenBy(m => m.Id).ToListAsync(ct);

    /// <summary>A unit's liaison acts for its own unit only; staff of the community for any unit of the project.</summary>
    private static long ActingUnit(Project project, ClaimsPrincipal user, long? requested)
    {
        if (UnitOf(user) is { } own)
        {
            if (requested is not null && requested != own)
            {
                throw new NotAllowedException("A unit plans and reports its own work only");
            }
            return own;
        }
        if (!IsStaff(user))
        {
            throw new NotAllowedException("Only the project's units and community staff change a project");
        }
        return requested is { } unit && project.Units.Any(u => u.PartnerUnitId == unit) ? unit
            : requested is null && project.Units.Count > 0 ? project.Units[0].PartnerUnitId
            : throw new FieldException("unitId", "Choose one of the project's units");
    }

    private static FieldErrors CheckMilestone(Project project, MilestoneInput input)
    {
        var errors = new FieldErrors().Add("title", Required(input.Title, 100, "Name the milestone"));
        if (input.DueOn is null)
        {
            errors.Add("dueOn", "Give the date the milestone is due");
        }
        else if (input.DueOn < project.StartOn)
        {
            errors.Add("dueOn", "A milestone cannot be due before the project starts");
        }
        if (input.Budget is < 0 or > 100_000_000)
        {
            errors.Add("budget", "Money must be between 0 and 100,000,000 yuan");
        }
        if (input.Workers is < 0 or > 10000)
        {
            errors.Add("workers", "People must be between 0 and 10000");
        }
        return errors.Add("materials", input.Materials is { Length: > 200 } ? "Keep the materials under 200 characters" : null);
    }

    public async Task<(FieldErrors Errors, Milestone? Milestone)> PlanAsync(Project project, MilestoneInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var unit = ActingUnit(project, user, input.UnitId);
        var errors = CheckMilestone(project, input);
        if (!errors.IsEmpty)
        {
            return (errors, null);
        }
        project.EnsureOpen();
        var milestone = new Milestone
        {
            ProjectId = project.Id, CommunityCode = project.CommunityCode, PartnerUnitId = unit, Title = input.Title!.Trim(),
            DueOn = input.DueOn!.Value, Budget = input.Budget, Workers = input.Workers, Materials = input.Materials?.Trim(),
        };
        db.Milestones.Add(milestone);
        var all = await MilestonesAsync(project.Id, ct);
        project.Recount([.. all, milestone]);
        project.Version++;
        await db.SaveChangesAsync(ct);
        return (errors, milestone);
    }

    /// <summary>
    /// Re-plans a milestone not yet done (its unit or staff): name, date, resources. The change is audited.
    /// False when the project has no such milestone.
    /// </summary>
    public async Task<bool> ReplanAsync(Project project, long milestoneId, MilestoneInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var all = await MilestonesAsync(project.Id, ct);
        if (all.FirstOrDefault(m => m.Id == milestoneId) is not { } milestone)
        {
            return false;
        }
        ActingUnit(project, user, milestone.PartnerUnitId);
        var errors = CheckMilestone(project, input);
        if (!errors.IsEmpty)
        {
            throw new FieldException(errors);
        }
        project.EnsureOpen();
        if (milestone.DoneOn is not null)
        {
            throw new RuleViolationException("The milestone is already done");
        }
        milestone.Title = input.Title!.Trim();
        if (milestone.DueOn != input.DueOn)
        {
            // A new date is a new deadline: a late notice is owed again if it passes.
            milestone.DueOn = input.DueOn!.Value;
            milestone.LateNoticeAt = null;
        }
        (milestone.Budget, milestone.Workers, milestone.Materials) = (input.Budget, input.Workers, input.Materials?.Trim());
        project.Recount(all);
        project.Version++;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Marks a milestone done (its unit or staff); false when the project has no such milestone.</summary>
    public async Task<bool> CompleteAsync(Project project, long milestoneId, DateOnly? on, ClaimsPrincipal user, CancellationToken ct)
    {
        var all = await MilestonesAsync(project.Id, ct);
        if (all.FirstOrDefault(m => m.Id == milestoneId) is not { } milestone)
        {
            return false;
        }
        ActingUnit(project, user, milestone.PartnerUnitId);
        if (milestone.DoneOn is not null)
        {
            throw new RuleViolationException("The milestone is already done");
        }
        var day = on ?? Today;
        if (day > Today || day < project.StartOn)
        {
            throw new FieldException("doneOn", "The day it was done must be between the project's start and today");
        }
        project.EnsureOpen();
        milestone.DoneOn = day;
        project.Recount(all);
        if (project.Status == ProjectStatus.Planned)
        {
            project.Begin();
        }
        project.Version++;
        await FollowNeedsAsync(project, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<ProgressUpdate> PostUpdateAsync(Project project, string? text, long? milestoneId, IReadOnlyList<IFormFile> photos,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var unit = ActingUnit(project, user, null);
        var errors = new FieldErrors().Add("text", Required(text, 2000, "Say what was done"));
        if (milestoneId is { } mid && !await db.Milestones.AnyAsync(m => m.Id == mid && m.ProjectId == project.Id, ct))
        {
            errors.Add("milestoneId", "Choose a milestone of the project");
        }
        var (fileErrors, _) = await files.CheckAsync(photos, "photos", ct);
        foreach (var (field, messages) in fileErrors.All)
        {
            messages.ForEach(m => errors.Add(field, m));
        }
        if (!errors.IsEmpty)
        {
            throw new FieldException(errors);
        }
        project.EnsureOpen();
        var update = new ProgressUpdate
        {
            ProjectId = project.Id, CommunityCode = project.CommunityCode, PartnerUnitId = unit, MilestoneId = milestoneId,
            Text = text!.Trim(), ByName = user.DisplayName(), At = Now,
        };
        db.ProgressUpdates.Add(update);
        if (project.Status == ProjectStatus.Planned)
        {
            project.Begin();
            project.Version++;
            await FollowNeedsAsync(project, ct);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (photos.Count > 0)
        {
            await files.SaveAsync(db, nameof(ProgressUpdate), update.Id, photos, "photos", ct);
        }
        await transaction.CommitAsync(ct);
        return update;
    }

    public async Task RequestAcceptanceAsync(Project project, ClaimsPrincipal user, CancellationToken ct)
    {
        ActingUnit(project, user, null);
        project.RequestAcceptance(Now);
        project.Version++;
        await FollowNeedsAsync(project, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task AcceptAsync(Project project, AcceptanceInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.Holds(Policies.CommunitySecretary))
        {
            throw new NotAllowedException("Only the community secretary accepts a project");
        }
        var errors = new FieldErrors().Add("residents", Required(input.Residents, 200, "Name the resident representatives who took part in the acceptance"));
        errors.Add("note", input.Note is { Length: > 1000 } ? "Keep the note under 1000 characters" : null);
        var on = input.On ?? Today;
        if (on > Today)
        {
            errors.Add("on", "The acceptance cannot be in the future");
        }
        if (!errors.IsEmpty)
        {
            throw new FieldException(errors);
        }
        project.Accept(on, input.Note?.Trim(), input.Residents!.Trim());
        project.Version++;
        await FollowNeedsAsync(project, ct);
        // The acceptance is published on the notice board (验收公示) with a five-day objection window, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var notice = notices.Publish(project.CommunityCode, Notices.NoticeKind.ProjectProgress,
            string.Format(CultureInfo.InvariantCulture, Zh("Acceptance notice: {0}"), project.Title),
            await AcceptanceTextAsync(project, ct), project.Place, 5, 30, null, user.DisplayName());
        await db.SaveChangesAsync(ct);
        project.NoticeId = notice.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The board speaks to residents: a notice is written in Chinese whatever the secretary's UI language.</summary>
    private static string Zh(string key) => Platform.Localization.Chinese.Strings.TryGetValue(key, out var text) ? text : key;

    /// <summary>The notice's text: units, the needs answered, the milestones as done, the acceptance.</summary>
    private async Task<string> AcceptanceTextAsync(Project project, CancellationToken ct)
    {
        static string T(string key) => Zh(key);
        var unitIds = project.Units.Select(u => u.PartnerUnitId).ToList();
        var units = await db.PartnerUnits.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => u.Name).ToListAsync(ct);
        var needIds = project.Needs.Select(n => n.NeedId).ToList();
        var needs = await db.Needs.IgnoreQueryFilters().AsNoTracking().Where(n => needIds.Contains(n.Id)).Select(n => n.Title).ToListAsync(ct);
        var milestones = await MilestonesAsync(project.Id, ct);
        var text = new System.Text.StringBuilder();
        text.AppendLine(T("Units") + "：" + string.Join("、", units));
        if (needs.Count > 0)
        {
            text.AppendLine(T("Needs") + "：" + string.Join("；", needs));
        }
        text.AppendLine(T("Milestones") + "：");
        foreach (var m in milestones)
        {
            text.AppendLine($"· {m.Title}（{m.DoneOn:yyyy-MM-dd}）");
        }
        text.AppendLine(T("Acceptance") + "：" + string.Format(CultureInfo.InvariantCulture, T("Accepted on {0} with {1}."),
            project.CompletedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), project.AcceptedWith) + " " + project.AcceptanceNote);
        text.Append(T("Residents may raise objections within the window."));
        return text.ToString();
    }

    public async Task SendBackAsync(Project project, string? reason, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.Holds(Policies.CommunitySecretary))
        {
            throw new NotAllowedException("Only the community secretary accepts a project");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new FieldException("reason", "Say what is still to be done");
        }
        project.SendBack(reason.Trim());
        project.Version++;
        await FollowNeedsAsync(project, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Commendation> CommendAsync(Project project, CommendationInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Add("from", Required(input.From, 100, "Say who sent it"))
            .Add("words", Required(input.Words, 500, "Write the words on the banner or letter"));
        if (!Enum.TryParse<CommendationKind>(input.Kind, true, out var kind) || !Enum.IsDefined(kind))
        {
            errors.Add("kind", "Choose a banner, a letter or other");
        }
        if (input.UnitId is { } unit && project.Units.All(u => u.PartnerUnitId != unit))
        {
            errors.Add("unitId", "Choose one of the project's units");
        }
        if (input.ReceivedOn is { } day && day > Today)
        {
            errors.Add("receivedOn", "The day received cannot be in the future");
        }
        if (!errors.IsEmpty)
        {
            throw new FieldException(errors);
        }
        var commendation = new Commendation
        {
            ProjectId = project.Id, CommunityCode = project.CommunityCode, PartnerUnitId = input.UnitId, Kind = kind,
            From = input.From!.Trim(), Words = input.Words!.Trim(), ReceivedOn = input.ReceivedOn ?? Today,
        };
        db.Commendations.Add(commendation);
        await db.SaveChangesAsync(ct);
        return commendation;
    }

    /// <summary>A resident rates an accepted project from its public page.</summary>
    public async Task RateAsync(Project project, string? rating, string? comment, CancellationToken ct)
    {
        if (!Enum.TryParse<Rating>(rating, true, out var value) || !Enum.IsDefined(value))
        {
            throw new FieldException("rating", "Choose satisfied, basically satisfied or unsatisfied");
        }
        if (comment is { Length: > 500 })
        {
            throw new FieldException("comment", "Keep the comment under 500 characters");
        }
        project.Rate(value);
        project.Version++;
        db.ProjectRatings.Add(new ProjectRating { ProjectId = project.Id, CommunityCode = project.CommunityCode, Rating = value, Comment = comment?.Trim(), At = Now });
        await db.SaveChangesAsync(ct);
    }

    // ---- Agreements ----------------------------------------------------------------------------------------

    public async Task<(FieldErrors Errors, PartnershipAgreement? Agreement)> SignAsync(AgreementInput input, IFormFile? scan, CancellationToken ct)
    {
        var errors = new FieldErrors();
        PartnershipAgreement? renews = null;
        if (input.RenewsId is { } rid)
        {
            renews = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == rid, ct);
            if (renews is null)
            {
                errors.Add("renewsId", "Choose an agreement of this community to renew");
            }
        }
        var community = renews?.CommunityCode ?? input.CommunityCode;
        var unitId = renews?.PartnerUnitId ?? input.UnitId;
        if (string.IsNullOrWhiteSpace(community) || !await db.Communities.AnyAsync(c => c.Code == community, ct))
        {
            errors.Add("communityCode", "Choose a community");
        }
        else if (unitId is null || !await db.PartnerUnitCommunities.IgnoreQueryFilters().AnyAsync(l => l.CommunityCode == community && l.PartnerUnitId == unitId, ct))
        {
            errors.Add("unitId", "Choose partner units of this community");
        }
        if (input.SignedOn is null)
        {
            errors.Add("signedOn", "Give the day it was signed");
        }
        else if (input.SignedOn > Today)
        {
            errors.Add("signedOn", "The day signed cannot be in the future");
        }
        var starts = input.StartsOn ?? (renews is not null ? renews.EndsOn.AddDays(1) : input.SignedOn);
        if (input.EndsOn is null || starts is null || input.EndsOn <= starts)
        {
            errors.Add("endsOn", "The term must end after it starts");
        }
        else if (input.EndsOn > starts.Value.AddYears(10))
        {
            errors.Add("endsOn", "A term is at most ten years");
        }
        errors.Add("commitments", Required(input.Commitments, 2000, "Write what the unit commits to"));
        if (scan is not null)
        {
            var (fileErrors, checkedFiles) = await files.CheckAsync([scan], "scan", ct);
            foreach (var (field, messages) in fileErrors.All)
            {
                messages.ForEach(m => errors.Add(field, m));
            }
            if (fileErrors.IsEmpty && checkedFiles[0].Type != "application/pdf")
            {
                errors.Add("scan", "Attach the signed agreement as a PDF");
            }
        }
        if (!errors.IsEmpty)
        {
            return (errors, null);
        }
        var agreement = new PartnershipAgreement
        {
            CommunityCode = community!, PartnerUnitId = unitId!.Value, SignedOn = input.SignedOn!.Value, StartsOn = starts!.Value,
            EndsOn = input.EndsOn!.Value, Commitments = input.Commitments!.Trim(), RenewsId = renews?.Id, CreatedAt = Now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Agreements.Add(agreement);
        await db.SaveChangesAsync(ct);
        if (scan is not null)
        {
            await files.SaveAsync(db, nameof(PartnershipAgreement), agreement.Id, [scan], "scan", ct);
        }
        await transaction.CommitAsync(ct);
        return (errors, agreement);
    }

    // ---- In-service members (双报到) ------------------------------------------------------------------------

    /// <summary>A party member reports to the home community (themselves, or staff record it for them).</summary>
    public async Task<(FieldErrors Errors, InServiceMember? Member)> ReportAsync(string? community, long? unitId, string? name, string? phone,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        long? personId = null;
        if (user.IsInRole(Roles.PartyMember) && !IsStaff(user) && long.TryParse(user.FindFirstValue(ScopeClaims.Person), out var pid))
        {
            var person = await db.People.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.Id == pid, ct);
            if (person is null || person.InServiceUnitId is null)
            {
                throw new RuleViolationException("Only a party member working for a county unit reports in service");
            }
            if (await db.InServiceMembers.AnyAsync(m => m.PersonId == pid, ct))
            {
                throw new RuleViolationException("You have already reported to the community");
            }
            (community, unitId, name, personId) = (person.CommunityCode, person.InServiceUnitId, person.Name, person.Id);
        }
        else if (!IsStaff(user))
        {
            throw new NotAllowedException("Members report themselves; community staff record reports");
        }
        if (string.IsNullOrWhiteSpace(community) || !await db.Communities.AnyAsync(c => c.Code == community, ct))
        {
            errors.Add("communityCode", "Choose a community");
        }
        if (unitId is null || !await db.PartnerUnits.IgnoreQueryFilters().AnyAsync(u => u.Id == unitId, ct))
        {
            errors.Add("unitId", "Choose the member's unit");
        }
        errors.Add("name", Required(name, 50, "Enter the member's name"));
        errors.Add("phone", string.IsNullOrWhiteSpace(phone) ? null : Validators.Mobile(phone));
        if (!errors.IsEmpty)
        {
            return (errors, null);
        }
        var stored = personal.ProtectPhone(string.IsNullOrWhiteSpace(phone) ? null : phone.Trim());
        var member = new InServiceMember
        {
            CommunityCode = community!, PartnerUnitId = unitId!.Value, PersonId = personId, Name = name!.Trim(),
            PhoneCipher = stored.Cipher, PhoneHash = stored.Hash, PhoneMasked = stored.Masked, ReportedOn = Today,
        };
        db.InServiceMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return (errors, member);
    }

    /// <summary>Reveals an in-service member's phone, with a reason; the reveal is audited before it is shown.</summary>
    public async Task<string?> RevealMemberPhoneAsync(InServiceMember member, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new FieldException("reason", "Give the reason for revealing");
        }
        db.Audit("reveal", nameof(InServiceMember), member.Id.ToString(CultureInfo.InvariantCulture), "phone: " + reason.Trim());
        await db.SaveChangesAsync(ct);
        return personal.Reveal(member.PhoneCipher);
    }

    public async Task<(FieldErrors Errors, ServiceTask? Task)> AddTaskAsync(string? community, string? title, string? kind, long? needId,
        long? projectId, DateOnly? on, string? place, int? places, CancellationToken ct)
    {
        var errors = new FieldErrors().Add("title", Required(title, 100, "Name the task"));
        if (string.IsNullOrWhiteSpace(community) || !await db.Communities.AnyAsync(c => c.Code == community, ct))
        {
            errors.Add("communityCode", "Choose a community");
        }
        if (!Enum.TryParse<ServiceTaskKind>(kind, true, out var k) || !Enum.IsDefined(k))
        {
            errors.Add("kind", "Choose a need, a project task or an activity");
        }
        if (needId is { } n && !await db.Needs.AnyAsync(x => x.Id == n && x.CommunityCode == community, ct))
        {
            errors.Add("needId", "Choose a need of this community");
        }
        if (projectId is { } p && !await db.Projects.AnyAsync(x => x.Id == p && x.CommunityCode == community, ct))
        {
            errors.Add("projectId", "Choose a project of this community");
        }
        if (on is null)
        {
            errors.Add("on", "Give the day of the task");
        }
        if (places is null or < 1 or > 1000)
        {
            errors.Add("places", "Places must be between 1 and 1000");
        }
        errors.Add("place", place is { Length: > 100 } ? "Keep the place under 100 characters" : null);
        if (!errors.IsEmpty)
        {
            return (errors, null);
        }
        var task = new ServiceTask { CommunityCode = community!, Title = title!.Trim(), Kind = k, NeedId = needId, ProjectId = projectId, On = on!.Value, Place = place?.Trim(), Places = places!.Value };
        db.ServiceTasks.Add(task);
        await db.SaveChangesAsync(ct);
        return (errors, task);
    }

    /// <summary>A reported member picks a task of the home community.</summary>
    public async Task<ServiceRecord> SignUpAsync(ServiceTask task, ClaimsPrincipal user, CancellationToken ct)
    {
        var personId = long.TryParse(user.FindFirstValue(ScopeClaims.Person), out var pid) ? pid : (long?)null;
        var member = personId is null ? null : await db.InServiceMembers.FirstOrDefaultAsync(m => m.PersonId == personId, ct);
        if (member is null)
        {
            throw new RuleViolationException("Report to the community before picking a task");
        }
        if (task.CommunityCode != member.CommunityCode)
        {
            throw new FieldException("taskId", "Choose a task of your community");
        }
        if (task.On < Today)
        {
            throw new RuleViolationException("The task is over");
        }
        if (await db.ServiceRecords.IgnoreQueryFilters().AnyAsync(r => r.TaskId == task.Id && r.MemberId == member.Id, ct))
        {
            throw new RuleViolationException("You have already picked this task");
        }
        if (await db.ServiceRecords.IgnoreQueryFilters().CountAsync(r => r.TaskId == task.Id, ct) >= task.Places)
        {
            throw new RuleViolationException("The task is full");
        }
        var record = new ServiceRecord { CommunityCode = task.CommunityCode, TaskId = task.Id, MemberId = member.Id, PartnerUnitId = member.PartnerUnitId, SignedUpAt = Now };
        db.ServiceRecords.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>Staff record the hours a member served on a task.</summary>
    public async Task RecordServiceAsync(ServiceRecord record, decimal? hours, DateOnly? on, string? note, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (hours is null or <= 0 or > 24)
        {
            errors.Add("hours", "Hours must be more than 0 and at most 24");
        }
        if (on is { } d && d > Today)
        {
            errors.Add("servedOn", "The day served cannot be in the future");
        }
        errors.Add("note", note is { Length: > 500 } ? "Keep the note under 500 characters" : null);
        if (!errors.IsEmpty)
        {
            throw new FieldException(errors);
        }
        record.Hours = hours;
        record.ServedOn = on ?? Today;
        record.Note = note?.Trim();
        await db.SaveChangesAsync(ct);
    }

    public static string Invariant(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
