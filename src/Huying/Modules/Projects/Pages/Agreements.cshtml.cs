using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Projects.Pages;

/// <summary>共驻共建协议: which units signed ("15 of 15"), terms, commitments, scans; record and renew.</summary>
[Authorize(Policy = Policies.StaffOrUnit)]
[RequestSizeLimit(12 * 1024 * 1024)]
public sealed class AgreementsModel(HuyingDbContext db, AgreementsService agreements) : ProjectsPage(db)
{
    public sealed class AgreementForm
    {
        public long? UnitId { get; set; }
        public DateOnly? SignedOn { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
        public string? Commitments { get; set; }
        public long? RenewsId { get; set; }
    }

    [BindProperty]
    public AgreementForm Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Scan { get; set; }

    public List<AgreementDto> Items { get; private set; } = [];
    public List<(string Code, int Linked, int Signed)> Coverage { get; private set; } = [];
    public List<(long Id, string Name)> Unsigned { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(long? renew, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (renew is { } id && Items.FirstOrDefault(a => a.Id == id) is { } old)
        {
            Input = new AgreementForm { UnitId = old.UnitId, RenewsId = old.Id, StartsOn = old.EndsOn.AddDays(1), EndsOn = old.EndsOn.AddYears(3), Commitments = old.Commitments, SignedOn = Today };
        }
    }

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        return await ActAsync(() => agreements.SignAsync(new AgreementInput(Community, Input.UnitId, Input.SignedOn, Input.StartsOn, Input.EndsOn,
                Input.Commitments, Input.RenewsId), Scan, ct),
            () => Redirect($"/projects/agreements?community={Community}"), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        Today = agreements.Today;
        Items = await agreements.ListAsync(Community, ct);
        var links = await Db.PartnerUnitCommunities.AsNoTracking().Where(l => Community == null || l.CommunityCode == Community).ToListAsync(ct);
        Coverage = [.. links.GroupBy(l => l.CommunityCode).OrderBy(g => g.Key).Select(g => (g.Key, g.Count(),
            g.Count(l => Items.Any(a => a.CommunityCode == l.CommunityCode && a.UnitId == l.PartnerUnitId && a.InForce))))];
        Unsigned = [.. links.Where(l => !Items.Any(a => a.CommunityCode == l.CommunityCode && a.UnitId == l.PartnerUnitId && a.InForce))
            .Select(l => (l.PartnerUnitId, UnitNames.GetValueOrDefault(l.PartnerUnitId) ?? ""))];
    }
}
