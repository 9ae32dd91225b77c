using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Heritage;

public sealed record SiteInput(string? Name, string? Level, string? Type, string? Era, string? CommunityCode, string? Address, double? Latitude,
    double? Longitude, string? Owner, string? Condition, DateOnly? SurveyedOn, string? Surveyors, string? SurveyMethod, string? RecordNumber,
    bool? NewlyRegistered, DateOnly? RegisteredOn, string? Basis, string? Boundary = null);

public sealed record ZoneInput(string? Name, string? CommunityCode, string? Branch, int? PatrolEveryDays, IReadOnlyList<string>? Members);

/// <summary>
/// The sites and responsibility zones: lists and cards in the caller's scope (the data layer decides), changes by
/// those who keep them — staff of the place, or the liaison of the heritage centre that keeps the site — with every
/// level change kept with its basis; and the figures.
/// </summary>
public sealed class HeritageSites(HuyingDbContext db, CurrentUser user, Platform.Files.FileStore files, TimeProvider clock)
{
    /// <summary>The site's own photos (the building, the stele, the damage), by the site's id.</summary>
    public const string PhotoOwner = nameof(HeritageSite);

    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    private string By => user.Principal?.DisplayName() is { Length: > 0 } name ? name : user.Principal?.Identity?.Name ?? "system";

    /// <summary>The division a page shows: the one asked for when it holds communities in scope, else the city of the first site in scope.</summary>
    public async Task<string?> DivisionAsync(string? asked, CancellationToken ct)
    {
        if (DivisionFilter.IsCode(asked) && await db.Communities.AnyAsync(c => c.Code.StartsWith(asked!), ct))
        {
            return asked;
        }
        return await db.Set<HeritageSite>().AsNoTracking().OrderBy(s => s.Id).Select(s => s.CommunityCode.Substring(0, 6)).FirstOrDefaultAsync(ct);
    }

    /// <summary>What anyone may know of a site: its name, level, type and position (never who answers for it).</summary>
    public sealed record PublicSite(long Id, string Name, ProtectionLevel Level, SiteType Type, string CommunityCode, double Latitude, double Longitude);

    /// <summary>A city's sites for the public pages — a query of its own, outside any scope, reading public fields only; the first city when none is asked.</summary>
    public async Task<(string? City, List<PublicSite> Sites)> PublicAsync(string? city, CancellationToken ct)
    {
        var all = db.Set<HeritageSite>().IgnoreQueryFilters().AsNoTracking();
        city = city is { Length: 6 } && city.All(char.IsAsciiDigit) && await all.AnyAsync(s => s.CommunityCode.StartsWith(city), ct) ? city
            : await all.OrderBy(s => s.Id).Select(s => s.CommunityCode.Substring(0, 6)).FirstOrDefaultAsync(ct);
        return city is null ? (null, []) : (city, await all.Where(s => s.CommunityCode.StartsWith(city)).OrderBy(s => s.Level).ThenBy(s => s.Name)
            .Select(s => new PublicSite(s.Id, s.Name, s.Level, s.Type, s.CommunityCode, s.Latitude, s.Longitude)).ToListAsync(ct));
    }

    /// <summary>A site on the map: what its point and its card need, nothing more (a city's thousands of sites stay small).</summary>
    public sealed record MapPoint(long Id, string Name, ProtectionLevel Level, double Lat, double Lon, long? Zone);

    /// <summary>The division's sites in scope for the map, filtered as the list is.</summary>
    public Task<List<MapPoint>> MapAsync(string division, ProtectionLevel? level, long? zone, CancellationToken ct)
    {
        var q = db.Set<HeritageSite>().AsNoTracking().Where(s => s.CommunityCode.StartsWith(division));
        q = level is { } l ? q.Where(s => s.Level == l) : q;
        q = zone is { } z ? q.Where(s => s.ZoneId == z) : q;
        return q.Select(s => new MapPoint(s.Id, s.Name, s.Level, s.Latitude, s.Longitude, s.ZoneId)).ToListAsync(ct);
    }

    public Task<List<HeritageSite>> ListAsync(string division, ProtectionLevel? level, long? zone, bool unassigned, CancellationToken ct)
    {
        var q = db.Set<HeritageSite>().AsNoTracking().Where(s => s.CommunityCode.StartsWith(division));
        q = level is { } l ? q.Where(s => s.Level == l) : q;
        q = zone is { } z ? q.Where(s => s.ZoneId == z) : q;
        q = unassigned ? q.Where(s => s.ZoneId == null) : q;
        return q.OrderBy(s => s.Level).ThenBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
    }

    public Task<HeritageSite?> FindAsync(long id, CancellationToken ct) => db.Set<HeritageSite>().Include(s => s.Zone).FirstOrDefaultAsync(s => s.Id == id, ct);

    public Task<List<SiteLevelChange>> HistoryAsync(long id, CancellationToken ct) =>
        db.Set<SiteLevelChange>().AsNoTracking().Where(c => c.SiteId == id).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).ToListAsync(ct);

    public Task<List<ResponsibilityZone>> ZonesAsync(string division, CancellationToken ct) =>
        db.Set<ResponsibilityZone>().AsNoTracking().Include(z => z.Members).Where(z => z.CommunityCode.StartsWith(division))
            .OrderBy(z => z.Name).ThenBy(z => z.Id).ToListAsync(ct);

    /// <summary>Whether the caller keeps this site or zone: staff of its place, or the liaison of the unit that keeps it.</summary>
    public bool Keeps(long? keeperUnitId) => user.Holds(HeritagePolicies.Keep)
        && (db.Scope.PartnerUnitId is not { } unit || unit == keeperUnitId);

    private void RequireKeeper(long? keeperUnitId)
    {
        if (!Keeps(keeperUnitId))
        {
            throw new NotAllowedException("Only those who keep the site may change it");
        }
    }

    /// <summary>Adds a site, or changes one: fields left out stay; a new level needs its basis (the document that published it).</summary>
    public async Task<HeritageSite> SaveAsync(HeritageSite? site, SiteInput input, CancellationToken ct)
    {
        RequireKeeper(site is null ? db.Scope.PartnerUnitId : site.KeeperUnitId);
        var errors = new FieldErrors();
        var name = input.Name?.Trim() ?? site?.Name ?? "";
        errors.Add("name", name.Length == 0 ? "Name the site" : name.Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null);
        var level = Parse(input.Level, site?.Level, errors, "level", "Choose the protection level");
        var type = Parse(input.Type, site?.Type, errors, "type", "Choose the type of the site");
        SurveyMethod? method = input.SurveyMethod is { Length: > 0 } ? Parse<SurveyMethod>(input.SurveyMethod, null, errors, "surveyMethod", "Choose how it was surveyed")
            : site?.SurveyMethod;
        var community = input.CommunityCode?.Trim() ?? site?.CommunityCode ?? "";
        // The place must be one the caller sees (the scope filter decides), else it is not there.
        errors.Add("communityCode", await db.Communities.AnyAsync(c => c.Code == community, ct) ? null : "Choose the village or community the site lies in");
        var (latitude, longitude) = (input.Latitude ?? site?.Latitude, input.Longitude ?? site?.Longitude);
        errors.Add("latitude", latitude is null || longitude is null ? "Give the site's position (latitude and longitude)"
            : community.Length >= 6 && !HeritageBounds.Contains(community[..6], latitude.Value, longitude.Value)
                ? new Message("The position lies outside {0}", HeritageBounds.NameOf(community[..6])) : (Message?)null);
        foreach (var (field, value, max) in new[] { ("era", input.Era, 50), ("address", input.Address, 200), ("owner", input.Owner, 100),
            ("condition", input.Condition, 500), ("surveyors", input.Surveyors, 200), ("recordNumber", input.RecordNumber, 40), ("basis", input.Basis, 100) })
        {
            errors.Add(field, value?.Trim().Length > max ? new Message("Keep it under {0} characters", max) : (Message?)null);
        }
        var (boundary, boundaryProblem) = community.Length >= 6 ? HeritageBoundary.Read(input.Boundary, community[..6]) : (null, null);
        errors.Add("boundary", boundaryProblem);
        var today = DateOnly.FromDateTime(Display.Local(Now));
        errors.Add("surveyedOn", input.SurveyedOn > today ? "A survey date cannot be in the future" : null);
        errors.Add("registeredOn", input.RegisteredOn > today ? "A registration date cannot be in the future" : null);
        var basis = input.Basis?.Trim() ?? "";
        var levelChanges = site is not null && level != site.Level;
        errors.Add("basis", levelChanges && basis.Length == 0 ? "Give the basis of the level change (the document number)" : null);
        errors.ThrowIfAny();

        var now = Now;
        if (site is null)
        {
            site = new HeritageSite { Name = name, CommunityCode = community, KeeperUnitId = db.Scope.PartnerUnitId, CreatedAt = now };
            db.Set<HeritageSite>().Add(site);
        }
        else if (levelChanges)
        {
            db.Set<SiteLevelChange>().Add(new SiteLevelChange { SiteId = site.Id, CommunityCode = site.CommunityCode, From = site.Level, To = level, Basis = basis, At = now, By = By });
        }
        site.Name = name;
        site.Level = level;
        site.Type = type;
        site.CommunityCode = community;
        site.Latitude = latitude!.Value;
        site.Longitude = longitude!.Value;
        site.SurveyMethod = method;
        site.Era = Keep(input.Era, site.Era);
        site.Address = Keep(input.Address, site.Address);
        site.Owner = Keep(input.Owner, site.Owner);
        site.Condition = Keep(input.Condition, site.Condition);
        site.Surveyors = Keep(input.Surveyors, site.Surveyors);
        site.RecordNumber = Keep(input.RecordNumber, site.RecordNumber);
        site.SurveyedOn = input.SurveyedOn ?? site.SurveyedOn;
        // Left out, the outline stays; given empty, it is cleared.
        site.BoundaryGeoJson = input.Boundary is null ? site.BoundaryGeoJson : boundary;
        site.NewlyRegistered = input.NewlyRegistered ?? site.NewlyRegistered;
        site.RegisteredOn = site.NewlyRegistered ? input.RegisteredOn ?? site.RegisteredOn ?? today : null;
        site.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return site;
    }

    /// <summary>Those who keep the site add photos of it to its card.</summary>
    public async Task<List<long>> AddPhotosAsync(HeritageSite site, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        RequireKeeper(site.KeeperUnitId);
        var (errors, _) = await files.CheckAsync(photos, "photos", ct);
        errors.Add("photos", photos.Count(f => f.Length > 0) == 0 ? "Choose the photos to add" : null);
        errors.ThrowIfAny();
        return [.. (await files.SaveAsync(db, PhotoOwner, site.Id, photos, "photos", ct)).Select(a => a.Id)];
    }

    /// <summary>Puts a site into a zone (every site belongs to exactly one); null takes it out, leaving a gap the page shows.</summary>
    public async Task AssignAsync(HeritageSite site, long? zoneId, CancellationToken ct)
    {
        RequireKeeper(site.KeeperUnitId);
        // A zone of the site's own city (zones of other places in the caller's scope are not its zones).
        var city = site.CommunityCode[..6];
        if (zoneId is { } z && !await db.Set<ResponsibilityZone>().AnyAsync(x => x.Id == z && x.CommunityCode.StartsWith(city), ct))
        {
            throw new FieldException("zoneId", "Choose a zone");
        }
        site.ZoneId = zoneId;
        site.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A new zone of a branch, with its party members (the first named leads it).</summary>
    public async Task<ResponsibilityZone> AddZoneAsync(ZoneInput input, CancellationToken ct)
    {
        RequireKeeper(db.Scope.PartnerUnitId);
        var errors = new FieldErrors();
        var name = input.Name?.Trim() ?? "";
        errors.Add("name", name.Length == 0 ? "Name the zone" : name.Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null);
        var branch = input.Branch?.Trim() ?? "";
        errors.Add("branch", branch.Length == 0 ? "Name the responsible branch" : branch.Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null);
        var community = input.CommunityCode?.Trim() ?? "";
        errors.Add("communityCode", await db.Communities.AnyAsync(c => c.Code == community, ct) ? null : "Choose the branch's village or community");
        errors.Add("patrolEveryDays", input.PatrolEveryDays is < 1 or > 90 ? "Patrol at least every 90 days" : null);
        var members = Validators.Entries(input.Members).Distinct().ToList();
        errors.Add("members", members.Count == 0 ? "Name the party members who answer for the zone"
            : members.Count > 30 || members.Any(m => m.Length > 50) ? "At most 30 members of 50 characters" : null);
        errors.ThrowIfAny();
        var zone = new ResponsibilityZone
        {
            Name = name, Branch = branch, CommunityCode = community, PatrolEveryDays = input.PatrolEveryDays ?? 7, KeeperUnitId = db.Scope.PartnerUnitId,
            CreatedAt = Now, Members = [.. members.Select((m, i) => new ZoneMember { Name = m, CommunityCode = community, Leads = i == 0 })],
        };
        db.Set<ResponsibilityZone>().Add(zone);
        await db.SaveChangesAsync(ct);
        return zone;
    }

    private static string? Keep(string? given, string? before) => given is null ? before : given.Trim() is { Length: > 0 } v ? v : null;

    private static T Parse<T>(string? given, T? before, FieldErrors errors, string field, string message) where T : struct, Enum
    {
        if (given is null && before is { } kept)
        {
            return kept;
        }
        var ok = Enum.TryParse<T>(given, true, out var value) && Enum.IsDefined(value) && !(given ?? "").Trim().All(char.IsDigit);
        errors.Add(field, ok ? null : message);
        return value;
    }
}
