using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

public sealed record OutcomeInput(string? Kind, decimal? Value, string? Note, DateOnly? MeasuredOn);

public sealed record UpkeepInput(decimal? Funds, string? Team, IReadOnlyList<string>? Rules);

/// <summary>A project's money, outcomes and upkeep as another module reads them (e.g. health aid's projects of the hospital).</summary>
public sealed record FundedProject(long Id, string Title, ProjectStatus Status, int Progress, decimal? Funds, DateOnly? CompletedOn,
    string? UpkeepTeam, int UpkeepRules, IReadOnlyList<OutcomeTotal> Outcomes);

public sealed record OutcomeTotal(OutcomeKind Kind, decimal Value);

/// <summary>The projects of some units in a division: how many, the money put in, the upkeep rules and each additive outcome summed.</summary>
public sealed record FundedProjects(int Projects, int Accepted, decimal Funds, int UpkeepRules, IReadOnlyList<OutcomeTotal> Outcomes, IReadOnlyList<FundedProject> List);

/// <summary>
/// What a project brought and who keeps it: the money put in, the measured outcomes (one value per kind, replaced
/// when measured again) and the upkeep team with its rules. Its units and community staff record them at any stage —
/// outcomes are often measured after acceptance (a harvest's income, a year's uses).
/// </summary>
public sealed class ProjectOutcomesService(HuyingDbContext db, CurrentUser user, TimeProvider clock)
{
    public const int MaxRules = 50;

    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    private DateOnly Today => DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));

    public Task<List<ProjectOutcome>> OutcomesAsync(long projectId, CancellationToken ct) =>
        db.Set<ProjectOutcome>().AsNoTracking().Where(o => o.ProjectId == projectId).OrderBy(o => o.Kind).ToListAsync(ct);

    public Task<List<UpkeepRule>> RulesAsync(long projectId, CancellationToken ct) =>
        db.Set<UpkeepRule>().AsNoTracking().Where(r => r.ProjectId == projectId).OrderBy(r => r.Position).ToListAsync(ct);

    /// <summary>Records (or replaces) the value of one kind of outcome.</summary>
    public async Task<ProjectOutcome> RecordOutcomeAsync(Project project, OutcomeInput input, CancellationToken ct)
    {
        ProjectRules.ActingUnit(project, user.Principal!, null);
        var errors = new FieldErrors().Add("note", ProjectRules.AtMost(input.Note, 200));
        if (!EnumNames.TryName<OutcomeKind>(input.Kind, out var kind))
        {
            errors.Add("kind", "Choose what was measured");
        }
        else if (input.Value is not { } v || v < 0 || v > ProjectOutcome.MaxOf(kind) || decimal.Round(v, 2) != v)
        {
            errors.Add("value", new Message("Give a number from 0 to {0} (at most two decimals)", ProjectOutcome.MaxOf(kind)));
        }
        if (input.MeasuredOn is { } day && (day > Today || day < project.StartOn))
        {
            errors.Add("measuredOn", "The day measured lies between the project's start and today");
        }
        errors.ThrowIfAny();
        var outcome = await db.Set<ProjectOutcome>().FirstOrDefaultAsync(o => o.ProjectId == project.Id && o.Kind == kind, ct);
        if (outcome is null)
        {
            outcome = new ProjectOutcome { ProjectId = project.Id, CommunityCode = project.CommunityCode, Kind = kind, By = "" };
            db.Add(outcome);
        }
        outcome.Value = input.Value!.Value;
        outcome.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        outcome.MeasuredOn = input.MeasuredOn ?? Today;
        outcome.By = user.Principal!.DisplayName();
        project.Touch(Now);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>Sets the money put in, the upkeep team and its rules (one per line, blank lines dropped, in the order given).</summary>
    public async Task SetUpkeepAsync(Project project, UpkeepInput input, CancellationToken ct)
    {
        ProjectRules.ActingUnit(project, user.Principal!, null);
        var rules = Validators.Entries(input.Rules);
        var errors = new FieldErrors().Add("team", ProjectRules.AtMost(input.Team, 200));
        if (input.Funds is { } funds && (funds < 0 || funds > 100_000_000_000m || decimal.Round(funds, 2) != funds))
        {
            errors.Add("funds", "Give the money in yuan (at most two decimals)");
        }
        if (rules.Count > MaxRules)
        {
            errors.Add("rules", new Message("At most {0} rules", MaxRules));
        }
        if (rules.Any(r => r.Length > 200))
        {
            errors.Add("rules", new Message("Keep each rule under {0} characters", 200));
        }
        if (rules.Count > 0 && string.IsNullOrWhiteSpace(input.Team))
        {
            errors.Add("team", "Name the team that keeps to the rules");
        }
        errors.ThrowIfAny();
        project.Funds = input.Funds;
        project.UpkeepTeam = string.IsNullOrWhiteSpace(input.Team) ? null : input.Team.Trim();
        var old = await db.Set<UpkeepRule>().Where(r => r.ProjectId == project.Id).ToListAsync(ct);
        db.RemoveRange(old);
        db.AddRange(rules.Select((text, i) => new UpkeepRule { ProjectId = project.Id, CommunityCode = project.CommunityCode, Position = i + 1, Text = text }));
        project.Touch(Now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The projects in a division that any of the units takes part in, started by <paramref name="asOf"/>, with their
    /// money, upkeep rules and outcomes measured by then (in the caller's scope, like every read of projects).
    /// </summary>
    public async Task<FundedProjects> OfUnitsAsync(string division, IReadOnlyCollection<long> unitIds, DateOnly asOf, CancellationToken ct)
    {
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.CommunityCode.StartsWith(division) && p.StartOn <= asOf && p.Units.Any(u => unitIds.Contains(u.PartnerUnitId)))
            .OrderBy(p => p.StartOn).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Title, p.Status, p.MilestonesDone, p.MilestoneCount, p.Funds, p.CompletedOn, p.UpkeepTeam })
            .ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var outcomes = await db.Set<ProjectOutcome>().AsNoTracking().Where(o => ids.Contains(o.ProjectId) && o.MeasuredOn <= asOf)
            .Select(o => new { o.ProjectId, o.Kind, o.Value }).ToListAsync(ct);
        var rules = await db.Set<UpkeepRule>().AsNoTracking().Where(r => ids.Contains(r.ProjectId))
            .GroupBy(r => r.ProjectId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        var list = projects.Select(p => new FundedProject(p.Id, p.Title, p.Status, Project.ProgressOf(p.MilestonesDone, p.MilestoneCount), p.Funds,
            p.CompletedOn, p.UpkeepTeam, rules.GetValueOrDefault(p.Id),
            [.. outcomes.Where(o => o.ProjectId == p.Id).OrderBy(o => o.Kind).Select(o => new OutcomeTotal(o.Kind, o.Value))])).ToList();
        return new FundedProjects(list.Count, list.Count(p => p.Status == ProjectStatus.Accepted), list.Sum(p => p.Funds ?? 0), list.Sum(p => p.UpkeepRules),
            [.. outcomes.Where(o => ProjectOutcome.Adds(o.Kind)).GroupBy(o => o.Kind).OrderBy(g => g.Key).Select(g => new OutcomeTotal(g.Key, g.Sum(o => o.Value)))], list);
    }
}
