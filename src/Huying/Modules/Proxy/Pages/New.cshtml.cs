using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy.Pages;

/// <summary>
/// Taking an application at the counter or on a home visit (usable on a phone): the item, the resident found in the
/// records (their registration village comes with them), 帮办 or 代办, the checks ticked, the materials ticked and
/// scanned; the case is prechecked at once.
/// </summary>
[Authorize(Policy = Policies.CommunityStaff)]
[RequestSizeLimit(Platform.Files.FileStore.MaxRequestBytes)]
public sealed class NewModel(ProxyCases cases, OrganisationService org, HuyingDbContext db) : ActionPage
{
    public List<Community> Communities { get; private set; } = [];
    public List<ProxyService> Catalogue { get; private set; } = [];
    public ProxyService? Service { get; private set; }
    public List<Person> Found { get; private set; } = [];
    public Person? Person { get; private set; }
    public Dictionary<string, string> Villages { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Community { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? ServiceId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? PersonId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public Form Input { get; set; } = new();

    public sealed class Form
    {
        public string? ApplicantName { get; set; }
        public string? Phone { get; set; }
        public string? RegistrationCode { get; set; }
        public string? Mode { get; set; }
        public List<int> Checks { get; set; } = [];
        public List<long> Materials { get; set; } = [];
        public Dictionary<string, string> Answers { get; set; } = [];
        public List<IFormFile> Scans { get; set; } = [];
        public List<IFormFile> Authorisation { get; set; } = [];
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ProxyApplication? taken = null;
        return await ActAsync(async () => taken = await cases.TakeAsync(new ApplicationInput(Community, ServiceId, PersonId, Input.ApplicantName, Input.Phone,
                Input.RegistrationCode, Input.Mode, Input.Checks, Input.Materials, Input.Answers), Input.Scans, Input.Authorisation, ct),
            () => Redirect($"/proxy/{taken!.Id}"), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Communities = await org.CommunitiesUnderAsync("", ct);
        Community = Communities.Any(c => c.Code == Community) ? Community : Communities.FirstOrDefault(c => c.Code == User.HomeCommunity())?.Code ?? Communities.FirstOrDefault()?.Code;
        if (Community is null)
        {
            return;
        }
        Catalogue = await cases.CatalogueAsync(Community, ct);
        Service = Catalogue.FirstOrDefault(s => s.Id == ServiceId);
        if (PersonId is { } pid)
        {
            Person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid && p.CommunityCode == Community, ct);
        }
        if (Q?.Trim() is { Length: > 0 } q && Person is null)
        {
            Found = await db.People.AsNoTracking().Where(p => p.CommunityCode == Community && p.Name.Contains(q)).OrderBy(p => p.Name).ThenBy(p => p.Id).Take(10).ToListAsync(ct);
        }
        var codes = Found.Select(p => p.RegistrationCode).Append(Person?.RegistrationCode).OfType<string>().Distinct().ToList();
        Villages = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }
}
