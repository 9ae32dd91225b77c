using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation;

/// <summary>
/// The check every figures endpoint makes of its <c>division</c> query value before it counts: a division code (2 to 12
/// digits), else 400 beside the field; some community of it in the caller's scope, else 404 (as if it were not there).
/// </summary>
public static class DivisionFilter
{
    public static bool IsCode(string? division) => division is { Length: >= 2 and <= 12 } && division.All(char.IsAsciiDigit);

    public static RouteHandlerBuilder RequiresDivisionInScope(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var division = http.Request.Query["division"].ToString();
            if (!IsCode(division))
            {
                return new FieldErrors().Add("division", "Division code is required").ToProblem();
            }
            var db = http.RequestServices.GetRequiredService<HuyingDbContext>();
            if (!await db.Communities.AnyAsync(c => c.Code.StartsWith(division), http.RequestAborted))
            {
                return ProblemSetup.NotFound();
            }
            return await next(context);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
