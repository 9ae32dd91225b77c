using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Platform.Calendar.Pages;

/// <summary>The county's holidays and make-up working days: working-time deadlines of every module count on them.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CalendarModel(HuyingDbContext db, WorkCalendars calendars) : ActionPage
{
    public sealed class DayForm
    {
        public DateOnly? Date { get; set; }
        public string? Name { get; set; }
        public bool IsWorkday { get; set; }
    }

    [BindProperty]
    public DayForm Input { get; set; } = new();

    public List<CalendarDay> Days { get; private set; } = [];
    public bool CanEdit => User.Holds(Policies.Admin);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    [Requires(Policies.Admin)]
    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        ActAsync(() => calendars.SetDayAsync(db, Input.Date, Input.Name, Input.IsWorkday, remove: false, ct), () => Redirect("/admin/calendar"), () => LoadAsync(ct));

    [Requires(Policies.Admin)]
    public Task<IActionResult> OnPostRemoveAsync(DateOnly? date, CancellationToken ct) =>
        ActAsync(() => calendars.SetDayAsync(db, date, null, false, remove: true, ct), () => Redirect("/admin/calendar"), () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct) => Days = await WorkCalendars.DaysAsync(db, ct);
}
