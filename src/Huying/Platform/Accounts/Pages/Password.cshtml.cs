using System.ComponentModel.DataAnnotations;
using Huying.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Platform.Accounts.Pages;

/// <summary>Every account changes its own password here; the first administrator's one-time password must be.</summary>
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Sessions sessions) : PageModel
{
    public sealed class PasswordInput
    {
        [DataType(DataType.Password)]
        public string? Current { get; set; }

        [DataType(DataType.Password)]
        public string? New { get; set; }

        [DataType(DataType.Password)]
        public string? Confirm { get; set; }
    }

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool MustChange => User.HasClaim(ScopeClaims.MustChangePassword, "1");

    public bool Changed { get; private set; }

    private async Task<bool> MeetsRulesAsync(AppUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            if (!(await validator.ValidateAsync(users, user, password)).Succeeded)
            {
                return false;
            }
        }
        return true;
    }

    public bool HasError(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;

    public void OnGet(bool changed = false) => Changed = changed;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (string.IsNullOrEmpty(Input.Current))
        {
            ModelState.AddModelError("Input.Current", Tr.T("Password is required"));
        }
        // The rules are Identity's own (AccountsSetup), asked here so every broken one is said before anything changes.
        if (string.IsNullOrEmpty(Input.New) || Input.New.Length > 128 || !await MeetsRulesAsync(user, Input.New))
        {
            ModelState.AddModelError("Input.New", Tr.T("At least 8 characters, with upper and lower case letters, a digit and a symbol"));
        }
        else if (Input.New == Input.Current)
        {
            ModelState.AddModelError("Input.New", Tr.T("The new password must differ from the current one"));
        }
        if (Input.Confirm != Input.New)
        {
            ModelState.AddModelError("Input.Confirm", Tr.T("The two passwords differ"));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Input.Current!, Input.New!);
        if (!result.Succeeded)
        {
            // The new one passed the rules above: what is left is a wrong current password.
            ModelState.AddModelError("Input.Current", Tr.T("The current password is wrong"));
            return Page();
        }
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }
        // The change gave the account a new stamp: other sessions end, this one is issued again.
        sessions.Forget(user.Id);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { changed = true });
    }
}
