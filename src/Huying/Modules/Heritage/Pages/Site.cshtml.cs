using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Heritage.Pages;

/// <summary>
/// One site's card: level, type, era, place and position, owner, condition, the census fields, its zone with the
/// party members who answer for it, and the level's history with each basis; its keepers move it to a zone and
/// change its level (with the document that published the change).
/// </summary>
[Authorize(Policy = HeritagePolicies.Read)]
[RequestSizeLimit(Platform.Files.FileStore.MaxRequestBytes)]
public sealed class SiteModel(HeritageSites sites, HeritagePatrols patrols, HeritageHazards hazards, Organisation.PlaceNames names, Platform.Data.HuyingDbContext db)
    : ActionPage
{
    public List<HazardView> Hazards { get; private set; } = [];

    public List<HeritagePatrol> Patrols { get; private set; } = [];
    public ILookup<long, long> Photos { get; private set; } = Array.Empty<long>().ToLookup(x => x);
    public bool MayPatrol { get; private set; }
    public List<long> SitePhotos { get; private set; } = [];

    public HeritageSite S { get; private set; } = null!;
    public List<SiteLevelChange> History { get; private set; } = [];
    public List<ResponsibilityZone> Zones { get; private set; } = [];
    public string? Place { get; private set; }
    public bool Keeps { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(HeritagePolicies.Keep)]
    public Task<IActionResult> OnPostZoneAsync(long id, long? zoneId, CancellationToken ct) =>
        ActOnAsync(id, s => sites.AssignAsync(s, zoneId, ct), ct);

    [Requires(HeritagePolicies.Keep)]
    public Task<IActionResult> OnPostLevelAsync(long id, string? level, string? basis, CancellationToken ct) =>
        ActOnAsync(id, s => sites.SaveAsync(s, new SiteInput(null, level, null, null, null, null, null, null, null, null, null, null, null, null, null, null, basis), ct), ct);

    [Requires(HeritagePolicies.Keep)]
    public Task<IActionResult> OnPostPhotosAsync(long id, List<IFormFile> photos, CancellationToken ct) =>
        ActOnAsync(id, s => sites.AddPhotosAsync(s, photos, ct), ct);

    /// <summary>The protected area's outline, pasted or read from a .geojson file; empty clears it.</summary>
    [Requires(HeritagePolicies.Keep)]
    public async Task<IActionResult> OnPostBoundaryAsync(long id, string? boundary, IFormFile? file, CancellationToken ct)
    {
        if (file is { Length: > 0 and <= HeritageBoundary.MaxLength * 4 })
        {
            using var reader = new StreamReader(file.OpenReadStream());
            boundary = await reader.ReadToEndAsync(ct);
        }
        return await ActOnAsync(id, s => sites.SaveAsync(s, new SiteInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, Boundary: boundary ?? ""), ct), ct);
    }

    /// <summary>
    /// A patrol check-in from the phone: the photo, the phone's position (filled in by the page), what was found —
    /// which, when not all is well, goes on prefilled to the hazard report.
    /// </summary>
    [Requires(HeritagePolicies.Patrol)]
    public async Task<IActionResult> OnPostPatrolAsync(long id, string? latitude, string? longitude, bool allWell, string? findings, List<IFormFile> photos,
        CancellationToken ct)
    {
        HeritagePatrol? patrol = null;
        return await ActOnAsync(id, async s => patrol = await patrols.CheckInAsync(s, new PatrolInput(Forms.Number(latitude), Forms.Number(longitude), allWell, findings),
            photos, ct), ct, () => patrol is { AllWell: false } p
                ? $"/heritage/report?site={id}&patrol={p.Id}&findings={Uri.EscapeDataString(p.Findings ?? "")}"
                : $"/heritage/sites/{id}");
    }

    private async Task<IActionResult> ActOnAsync(long id, Func<HeritageSite, Task> act, CancellationToken ct, Func<string>? then = null) =>
        await sites.FindAsync(id, ct) is { } s
            ? await ActAsync(() => act(s), () => Redirect(then?.Invoke() ?? $"/heritage/sites/{id}"), async () => await LoadAsync(id, ct), prefix: null)
            : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await sites.FindAsync(id, ct) is not { } s)
        {
            return false;
        }
        S = s;
        History = await sites.HistoryAsync(id, ct);
        Zones = await sites.ZonesAsync(s.CommunityCode[..6], ct);
        Place = await names.CommunityAsync(s.CommunityCode, ct);
        Keeps = sites.Keeps(s.KeeperUnitId);
        MayPatrol = await patrols.MayPatrolAsync(s, ct);
        Patrols = await patrols.OfSiteAsync(id, ct);
        Hazards = await hazards.OfSiteAsync(id, ct);
        Photos = await Platform.Files.FileStore.IdsByOwnerAsync(db, HeritagePatrols.PhotoOwner, [.. Patrols.Select(p => p.Id)], ct);
        SitePhotos = [.. (await Platform.Files.FileStore.IdsByOwnerAsync(db, HeritageSites.PhotoOwner, [id], ct))[id]];
        return true;
    }
}
