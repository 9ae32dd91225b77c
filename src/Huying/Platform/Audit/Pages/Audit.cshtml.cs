using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Platform.Audit.Pages;

[Authorize(Policy = Policies.AuditRead)]
public sealed class AuditModel(HuyingDbContext db) : PageModel
{
    public AuditFilter Filter { get; private set; } = new(null, null, null, null, null, null);
    public AuditPage Lines { get; private set; } = new([], 0, 1, AuditApi.PageSize);
    public AuditVerification Verification { get; private set; } = new(0, null, null);
    public bool Unreadable { get; private set; }

    public async Task OnGetAsync([FromQuery] string? user, [FromQuery] string? action, [FromQuery] string? entityType,
        [FromQuery] string? entityId, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, [FromQuery] int? page, CancellationToken ct)
    {
        Filter = new AuditFilter(user, action, entityType, entityId, from, to, page ?? 1);
        Verification = await AuditVerifier.VerifyAsync(db, ct);
        try
        {
            Lines = await AuditApi.QueryAsync(db, Filter, ct);
        }
        catch (RuleViolationException)
        {
            // A line edited into something the model cannot read: the chain status names it; the list cannot be shown.
            Unreadable = true;
        }
    }

    public string PageLink(int page) =>
        $"/admin/audit?user={Filter.User}&action={Filter.Action}&entityType={Filter.EntityType}&entityId={Filter.EntityId}&from={Filter.From:yyyy-MM-dd}&to={Filter.To:yyyy-MM-dd}&page={page}";
}
