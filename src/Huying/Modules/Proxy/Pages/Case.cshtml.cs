using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Proxy.Pages;

/// <summary>
/// One case: the applicant, the item, the checklist with what was received and what is missing, the scans (each view
/// audited), the steps and the time left; the community adds materials, forwards and hands the result over, the office
/// accepts, asks for a missing paper and decides.
/// </summary>
[Authorize(Policy = ProxyPolicies.Handle)]
[RequestSizeLimit(Platform.Files.FileStore.MaxRequestBytes)]
public sealed class CaseModel(ProxyCases cases, ProxySupervision supervision, PlaceNames names, OrganisationService org, HuyingDbContext db, TimeProvider clock)
    : ActionPage
{
    public ProxyApplication A { get; private set; } = null!;
    public List<ProxyStep> Steps { get; private set; } = [];
    public List<ProxyDocument> Documents { get; private set; } = [];
    public ILookup<long, long> Files { get; private set; } = Array.Empty<long>().ToLookup(x => x);
    public IReadOnlyDictionary<long, long> Templates { get; private set; } = new Dictionary<long, long>();
    public string Office { get; private set; } = "";
    public string? Village { get; private set; }
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(Policies.CommunityStaff)]
    public Task<IActionResult> OnPostMaterialsAsync(long id, List<long> materials, List<IFormFile> scans, CancellationToken ct) =>
        ActOnAsync(id, a => cases.AddMaterialsAsync(a, new MaterialsInput(materials), scans, ct), ct);

    [Requires(Policies.CommunityStaff)]
    public Task<IActionResult> OnPostAuthorisationAsync(long id, List<IFormFile> authorisation, CancellationToken ct) =>
        ActOnAsync(id, a => cases.AddAuthorisationAsync(a, authorisation, ct), ct);

    [Requires(Policies.CommunityStaff)]
    public Task<IActionResult> OnPostForwardAsync(long id, CancellationToken ct) => ActOnAsync(id, a => cases.ForwardAsync(a, ct), ct);

    [Requires(Policies.CommunityStaff)]
    public Task<IActionResult> OnPostDeliverAsync(long id, CancellationToken ct) => ActOnAsync(id, a => cases.DeliverAsync(a, ct), ct);

    [Requires(Policies.UnitLiaison)]
    public Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken ct) => ActOnAsync(id, a => cases.AcceptAsync(a, ct), ct);

    [Requires(Policies.UnitLiaison)]
    public Task<IActionResult> OnPostAskAsync(long id, string? missing, CancellationToken ct) =>
        ActOnAsync(id, a => cases.AskForMaterialAsync(a, new MissingInput(missing), ct), ct);

    [Requires(Policies.UnitLiaison)]
    public Task<IActionResult> OnPostDecideAsync(long id, bool? grant, string? result, string? reason, List<IFormFile> resultScan, CancellationToken ct) =>
        ActOnAsync(id, a => cases.DecideAsync(a, new DecisionInput(grant, result, reason), resultScan, ct), ct);

    [Requires(Policies.CommunitySecretary)]
    public Task<IActionResult> OnPostSuperviseAsync(long id, string? note, CancellationToken ct) =>
        ActOnAsync(id, a => supervision.SuperviseAsync(a, new SupervisionInput(note), ct), ct);

    private async Task<IActionResult> ActOnAsync(long id, Func<ProxyApplication, Task<ProxyApplication>> act, CancellationToken ct) =>
        await cases.FindAsync(id, ct) is { } a
            ? await ActAsync(() => act(a), () => Redirect($"/proxy/{id}"), async () => await LoadAsync(id, ct), prefix: null)
            : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await cases.FindAsync(id, ct) is not { } a)
        {
            return false;
        }
        A = a;
        Steps = await cases.StepsAsync(id, ct);
        Documents = await cases.DocumentsAsync(id, ct);
        Files = await Platform.Files.FileStore.IdsByOwnerAsync(db, nameof(ProxyDocument), [.. Documents.Select(d => d.Id)], ct);
        Templates = await ProxyCatalogue.TemplatesAsync(db, [a.Service!], ct);
        Office = await names.UnitAsync(a.OfficeUnitId, ct) ?? "";
        Village = a.RegistrationCode is { } code ? await org.DivisionNameAsync(code, ct) : null;
        return true;
    }
}
