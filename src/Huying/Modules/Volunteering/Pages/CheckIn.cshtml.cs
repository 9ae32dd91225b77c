using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering.Pages;

/// <summary>Where the activity's QR code leads: the volunteer checks in (and later out) on their phone.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CheckInModel(SignUpService signUps, HuyingDbContext db) : ActionPage
{
    public Activity? Activity { get; private set; }
    public DateTime Start { get; private set; }
    public SignUp? Place { get; private set; }
    public string? Post { get; private set; }

    public Task OnGetAsync(string code, CancellationToken ct) => LoadAsync(code, ct);

    public Task<IActionResult> OnPostInAsync(string code, CancellationToken ct) =>
        ActAsync(() => signUps.ScanAsync(code, checkOut: false, ct), () => Redirect($"/volunteering/checkin/{Uri.EscapeDataString(code)}"), () => LoadAsync(code, ct), prefix: null);

    public Task<IActionResult> OnPostOutAsync(string code, CancellationToken ct) =>
        ActAsync(() => signUps.ScanAsync(code, checkOut: true, ct), () => Redirect($"/volunteering/checkin/{Uri.EscapeDataString(code)}"), () => LoadAsync(code, ct), prefix: null);

    private async Task LoadAsync(string code, CancellationToken ct)
    {
        if (signUps.ReadCheckInCode(code) is not { } found)
        {
            return;
        }
        var (activityId, start) = found;
        Activity = await signUps.PublicActivityAsync(activityId, ct);
        Start = start;
        Place = await signUps.MyPlaceAsync(activityId, start, ct);
        if (Place is not null)
        {
            Post = await db.ActivityPosts.AsNoTracking().Where(p => p.Id == Place.PostId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        }
    }
}
