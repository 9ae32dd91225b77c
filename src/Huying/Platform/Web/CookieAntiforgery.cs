using Microsoft.AspNetCore.Antiforgery;

namespace Huying.Platform.Web;

/// <summary>
/// For form endpoints of the API that a script posts with a bearer token: a request that brings no bearer token is
/// authenticated by its cookie, which a browser sends from any site, so it must carry the antiforgery token (as a
/// page's form does). Bearer requests cannot be forged across sites and pass.
/// </summary>
public sealed class CookieAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: Localization.Tr.T("The form has expired or did not come from this site: reload the page and try again"));
        }
        return await next(context);
    }
}
