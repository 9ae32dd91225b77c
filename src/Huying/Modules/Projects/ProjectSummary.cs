using Huying.Platform.Web;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Projects;

/// <summary>Filters of the summary table (项目清单汇总表); a period keeps projects under way at some point of it.</summary>
public sealed record SummaryFilter(string? Community = null, long? Unit = null, string? Status = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One row of the summary table: need → project → unit → milestones → progress → status → completion.</summary>
public sealed record SummaryRow(long ProjectId, string CommunityCode, string CommunityName, IReadOnlyList<string> Needs, string Project,
    IReadOnlyList<string> Units, int MilestonesDone, int Milestones, int Progress, ProjectStatus Status, bool Late,
    DateOnly StartOn, DateOnly? PlannedEndOn, DateOnly? CompletedOn);

/// <summary>The summary table for the page, the API and the .xlsx export: one query for the projects, one each for their units and needs.</summary>
public sealed class ProjectSummary(HuyingDbContext db, PlaceNames places, TimeProvider clock)
{
    public const int PageSize = 100;

    private DateOnly Today => DateOnly.FromDateTime(Platform.Web.Display.Local(clock.GetUtcNow().UtcDateTime));

    public static ProjectStatus? StatusOf(string? status) =>
        Enum.TryParse<ProjectStatus>(status, true, out var s) && Enum.IsDefined(s) ? s : null;

    public IQueryable<Project> Filtered(SummaryFilter f)
    {
        var today = Today;
        var q = db.Projects.AsNoTracking().AsQueryable();
        if (!string.IsNullOrEmpty(f.Community))
        {
            q = q.Where(p => p.CommunityCode == f.Community);
        }
        if (f.Unit is { } unit)
        {
            q = q.Where(p => p.Units.Any(u => u.PartnerUnitId == unit));
        }
        if (string.Equals(f.Status, "late", StringComparison.OrdinalIgnoreCase))
        {
            q = q.Where(p => p.Status != ProjectStatus.Accepted && p.NextDueOn != null && p.NextDueOn < today);
        }
        else if (StatusOf(f.Status) is { } status)
        {
            q = q.Where(p => p.Status == status);
        }
        if (f.To is { } to)
        {
            q = q.Where(p => p.StartOn <= to);
        }
        if (f.From is { } from)
        {
            q = q.Where(p => p.CompletedOn == null || p.CompletedOn >= from);
        }
        return q;
    }

    /// <summary>The rows of one page (page ≥ 1) or, with page null, all of them; and the number of rows in all.</summary>
    public async Task<(List<SummaryRow> Rows, int Total)> RowsAsync(SummaryFilter f, int? page, CancellationToken ct)
    {
        var q = Filtered(f).OrderBy(p => p.CommunityCode).ThenBy(p => p.StartOn).ThenBy(p => p.Id);
        var total = page is null ? -1 : await q.CountAsync(ct);
        var paged = page is { } n ? q.Skip((Platform.Web.Paging.Clamp(n) - 1) * PageSize).Take(PageSize) : q;
        var projects = await paged.Select(p => new
        {
            p.Id, p.CommunityCode, p.Title, p.MilestonesDone, p.MilestoneCount, p.Status, p.NextDueOn, p.StartOn, p.PlannedEndOn, p.CompletedOn,
        }).ToListAsync(ct);
        if (total < 0)
        {
            total = projects.Count;
        }
        // The projects' units and needs, looked up by id in queries of their own: a query that ignores filters
        // anywhere ignores them everywhere, so the scoped projects are never joined with an unfiltered set.
        var ids = projects.Select(p => p.Id).ToList();
        var scoped = page is null ? Filtered(f).Select(p => p.Id) : db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id);
        var unitPairs = await db.ProjectUnits.AsNoTracking().Where(u => scoped.Contains(u.ProjectId)).Select(u => new { u.ProjectId, u.PartnerUnitId }).ToListAsync(ct);
        // Needs through the (filtered) needs: a project's needs are always offered to its units, so a unit sees them.
        var needPairs = await db.ProjectNeeds.AsNoTracking().Where(n => scoped.Contains(n.ProjectId))
            .Join(db.Needs.AsNoTracking(), pn => pn.NeedId, n => n.Id, (pn, n) => new { pn.ProjectId, n.Title }).ToListAsync(ct);
        var unitIds = unitPairs.Select(u => u.PartnerUnitId).Distinct().ToList();
        var unitNames = await places.UnitsAsync(ct);
        var units = Group([.. unitPairs.Select(u => (u.ProjectId, unitNames[u.PartnerUnitId]))]);
        var needs = Group([.. needPairs.Select(n => (n.ProjectId, n.Title))]);
        var names = await places.CommunitiesAsync(ct);
        var today = Today;
        var rows = projects.Select(p => new SummaryRow(p.Id, p.CommunityCode, names.GetValueOrDefault(p.CommunityCode) ?? p.CommunityCode,
            needs.GetValueOrDefault(p.Id) ?? [], p.Title, units.GetValueOrDefault(p.Id) ?? [], p.MilestonesDone, p.MilestoneCount,
            Project.ProgressOf(p.MilestonesDone, p.MilestoneCount), p.Status,
            Project.IsLateAt(p.Status, p.NextDueOn, today), p.StartOn, p.PlannedEndOn, p.CompletedOn)).ToList();
        return (rows, total);
    }

    private static Dictionary<long, List<string>> Group(List<(long ProjectId, string Name)> pairs) =>
        pairs.GroupBy(p => p.ProjectId).ToDictionary(g => g.Key, g => g.Select(p => p.Name).Order(StringComparer.Ordinal).ToList());

    public static string StatusName(ProjectStatus status) => status switch
    {
        ProjectStatus.Planned => "Planned",
        ProjectStatus.InProgress => "In progress",
        ProjectStatus.AwaitingAcceptance => "Awaiting acceptance",
        _ => "Accepted after inspection",
    };

    /// <summary>The header row of the table and the export, in the caller's language.</summary>
    public static readonly string[] Columns =
        ["Community", "Needs", "Project", "Units", "Milestones", "Progress %", "Status", "Started", "Planned end", "Completed"];

    /// <summary>Writes the rows as an .xlsx sheet, row by row (MiniExcel streams them).</summary>
    public static async Task WriteXlsxAsync(Stream output, IEnumerable<SummaryRow> rows, CancellationToken ct)
    {
        var headers = Columns.Select(DictionaryLocalizer.Translate).ToArray();
        IEnumerable<IDictionary<string, object?>> Sheet()
        {
            foreach (var r in rows)
            {
                var status = DictionaryLocalizer.Translate(StatusName(r.Status)) + (r.Late ? " · " + DictionaryLocalizer.Translate("Late") : "");
                yield return new Dictionary<string, object?>
                {
                    // User text is written so a spreadsheet never reads it as a formula.
                    [headers[0]] = SafeCell.Text(r.CommunityName),
                    [headers[1]] = SafeCell.Text(string.Join("；", r.Needs)),
                    [headers[2]] = SafeCell.Text(r.Project),
                    [headers[3]] = SafeCell.Text(string.Join("、", r.Units)),
                    [headers[4]] = $"{r.MilestonesDone}/{r.Milestones}",
                    [headers[5]] = r.Progress,
                    [headers[6]] = status,
                    [headers[7]] = r.StartOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    [headers[8]] = r.PlannedEndOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    [headers[9]] = r.CompletedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                };
            }
        }
        await MiniExcelLibs.MiniExcel.SaveAsAsync(output, Sheet(), sheetName: DictionaryLocalizer.Translate("Project summary"), cancellationToken: ct);
    }
}
