using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.HealthAid.Pages;

/// <summary>
/// A page of health records: signed in, yet to anyone outside the care roles it does not exist (404, as the API). A
/// care worker without a purpose for the session is sent to choose one first and brought back.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public abstract class CarePage(CareAccess care) : ActionPage
{
    protected CareAccess Care => care;

    /// <summary>Null when the page may be shown; otherwise 404 or the way to the purpose.</summary>
    protected async Task<IActionResult?> GateAsync(CancellationToken ct)
    {
        if (!care.IsCare)
        {
            return NotFound();
        }
        return await care.PurposeAsync(ct) is null
            ? Redirect("/health?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString))
            : null;
    }
}
