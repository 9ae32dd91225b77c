using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

public sealed record MaterialInput(string? Name, bool? Required, bool? Original);

/// <summary>A form field of an item: the question, its kind (string, text, number, datetime, singlevaluelist), whether it must be answered, the choices.</summary>
public sealed record FieldInput(string? Description, string? Datatype, bool? Required, IReadOnlyList<string>? Values);

/// <summary>A catalogue item as the administrator writes it (materials in their order; checks one per line).</summary>
public sealed record ServiceInput(string? CountyCode, string? Name, long? OfficeUnitId, string? Eligibility, IReadOnlyList<string>? Checks, int? LimitDays,
    string? Fee, bool? ProxyNeedsAuthorisation, int? RetentionDays, bool? IsExample, bool? Active, IReadOnlyList<MaterialInput>? Materials,
    IReadOnlyList<FieldInput>? Fields = null);

/// <summary>The administrator keeps each county's catalogue: new items, changes, retiring an item (cases keep theirs).</summary>
public sealed class ProxyCatalogue(HuyingDbContext db, CurrentUser user, FileStore files)
{
    /// <summary>The owner type of a material's template (a blank form to print), an attachment of the material.</summary>
    public const string TemplateOwner = nameof(ProxyMaterial);

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
        var checks = input.Checks is null ? existing?.Checks ?? [] : Validators.Entries(input.Checks);
        errors.Add("checks", checks.Count > 20 || checks.Any(x => x.Length > 200) ? "At most 20 checks of 200 characters" : null);
        var materials = input.Materials?.Select(m => (Name: m?.Name?.Trim() ?? "", Required: m?.Required ?? true, Original: m?.Original ?? false)).ToList();
        errors.Add("materials", materials is null ? (existing is null ? "List the materials" : null)
            : materials.Count is 0 or > 30 || materials.Any(m => m.Name.Length is 0 or > 100) ? "List between 1 and 30 materials, each named" : null);
        errors.Add("fee", input.Fee?.Trim().Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null);
        var fields = input.Fields is null ? null : Fields(existing?.Fields ?? [], input.Fields, errors);
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
        item.FieldsJson = fields is null ? item.FieldsJson : FormQuestions.Serialize(fields);
        var dropped = new List<long>();
        if (materials is not null)
        {
            // A material already ticked on a case keeps its id: matched by name, the rest added; dropped ones leave the checklist.
            var kept = item.Materials.ToDictionary(m => m.Name);
            dropped = [.. item.Materials.Where(m => materials.All(x => x.Name != m.Name)).Select(m => m.Id)];
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
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // A material that left the checklist takes its template with it.
        if (dropped.Count > 0)
        {
            await files.DeleteAsync(db, await db.Set<Attachment>().Where(a => a.OwnerType == TemplateOwner && dropped.Contains(a.OwnerId)).ToListAsync(ct), ct);
        }
        await transaction.CommitAsync(ct);
        return item;
    }

    /// <summary>A material's template (a blank form, PDF or image) for the counter to print; a new one replaces the old.</summary>
    public async Task SetTemplateAsync(ProxyService item, long materialId, IReadOnlyList<IFormFile> template, CancellationToken ct)
    {
        user.Require(Policies.Admin, "Only the administrator keeps the catalogue");
        var (errors, _) = await files.CheckAsync(template, "template", ct);
        errors.Add("materialId", item.Materials.Any(m => m.Id == materialId) ? null : "A material is not on this item's checklist");
        errors.Add("template", template.Count(f => f.Length > 0) != 1 ? "Choose one file" : null);
        errors.ThrowIfAny();
        var old = await FileStore.OfAsync(db, TemplateOwner, materialId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await files.SaveAsync(db, TemplateOwner, materialId, template, "template", ct);
        await files.DeleteAsync(db, old, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task RemoveTemplateAsync(ProxyService item, long materialId, CancellationToken ct)
    {
        user.Require(Policies.Admin, "Only the administrator keeps the catalogue");
        new FieldErrors().Add("materialId", item.Materials.Any(m => m.Id == materialId) ? null : "A material is not on this item's checklist").ThrowIfAny();
        await files.DeleteAsync(db, await FileStore.OfAsync(db, TemplateOwner, materialId, ct), ct);
    }

    /// <summary>The template of each material that has one (material id → file id).</summary>
    public static async Task<Dictionary<long, long>> TemplatesAsync(HuyingDbContext db, IEnumerable<ProxyService> items, CancellationToken ct)
    {
        var ids = items.SelectMany(s => s.Materials).Select(m => m.Id).ToList();
        return (await FileStore.IdsByOwnerAsync(db, TemplateOwner, ids, ct)).ToDictionary(g => g.Key, g => g.Last());
    }

    /// <summary>
    /// The item's form fields as given (blank rows left out); a field keeps its code while its question stays the same,
    /// so the answers of earlier cases still read.
    /// </summary>
    private static List<FormQuestion> Fields(IReadOnlyList<FormQuestion> before, IReadOnlyList<FieldInput> input, FieldErrors errors)
    {
        var given = input.OfType<FieldInput>().Select(f => (Description: f.Description?.Trim() ?? "", Datatype: f.Datatype?.Trim() ?? "string", f.Required,
            Values: Validators.Entries(f.Values).Distinct().ToList())).Where(f => f.Description.Length > 0).ToList();
        errors.Add("fields", given.Count > 20 ? "At most 20 form fields" : null);
        errors.Add("fields", given.Any(f => f.Description.Length > 100) ? new Message("Keep it under {0} characters", 100) : (Message?)null);
        errors.Add("fields", given.Any(f => !FormQuestions.Datatypes.Contains(f.Datatype)) ? "Choose the kind of each field" : null);
        errors.Add("fields", given.Any(f => f.Datatype == "singlevaluelist" && (f.Values.Count is < 2 or > 20 || f.Values.Any(v => v.Length > 50)))
            ? "A choice lists 2 to 20 answers of up to 50 characters" : null);
        errors.Add("fields", given.GroupBy(f => f.Description).Any(g => g.Count() > 1) ? "Two fields ask the same question" : null);
        var codes = before.ToDictionary(q => q.Description, q => q.Code);
        var next = before.Select(q => int.TryParse(q.Code.AsSpan(1), out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return [.. given.Select(f => new FormQuestion(codes.GetValueOrDefault(f.Description) ?? $"f{++next}", f.Description, f.Datatype, f.Required ?? false,
            f.Datatype == "singlevaluelist" ? [.. f.Values.Select(v => new FormChoice(v, v))] : null))];
    }

    /// <summary>The counties that have communities, for the administrator to choose whose catalogue to keep (code → name).</summary>
    public async Task<Dictionary<string, string>> CountiesAsync(CancellationToken ct)
    {
        var codes = await db.Communities.AsNoTracking().Select(c => c.Code.Substring(0, 6)).Distinct().ToListAsync(ct);
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return codes.Order().ToDictionary(c => c, c => names.GetValueOrDefault(c) ?? c);
    }

    public Task<string?> KeptCountyAsync(CancellationToken ct) =>
        db.Set<ProxyService>().AsNoTracking().OrderBy(s => s.CountyCode).Select(s => s.CountyCode).FirstOrDefaultAsync(ct);

    /// <summary>Every item of a county's catalogue, retired ones too, for the administrator.</summary>
    public Task<List<ProxyService>> AllAsync(string county, CancellationToken ct) =>
        db.Set<ProxyService>().AsNoTracking().Include(s => s.Materials.OrderBy(m => m.Order))
            .Where(s => s.CountyCode == county).OrderByDescending(s => s.Active).ThenBy(s => s.IsExample).ThenBy(s => s.Id).ToListAsync(ct);

    /// <summary>The offices to choose from: partner units serving a community of the county (and the item's present office).</summary>
    public async Task<Dictionary<long, string>> OfficesAsync(string county, long? present, CancellationToken ct) =>
        await db.PartnerUnits.AsNoTracking().Where(u => u.Id == present || u.Communities.Any(c => c.CommunityCode.StartsWith(county)))
            .OrderBy(u => u.Name).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

    public Task<ProxyService?> FindAsync(long id, CancellationToken ct) =>
        db.Set<ProxyService>().Include(s => s.Materials).FirstOrDefaultAsync(s => s.Id == id, ct);
}
