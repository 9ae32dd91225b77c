using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation.Pages.People;

[Authorize(Policy = OrganisationPolicies.PeopleWrite)]
public sealed class EditModel(PeopleService people, HuyingDbContext db) : ActionPage
{
    public sealed class PersonForm
    {
        public string? Name { get; set; }
        public string? IdNumber { get; set; }
        public string? Phone { get; set; }
        public long? HouseholdId { get; set; }
        public string? Gender { get; set; }
        public List<string> Tags { get; set; } = [];
        public string? RegistrationCode { get; set; }
        public bool IsPartyMember { get; set; }
        public long? InServiceUnitId { get; set; }
    }

    [BindProperty]
    public PersonForm Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? MaskedId { get; private set; }
    public string? MaskedPhone { get; private set; }
    public string HouseholdLabel { get; private set; } = "";

    /// <summary>The county units a party member may work for (在职党员): names only, of every community.</summary>
    public List<(long Id, string Name)> CountyUnits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, long? household, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var p = await db.People.AsNoTracking().FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (p is null)
            {
                return NotFound();
            }
            Input = new PersonForm
            {
                Name = p.Name, HouseholdId = p.HouseholdId, Tags = await people.SensitiveTagsShownAsync(p, ct), RegistrationCode = p.RegistrationCode,
                IsPartyMember = p.IsPartyMember, InServiceUnitId = p.InServiceUnitId, Gender = p.Gender == Organisation.Gender.Unknown ? null : p.Gender.ToString().ToLowerInvariant(),
            };
            (MaskedId, MaskedPhone) = (p.IdNumberMasked, p.PhoneMasked);
        }
        else
        {
            Input.HouseholdId = household;
        }
        return await LabelAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        Id = id;
        var input = new PersonInput(Input.Name, Input.IdNumber, Input.Phone, Input.HouseholdId, Input.Gender, null,
            Input.Tags, Input.RegistrationCode, Input.IsPartyMember, Input.IsPartyMember ? Input.InServiceUnitId : null);
        var existing = id is { } pid ? await people.FindAsync(pid, ct) : null;
        if (id is not null && existing is null)
        {
            return NotFound();
        }
        var savedId = id;
        return await ActAsync(async () =>
            {
                if (existing is not null)
                {
                    await people.UpdateAsync(existing, input, ct);
                }
                else
                {
                    savedId = (await people.CreateAsync(input, ct)).Id;
                }
            },
            () => Redirect($"/people/{savedId}"),
            async () =>
            {
                if (id is { } pid)
                {
                    var p = await db.People.AsNoTracking().FirstAsync(x => x.Id == pid, ct);
                    (MaskedId, MaskedPhone) = (p.IdNumberMasked, p.PhoneMasked);
                }
                await LabelAsync(ct);
            });
    }

    private async Task<bool> LabelAsync(CancellationToken ct)
    {
        // Unit names are not personal; asked in a query of their own, apart from the scoped reads.
        CountyUnits = [.. (await db.PartnerUnits.IgnoreQueryFilters().AsNoTracking().Where(u => u.Kind == PartnerUnitKind.CountyUnit)
            .OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct)).Select(u => (u.Id, u.Name))];
        var h = await db.Households.AsNoTracking().Include(x => x.Building).FirstOrDefaultAsync(x => x.Id == Input.HouseholdId, ct);
        HouseholdLabel = h is null ? "" : $"{h.Building!.Name} {h.DoorNumber}";
        return h is not null || Id is not null;
    }
}
