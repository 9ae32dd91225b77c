using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.HealthAid.Pages;

/// <summary>A new health record: the villager (of the caller's villages, without a record yet), the clinical part, and the separate consent.</summary>
public sealed class NewModel(CareAccess care, HealthRecords records, HuyingDbContext db) : CarePage(care)
{
    public List<Person> Villagers { get; private set; } = [];
    public string? Find { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? find, CancellationToken ct)
    {
        if (await GateAsync(ct) is { } gate)
        {
            return gate;
        }
        await LoadAsync(find, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(RecordInput input, CancellationToken ct)
    {
        if (await GateAsync(ct) is { } gate)
        {
            return gate;
        }
        HealthRecord? made = null;
        return await ActAsync(async () => made = await records.CreateAsync(input, ct), () => Redirect($"/health/records/{made!.Id}"),
            () => LoadAsync(null, ct), prefix: null);
    }

    /// <summary>The villagers without a record, by name (fifty at a time).</summary>
    private async Task LoadAsync(string? find, CancellationToken ct)
    {
        Today = Care.Today;
        Find = find?.Trim();
        var villages = db.Scope.CareCommunities.ToArray();
        var q = db.People.AsNoTracking().Where(p => villages.Contains(p.CommunityCode) && !db.Set<HealthRecord>().Any(r => r.PersonId == p.Id));
        if (Find is { Length: > 0 } f)
        {
            q = q.Where(p => p.Name.Contains(f));
        }
        Villagers = await q.OrderBy(p => p.Name).Take(50).ToListAsync(ct);
    }
}
