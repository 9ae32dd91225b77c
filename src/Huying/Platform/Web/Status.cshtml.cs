using Huying.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Platform.Web;

/// <summary>What a person sees instead of an empty error response on a page (the API keeps problem details).</summary>
[AllowAnonymous]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Hint { get; private set; } = "";

    public void OnGet(int code)
    {
        Code = code;
        (Title, Hint) = code switch
        {
            404 => (Tr.T("Not found"), Tr.T("The page does not exist, or it is outside what you may see.")),
            403 => (Tr.T("Not permitted"), Tr.T("Your role does not include this page.")),
            429 => (Tr.T("Too many requests"), Tr.T("Please wait a minute and try again.")),
            _ => (Tr.T("Something went wrong"), Tr.T("Please try again later.")),
        };
    }
}
