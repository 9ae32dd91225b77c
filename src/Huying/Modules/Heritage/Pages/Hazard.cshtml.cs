using Huying.Modules.Matters;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Heritage.Pages;

/// <summary>
/// One hazard: the site, what is wrong and how urgent, the matter's state and deadline, the photos it was raised with,
/// and what members and the centre reported from the site; the zone's members report, the centre responds and closes
/// it with photos (the matters engine decides whether they may).
/// </summary>
[Authorize(Policy = HeritagePolicies.Read)]
[RequestSizeLimit(FileStore.MaxRequestBytes)]
public sealed class HazardModel(HeritageHazards hazards, MatterCatalogue catalogue, Platform.Data.HuyingDbContext db, TimeProvider clock) : ActionPage
{
    public HazardView H { get; private set; } = null!;
    public string Kind { get; private set; } = "";
    public List<HazardReport> Reports { get; private set; } = [];
    public ILookup<long, long> ReportPhotos { get; private set; } = Array.Empty<long>().ToLookup(x => x);
    public List<long> RaisedPhotos { get; private set; } = [];
    public bool MayReport { get; private set; }
    public bool MayRespond { get; private set; }
    public bool MayClose { get; private set; }
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(HeritagePolicies.Patrol)]
    public Task<IActionResult> OnPostReportAsync(long id, string? note, List<IFormFile> photos, CancellationToken ct) =>
        ActOnAsync(id, h => hazards.ReportAsync(h, note, photos, ct), ct);

    public Task<IActionResult> OnPostRespondAsync(long id, string? note, CancellationToken ct) =>
        ActOnAsync(id, h => hazards.RespondAsync(h, note, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(long id, string? note, List<IFormFile> photos, CancellationToken ct) =>
        ActOnAsync(id, h => hazards.CloseAsync(h, note, photos, ct), ct);

    private async Task<IActionResult> ActOnAsync(long id, Func<HazardView, Task> act, CancellationToken ct) =>
        await hazards.FindAsync(id, ct) is { } h
            ? await ActAsync(() => act(h), () => Redirect($"/heritage/hazards/{id}"), async () => await LoadAsync(id, ct), prefix: null)
            : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await hazards.FindAsync(id, ct) is not { } h)
        {
            return false;
        }
        Now = clock.GetUtcNow().UtcDateTime;
        H = h;
        var category = (await catalogue.GetAsync(ct)).Find(h.Hazard.CategoryCode);
        Kind = category?.NameIn(Platform.Localization.Tr.IsChinese) ?? h.Hazard.CategoryCode;
        Reports = await hazards.ReportsAsync(id, ct);
        ReportPhotos = await FileStore.IdsByOwnerAsync(db, HeritageHazards.PhotoOwner, [.. Reports.Select(r => r.Id)], ct);
        RaisedPhotos = [.. (await FileStore.IdsByOwnerAsync(db, HeritageHazards.RaisedPhotoOwner, [id], ct))[id]];
        MayReport = h.Open && await hazards.MayReportAsync(h.Hazard, ct);
        (MayRespond, MayClose) = await hazards.OffersAsync(h, ct);
        return true;
    }
}
