using System.Globalization;
using Huying.Modules.Notices;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Localization;
using Huying.Platform.Ratings;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

public sealed record MilestoneInput(string? Title, DateOnly? DueOn, long? UnitId, decimal? Budget, int? Workers, string? Materials);

public sealed record AcceptanceInput(string? Residents, string? Note, DateOnly? On);

public sealed record CommendationInput(string? Kind, string? From, string? Words, long? UnitId, DateOnly? ReceivedOn);

/// <summary>
/// 项目清单 at work: a project made (by a decision or an adoption), its milestones planned, re-planned and done by
/// its units, progress updates with photos, acceptance by the secretary (published as a 验收公示), commendations.
/// Every change is authorized here: a unit for its own work, community staff for any unit, the secretary to accept.
/// </summary>
public sealed class ProjectWorkService(HuyingDbContext db, CurrentUser user, WorkCalendars calendars, FileStore files, NoticeService notices,
    PlaceNames places, ResidentCodes codes, TimeProvider clock)
{
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    public DateOnly Today => DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));

    public Task<WorkCalendar> CalendarAsync(CancellationToken ct) => calendars.GetAsync(ct);

    public Task<Project?> ProjectAsync(long id, CancellationToken ct) =>
        db.Projects.Include(p => p.Units).Include(p => p.Needs).FirstOrDefaultAsync(p => p.Id == id, ct);

    public Task<List<Milestone>> MilestonesAsync(long projectId, CancellationToken ct) =>
        db.Milestones.Where(m => m.ProjectId == projectId).OrderBy(m => m.DueOn).ThenBy(m => m.Id).ToListAsync(ct);

    /// <summary>Refuses unless the units are all linked to the community.</summary>
    public async Task RequireUnitsOfAsync(string community, IReadOnlyCollection<long> unitIds, CancellationToken ct)
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

    /// <summary>A project of one or more units answering needs of the community (a meeting's decision or a unit's adoption).</summary>
    public async Task<Project> CreateAsync(string community, DecisionInput input, long? meetingId, long? buildingId, string? place, CancellationToken ct)
    {
        new FieldErrors()
            .Add("title", ProjectRules.Required(input.Title, 100, "Give the project a title"))
            .Add("description", ProjectRules.AtMost(input.Description, 2000))
            .ThrowIfAny();
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

    private static FieldErrors CheckMilestone(Project project, MilestoneInput input)
    {
        var errors = new FieldErrors().Add("title", ProjectRules.Required(input.Title, 100, "Name the milestone"));
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
        return errors.Add("materials", ProjectRules.AtMost(input.Materials, 200));
    }

    /// <summary>A unit (or staff for a unit) plans a milestone with its date and resources.</summary>
    public async Task<Milestone> PlanAsync(Project project, MilestoneInput input, CancellationToken ct)
    {
        var unit = ProjectRules.ActingUnit(project, user.Principal!, input.UnitId);
        CheckMilestone(project, input).ThrowIfAny();
        project.EnsureOpen();
        var milestone = new Milestone
        {
            ProjectId = project.Id, CommunityCode = project.CommunityCode, PartnerUnitId = unit, Title = input.Title!.Trim(),
            DueOn = input.DueOn!.Value, Budget = input.Budget, Workers = input.Workers, Materials = input.Materials?.Trim(),
        };
        db.Milestones.Add(milestone);
        project.Recount([.. await MilestonesAsync(project.Id, ct), milestone], Now);
        await db.SaveChangesAsync(ct);
        return milestone;
    }

    /// <summary>Re-plans a milestone not yet done (its unit or staff): name, date, resources. False when the project has no such milestone.</summary>
    public async Task<bool> ReplanAsync(Project project, long milestoneId, MilestoneInput input, CancellationToken ct)
    {
        var all = await MilestonesAsync(project.Id, ct);
        if (all.FirstOrDefault(m => m.Id == milestoneId) is not { } milestone)
        {
            return false;
        }
        ProjectRules.ActingUnit(project, user.Principal!, milestone.PartnerUnitId);
        CheckMilestone(project, input).ThrowIfAny();
        project.EnsureOpen();
        milestone.Replan(input.Title!.Trim(), input.DueOn!.Value, input.Budget, input.Workers, input.Materials?.Trim());
        project.Recount(all, Now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Marks a milestone done (its unit or staff); false when the project has no such milestone.</summary>
    public async Task<bool> CompleteAsync(Project project, long milestoneId, DateOnly? on, CancellationToken ct)
    {
        var all = await MilestonesAsync(project.Id, ct);
        if (all.FirstOrDefault(m => m.Id == milestoneId) is not { } milestone)
        {
            return false;
        }
        ProjectRules.ActingUnit(project, user.Principal!, milestone.PartnerUnitId);
        var day = on ?? Today;
        if (day > Today || day < project.StartOn)
        {
            throw new FieldException("doneOn", "The day it was done must be between the project's start and today");
        }
        project.EnsureOpen();
        milestone.Complete(day);
        project.Recount(all, Now);
        if (project.Status == ProjectStatus.Planned)
        {
            project.Begin();
        }
        await FollowNeedsAsync(project, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A progress update with photos, by a unit of the project or staff.</summary>
    public async Task<ProgressUpdate> PostUpdateAsync(Project project, string? text, long? milestoneId, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        var unit = ProjectRules.ActingUnit(project, user.Principal!, null);
        var (errors, _) = await files.CheckAsync(photos, "photos", ct);
        errors.Add("text", ProjectRules.Required(text, 2000, "Say what was done"));
        if (milestoneId is { } mid && !await db.Milestones.AnyAsync(m => m.Id == mid && m.ProjectId == project.Id, ct))
        {
            errors.Add("milestoneId", "Choose a milestone of the project");
        }
        errors.ThrowIfAny();
        project.EnsureOpen();
        var update = new ProgressUpdate
        {
            ProjectId = project.Id, CommunityCode = project.CommunityCode, PartnerUnitId = unit, MilestoneId = milestoneId,
            Text = text!.Trim(), ByName = user.Principal!.DisplayName(), At = Now,
        };
        db.ProgressUpdates.Add(update);
        project.Touch(Now);
        if (project.Status == ProjectStatus.Planned)
        {
            project.Begin();
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

    public async Task RequestAcceptanceAsync(Project project, CancellationToken ct)
    {
        ProjectRules.ActingUnit(project, user.Principal!, null);
        project.RequestAcceptance(Now);
        await FollowNeedsAsync(project, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The secretary accepts (验收) with the resident representatives; the acceptance goes on the notice board.</summary>
    public async Task AcceptAsync(Project project, AcceptanceInput input, CancellationToken ct)
    {
        user.Require(Policies.CommunitySecretary, "Only the community secretary accepts a project");
        var errors = new FieldErrors()
            .Add("residents", ProjectRules.Required(input.Residents, 200, "Name the resident representatives who took part in the acceptance"))
            .Add("note", ProjectRules.AtMost(input.Note, 1000));
        var on = input.On ?? Today;
        if (on > Today)
        {
            errors.Add("on", "The acceptance cannot be in the future");
        }
        errors.ThrowIfAny();
        project.Accept(on, input.Note?.Trim(), input.Residents!.Trim(), Now);
        await FollowNeedsAsync(project, ct);
        // The acceptance is published on the notice board (验收公示) with a five-day objection window, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var notice = notices.Publish(project.CommunityCode, NoticeKind.ProjectProgress, Tr.Public("Acceptance notice: {0}", project.Title),
            await AcceptanceTextAsync(project, ct), project.Place, 5, 30, null, user.Principal!.DisplayName());
        await db.SaveChangesAsync(ct);
        project.NoticeId = notice.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The notice's text (public, so in Chinese): units, the needs answered, the milestones as done, the acceptance.</summary>
    private async Task<string> AcceptanceTextAsync(Project project, CancellationToken ct)
    {
        var unitIds = project.Units.Select(u => u.PartnerUnitId).ToList();
        var names = await places.UnitsAsync(ct);
        var units = unitIds.Select(u => names[u]).ToList();
        var needIds = project.Needs.Select(n => n.NeedId).ToList();
        var needs = await db.Needs.IgnoreQueryFilters().AsNoTracking().Where(n => needIds.Contains(n.Id)).Select(n => n.Title).ToListAsync(ct);
        var milestones = await MilestonesAsync(project.Id, ct);
        var text = new System.Text.StringBuilder();
        text.AppendLine(Tr.Public("Units") + "：" + string.Join("、", units));
        if (needs.Count > 0)
        {
            text.AppendLine(Tr.Public("Needs") + "：" + string.Join("；", needs));
        }
        text.AppendLine(Tr.Public("Milestones") + "：");
        foreach (var m in milestones)
        {
            text.AppendLine($"· {m.Title}（{m.DoneOn:yyyy-MM-dd}）");
        }
        text.AppendLine(Tr.Public("Acceptance") + "：" + Tr.Public("Accepted on {0} with {1}.",
            project.CompletedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), project.AcceptedWith) + " " + project.AcceptanceNote);
        text.Append(Tr.Public("Residents may raise objections within the window."));
        return text.ToString();
    }

    public async Task SendBackAsync(Project project, string? reason, CancellationToken ct)
    {
        user.Require(Policies.CommunitySecretary, "Only the community secretary accepts a project");
        new FieldErrors().Add("reason", ProjectRules.Required(reason, 1000, "Say what is still to be done")).ThrowIfAny();
        project.SendBack(reason!.Trim(), Now);
        await FollowNeedsAsync(project, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Community staff record a banner (锦旗) or thank-you letter for the project and one of its units.</summary>
    public async Task<Commendation> CommendAsync(Project project, CommendationInput input, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        var errors = new FieldErrors()
            .Add("from", ProjectRules.Required(input.From, 100, "Say who sent it"))
            .Add("words", ProjectRules.Required(input.Words, 500, "Write the words on the banner or letter"));
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
        errors.ThrowIfAny();
        var commendation = new Commendation
        {
            ProjectId = project.Id, CommunityCode = project.CommunityCode, PartnerUnitId = input.UnitId, Kind = kind,
            From = input.From!.Trim(), Words = input.Words!.Trim(), ReceivedOn = input.ReceivedOn ?? Today,
        };
        db.Commendations.Add(commendation);
        await db.SaveChangesAsync(ct);
        return commendation;
    }

    /// <summary>
    /// A resident rates an accepted project from its public page, with the tracking code of a matter or topic they
    /// raised in the project's community: one rating per code and project, so ratings count people, not browsers.
    /// </summary>
    public async Task RateAsync(Project project, string? rating, string? comment, string? code, CancellationToken ct)
    {
        var value = RatingText.Parse(rating);
        var hash = codes.Hash(code);
        // One answer for a code that does not exist and one of another community: a code's community is not told.
        var codeError = hash is null ? "Enter the tracking code of a matter you reported or a topic you raised in this community"
            : await codes.CommunityOfAsync(code, ct) != project.CommunityCode ? "No matter or topic of this community has this tracking code"
            // A query of its own: the resident (anonymous) sees no ratings, yet one code rates a project once.
            : await db.ProjectRatings.IgnoreQueryFilters().AnyAsync(r => r.ProjectId == project.Id && r.CodeHash == hash, ct) ? "This tracking code has already rated this project"
            : null;
        new FieldErrors()
            .Add("rating", value is null ? "Choose satisfied, basically satisfied or unsatisfied" : null)
            .Add("comment", ProjectRules.AtMost(comment, 500))
            .Add("code", codeError)
            .ThrowIfAny();
        project.Rate(value!.Value, Now);
        db.ProjectRatings.Add(new ProjectRating
        {
            ProjectId = project.Id, CommunityCode = project.CommunityCode, Rating = value.Value, Comment = comment?.Trim(), CodeHash = hash, At = Now,
        });
        await db.SaveChangesAsync(ct);
    }
}
