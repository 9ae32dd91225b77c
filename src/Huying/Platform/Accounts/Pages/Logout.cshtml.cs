using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Platform.Accounts.Pages;

public sealed class LogoutModel(Sessions sessions, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>Ends every session of the account, this cookie and any token alike.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await sessions.SignOutAsync(HttpContext, users, signIn);
        return LocalRedirect("/account/login");
    }
}
