using System.Text.Json;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Dashboard.Pages;

/// <summary>
/// 数据驾驶舱: a division's closed loop (each figure opening the KPI list behind it), its areas one level down to
/// drill into (on the city's map for a city), twelve months of matters and every practice's figures; with
/// <c>screen=true</c> the same for a command centre's wall (no menu, refreshed every five minutes).
/// </summary>
[Authorize(Policy = Policies.StaffOrUnit)]
[Huying.Platform.Data.ReplicaRead]
public sealed class IndexModel(DashboardFigures figures, HuyingDbContext db, TimeProvider clock) : ScopePage(db, clock)
{
    public DashboardView? View { get; private set; }
    public bool Screen { get; private set; }
    public string MapSpec { get; private set; } = "";
    public string RankingChart { get; private set; } = "";
    public string TrendChart { get; private set; } = "";

    /// <summary>Every table of the dashboard as one .xlsx (a sheet each).</summary>
    public async Task<IActionResult> OnGetXlsxAsync(string? division, long? grid, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (!await ResolveAsync(division, from, to, ct, grid) || Division is null)
        {
            return NotFound();
        }
        var view = await figures.ViewAsync(User, Division, Grid, From, To, ct);
        var output = new MemoryStream();
        await DashboardSheets.WriteAsync(view, output, ct);
        return File(output.ToArray(), DashboardSheets.ContentType, $"{view.DivisionName}{Tr.T("Dashboard")}{view.To:yyyyMMdd}.xlsx");
    }

    public async Task<IActionResult> OnGetAsync(string? division, long? grid, DateOnly? from, DateOnly? to, bool? screen, CancellationToken ct)
    {
        if (!await ResolveAsync(division, from, to, ct, grid))
        {
            return NotFound();
        }
        Screen = screen == true;
        ViewData["Bare"] = Screen;
        if (Division is null)
        {
            return Page();
        }
        View = await figures.ViewAsync(User, Division, Grid, From, To, ct);
        if (View.Map is { } map)
        {
            // A city's counties are areas of its map; a county's communities points on the county's outline.
            MapSpec = JsonSerializer.Serialize(new
            {
                script = map.Script, name = map.Name, label = Tr.T("Matters raised"), county = View.Division.Length >= 6 ? View.Division[..6] : null,
                areas = View.Areas.Where(_ => View.Division.Length == 4).Select(a => new { name = a.Name, value = a.Submitted, href = a.Href }),
                points = View.Points.Select(p => new { name = p.Name, code = p.Code, value = new object[] { p.Longitude, p.Latitude, p.Submitted }, href = p.Href }),
            });
        }
        var top = View.Areas.OrderByDescending(a => a.Submitted).Take(15).ToList();
        RankingChart = JsonSerializer.Serialize(new
        {
            type = "bar", categories = top.Select(a => a.Name),
            series = new[]
            {
                new { name = Tr.T("Matters raised"), data = top.Select(a => (double?)a.Submitted) },
                new { name = Tr.T("Matters resolved"), data = top.Select(a => (double?)a.Resolved) },
            },
        });
        TrendChart = JsonSerializer.Serialize(new
        {
            type = "line", categories = View.Months.Select(m => m.Name),
            series = new[]
            {
                new { name = Tr.T("Matters raised"), data = View.Months.Select(m => m.Submitted) },
                new { name = Tr.T("Matters resolved"), data = View.Months.Select(m => m.Resolved) },
            },
        });
        return Page();
    }
}
