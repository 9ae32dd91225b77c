using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Audit;

public sealed record AuditFilter(string? User, string? Action, string? EntityType, string? EntityId, DateOnly? From, DateOnly? To, int Page = 1);

public sealed record AuditLine(long? Sequence, DateTime At, string UserName, string Action, string EntityType,
    string? EntityId, string? Details, string? Address);

public sealed record AuditPage(IReadOnlyList<AuditLine> Items, int Total, int Page, int PageSize);

public static class AuditApi
{
    public const int PageSize = 50;

    public const string UnreadableLines = "Some lines cannot be read, so the list is not shown; the chain status above says where.";

    public static async Task<AuditPage> QueryAsync(HuyingDbContext db, AuditFilter f, CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.User))
        {
            q = q.Where(a => a.UserName == f.User.Trim());
        }
        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            q = q.Where(a => a.Action == f.Action.Trim());
        }
        if (!string.IsNullOrWhiteSpace(f.EntityType))
        {
            q = q.Where(a => a.EntityType == f.EntityType.Trim());
        }
        if (!string.IsNullOrWhiteSpace(f.EntityId))
        {
            q = q.Where(a => a.EntityId == f.EntityId.Trim());
        }
        if (f.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(a => a.At >= start);
        }
        if (f.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(a => a.At < end);
        }
        var page = Web.Paging.Clamp(f.Page);
        var total = await q.CountAsync(ct);
        try
        {
            var items = await q.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(a => new AuditLine(a.Sequence, a.At, a.UserName, a.Action, a.EntityType, a.EntityId, a.Details, a.Address))
                .ToListAsync(ct);
            return new AuditPage(items, total, page, PageSize);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException)
        {
            // Only an edited row reads wrong; the verifier names it.
            throw new RuleViolationException(UnreadableLines);
        }
    }

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.AuditRead);
        // The filter's fields one by one, not [AsParameters] AuditFilter: for a record whose constructor takes nullable strings
        // the request delegate generator writes typeof(string?), which does not compile.
        audit.MapGet("/", async Task<Ok<AuditPage>> (string? user, string? action, string? entityType, string? entityId, DateOnly? from,
            DateOnly? to, HuyingDbContext db, CancellationToken ct, int page = 1) =>
            TypedResults.Ok(await QueryAsync(db, new AuditFilter(user, action, entityType, entityId, from, to, page), ct)))
            .WithSummary("The audit trail, newest first, filtered by user, action, record and date");
        audit.MapGet("/verify", async Task<Ok<AuditVerification>> (HuyingDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await AuditVerifier.VerifyAsync(db, ct)))
            .WithSummary("Walk the hash chain and report the first broken line");
        return app;
    }
}
