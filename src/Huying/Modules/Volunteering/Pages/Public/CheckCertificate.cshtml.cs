using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Volunteering.Pages.Public;

/// <summary>Where a certificate's QR code leads: whether it is genuine and what it stated, the name masked.</summary>
[AllowAnonymous]
[EnableRateLimiting(Platform.Web.RateLimits.Public)]
public sealed class CheckCertificateModel(Certificates certificates) : PageModel
{
    public CertificateFacts? Facts { get; private set; }

    public async Task OnGetAsync(string code, CancellationToken ct) => Facts = await certificates.CheckAsync(code, ct);
}
