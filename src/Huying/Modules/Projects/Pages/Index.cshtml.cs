using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Projects.Pages;

/// <summary>项目清单汇总表: the live summary table with the figures, filters, paging, print and .xlsx.</summary>
[Authorize(Policy = Policies.StaffOrUnit)]
public sealed class IndexModel(HuyingDbContext db, ProjectSummary summary, ProjectFigures figures, ProjectWorkService work) : ProjectsPage(db)
{
    [BindProperty(SupportsGet = true)]
    public long? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<SummaryRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public Figures Figures { get; private set; } = null!;
    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }
    public List<CommunityFigures> ByCommunity { get; private set; } = [];

    public string Query(int? page = null)
    {
        var parts = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                parts.Add($"{key}={Uri.EscapeDataString(text)}");
            }
        }
        Add("community", Community);
        Add("unit", Unit);
        Add("status", Status);
        Add("from", From?.ToString("yyyy-MM-dd"));
        Add("to", To?.ToString("yyyy-MM-dd"));
        Add("p", page);
        return string.Join("&", parts);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        var filter = new SummaryFilter(Community, Unit, Status, From, To);
        (Rows, Total) = await summary.RowsAsync(filter, Math.Max(PageNumber, 1), ct);
        var today = work.Today;
        PeriodFrom = From ?? new DateOnly(today.Year, 1, 1);
        PeriodTo = To ?? today;
        (Figures, var byCommunity) = await figures.ComputeWithCommunitiesAsync(Community, PeriodFrom, PeriodTo, ct);
        if (Community is null && Communities.Count > 1 && PageNumber <= 1)
        {
            ByCommunity = byCommunity;
        }
    }
}
