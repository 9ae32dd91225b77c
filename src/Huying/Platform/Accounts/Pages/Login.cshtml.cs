using System.ComponentModel.DataAnnotations;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Platform.Accounts.Pages;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(SignInManager<AppUser> signIn, SignInGuard guard) : PageModel
{
    public sealed class LoginInput
    {
        [DataType(DataType.Text)]
        public string? UserName { get; set; }

        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public bool HasError(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName))
        {
            ModelState.AddModelError("Input.UserName", Tr.T("User name is required"));
        }
        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", Tr.T("Password is required"));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var attempt = await guard.CheckAsync(Input.UserName, Input.Password, HttpContext, "page", HttpContext.RequestAborted);
        if (attempt.User is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return LocalRedirect(user.MustChangePassword ? "/account/password" : Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        if (attempt.Outcome == SignInOutcome.Delayed)
        {
            Error = Tr.T("Too many failed attempts: try again in {0} seconds", attempt.RetrySeconds);
            ModelState.AddModelError("Input.Password", Error);
        }
        else
        {
            ModelState.AddModelError("Input.Password", Tr.T("User name or password is wrong"));
        }
        return Page();
    }
}
