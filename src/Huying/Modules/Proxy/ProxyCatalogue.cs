using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

public sealed record MaterialInput(string? Name, bool? Required, bool? Original);

/// <summary>A catalogue item as the administrator writes it (materials in their order; checks one per line).</summary>
public sealed record ServiceInput(string? CountyCode, string? Name, long? OfficeUnitId, string? Eligibility, IReadOnlyList<string>? Checks, int? LimitDays,
    string? Fee, bool? ProxyNeedsAuthorisation, int? RetentionDays, bool? IsExample, bool? Active, IReadOnlyList<MaterialInput>? Materials);

/// <summary>The administrator keeps each county's catalogue: new items, changes, retiring an item (cases keep theirs).</summary>
public sealed class ProxyCatalogue(HuyingDbContext db, CurrentUser user)
{
    public async Task<ProxyService> SaveAsync(ProxyService? existing, ServiceInput input, CancellationToken ct)
    {
        user.Require(Policies.Admin, "Only the administrator keeps the catalogue");
        var errors = new FieldErrors();
        var county = existing?.CountyCode ?? input.CountyCode?.Trim();
        errors.Add("countyCode", county is { Length: 6 } c && c.All(char.IsAsciiDigit) && await db.Communities.AnyAsync(x => x.Code.StartsWith(c), ct)
            ? null : "Give the county's six-digit code");
        var name = input.Name?.Trim() ?? existing?.Name ?? "";
        errors.Add("name", name.Length == 0 ? "Name the item" : name.Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null);
        var office = input.OfficeUnitId ?? existing?.OfficeUnitId;
        errors.Add("officeUnitId", office is { } o && await db.PartnerUnits.AnyAsync(u => u.Id == o, ct) ? null : "Choose the office that decides");
        var eligibility = input.Eligibility?.Trim() ?? existing?.Eligibility ?? "";
        errors.Add("eligibility", eligibility.Length == 0 ? "Say who may apply" : eligibility.Length > 500 ? new Message("Keep it under {0} characters", 500) : (Message?)null);
        var limit = input.LimitDays ?? existing?.LimitDays ?? 0;
        errors.Add("limitDays", limit is < 1 or > 365 ? "Give the time limit in working days (1 to 365)" : null);
        var retention = input.RetentionDays ?? existing?.RetentionDays ?? 730;
        errors.Add("retentionDays", retention is < 30 or > 3650 ? "Keep materials between 30 days and 10 years" : null);
        var checks = input.Checks?.Select(x => x.Trim()).Where(x => x.Length > 0).ToList() ?? existing?.Checks ?? [];
        errors.Add("checks", checks.Count > 20 || checks.Any(x => x.Length > 200) ? "At most 20 checks of 200 characters" : null);
        var materials = input.Materials?.Select(m => (Name: m.Name?.Trim() ?? "", Required: m.Required ?? true, Original: m.Original ?? false)).ToList();
        errors.Add("materials", materials is null ? (existing is null ? "List the materials" : null)
            : materials.Count is 0 or > 30 || materials.Any(m => m.Name.Length is 0 or > 100) ? "List between 1 and 30 materials, each named" : null);
        errors.Add("fee", input.Fee?.Trim().Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null);
        errors.ThrowIfAny();
        var item = existing ?? new ProxyService { CountyCode = county!, Name = name, Eligibility = eligibility };
        item.Name = name;
        item.OfficeUnitId = office!.Value;
        item.Eligibility = eligibility;
        item.Checks = checks;
        item.LimitDays = limit;
        item.RetentionDays = retention;
        item.Fee = input.Fee is null ? item.Fee : input.Fee.Trim() is { Length: > 0 } fee ? fee : null;
        item.ProxyNeedsAuthorisation = input.ProxyNeedsAuthorisation ?? item.ProxyNeedsAuthorisation;
        item.IsExample = input.IsExample ?? item.IsExample;
        item.Active = input.Active ?? item.Active;
        if (materials is not null)
        {
            // A material already ticked on a case keeps its id: matched by name, the rest added; dropped ones leave the checklist.
            var kept = item.Materials.ToDictionary(m => m.Name);
            item.Materials = [.. materials.Select((m, i) =>
            {
                var material = kept.GetValueOrDefault(m.Name) ?? new ProxyMaterial { Name = m.Name };
                material.Required = m.Required;
                material.Original = m.Original;
                material.Order = i + 1;
                return material;
            })];
        }
        if (existing is null)
        {
            db.Set<ProxyService>().Add(item);
        }
        await db.SaveChangesAsync(ct);
        return item;
    }

    public Task<ProxyService?> FindAsync(long id, CancellationToken ct) =>
        db.Set<ProxyService>().Include(s => s.Materials).FirstOrDefaultAsync(s => s.Id == id, ct);
}
