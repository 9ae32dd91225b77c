using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Proxy.Pages;

/// <summary>
/// The administrator adds or changes an item of a county's catalogue: the office, who may apply and the checks, the
/// time limit, fee and retention, the materials checklist with a template to print for each, and the form fields.
/// Rows left blank are left out; the catalogue service decides, as for the API.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[RequestSizeLimit(Platform.Files.FileStore.MaxRequestBytes)]
public sealed class ItemModel(ProxyCatalogue catalogue, Platform.Data.HuyingDbContext db, Platform.Files.FileStore files) : ActionPage
{
    public ProxyService? Item { get; private set; }
    public IReadOnlyDictionary<long, string> Offices { get; private set; } = new Dictionary<long, string>();
    public IReadOnlyDictionary<long, long> Templates { get; private set; } = new Dictionary<long, long>();
    public string CountyName { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? County { get; set; }

    [BindProperty]
    public Form Input { get; set; } = new();

    public sealed class Form
    {
        public string? Name { get; set; }
        public long? OfficeUnitId { get; set; }
        public string? Eligibility { get; set; }
        public string? Checks { get; set; }
        public int? LimitDays { get; set; }
        public string? Fee { get; set; }
        public bool ProxyNeedsAuthorisation { get; set; } = true;
        public int? RetentionDays { get; set; } = 730;
        public bool IsExample { get; set; }
        public bool Active { get; set; } = true;
        public List<MaterialRow> Materials { get; set; } = [];
        public List<FieldRow> Fields { get; set; } = [];
    }

    public sealed class MaterialRow
    {
        public string? Name { get; set; }
        public bool Required { get; set; }
        public bool Original { get; set; }
        public IFormFile? Template { get; set; }
        public bool RemoveTemplate { get; set; }
    }

    public sealed class FieldRow
    {
        public string? Description { get; set; }
        public string? Datatype { get; set; }
        public bool Required { get; set; }
        /// <summary>A choice's answers, separated by 、 , or ；.</summary>
        public string? Values { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Item is { } s)
        {
            Input = new Form
            {
                Name = s.Name, OfficeUnitId = s.OfficeUnitId, Eligibility = s.Eligibility, Checks = string.Join("\n", s.Checks), LimitDays = s.LimitDays, Fee = s.Fee,
                ProxyNeedsAuthorisation = s.ProxyNeedsAuthorisation, RetentionDays = s.RetentionDays, IsExample = s.IsExample, Active = s.Active,
                Materials = [.. s.Materials.OrderBy(m => m.Order).Select(m => new MaterialRow { Name = m.Name, Required = m.Required, Original = m.Original })],
                Fields = [.. s.Fields.Select(f => new FieldRow { Description = f.Description, Datatype = f.Datatype, Required = f.Required,
                    Values = f.Values is { } v ? string.Join("、", v.Select(c => c.Name)) : null })],
            };
        }
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var existing = id is { } i ? await catalogue.FindAsync(i, ct) : null;
        var rows = Input.Materials.Where(m => !string.IsNullOrWhiteSpace(m.Name)).ToList();
        var input = new ServiceInput(County, Input.Name, Input.OfficeUnitId, Input.Eligibility ?? "",
            [.. (Input.Checks ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)], Input.LimitDays, Input.Fee ?? "",
            Input.ProxyNeedsAuthorisation, Input.RetentionDays, Input.IsExample, Input.Active,
            [.. rows.Select(m => new MaterialInput(m.Name, m.Required, m.Original))],
            [.. Input.Fields.Select(f => new FieldInput(f.Description, f.Datatype, f.Required,
                (f.Values ?? "").Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))]);
        ProxyService? saved = null;
        return await ActAsync(async () =>
        {
            // A template that is no PDF or image refuses the whole form before anything is saved.
            var templates = new FieldErrors();
            foreach (var row in rows.Where(r => r.Template is { Length: > 0 }))
            {
                templates.AddAll((await files.CheckAsync([row.Template!], "template", ct)).Errors);
            }
            templates.ThrowIfAny();
            saved = await catalogue.SaveAsync(existing, input, ct);
            foreach (var row in rows)
            {
                var material = saved.Materials.First(m => m.Name == row.Name!.Trim());
                if (row.Template is { Length: > 0 } file)
                {
                    await catalogue.SetTemplateAsync(saved, material.Id, [file], ct);
                }
                else if (row.RemoveTemplate)
                {
                    await catalogue.RemoveTemplateAsync(saved, material.Id, ct);
                }
            }
        }, () => Redirect($"/proxy/catalogue?county={saved!.CountyCode}"), async () =>
        {
            await LoadAsync(id, ct);
            Input.Materials.RemoveAll(m => string.IsNullOrWhiteSpace(m.Name));
            Input.Fields.RemoveAll(f => string.IsNullOrWhiteSpace(f.Description));
            Pad();
        });
    }

    private async Task<bool> LoadAsync(long? id, CancellationToken ct)
    {
        if (id is { } i)
        {
            Item = await catalogue.FindAsync(i, ct);
            if (Item is null)
            {
                return false;
            }
            County = Item.CountyCode;
            Templates = await ProxyCatalogue.TemplatesAsync(db, [Item], ct);
        }
        var counties = await catalogue.CountiesAsync(ct);
        if (County is null || !counties.TryGetValue(County, out var name))
        {
            return false;
        }
        CountyName = name;
        Offices = await catalogue.OfficesAsync(County, Item?.OfficeUnitId, ct);
        return true;
    }

    /// <summary>Blank rows to add materials and fields without script.</summary>
    private void Pad()
    {
        Input.Materials.AddRange(Enumerable.Range(0, 3).Select(_ => new MaterialRow { Required = true }));
        Input.Fields.AddRange(Enumerable.Range(0, 2).Select(_ => new FieldRow { Datatype = "string" }));
    }

    public long? TemplateOf(string? material) => Item?.Materials.FirstOrDefault(m => m.Name == material) is { } m && Templates.TryGetValue(m.Id, out var f) ? f : null;
}
