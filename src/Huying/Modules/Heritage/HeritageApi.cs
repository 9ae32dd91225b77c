using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Heritage;

public sealed record HeritageSiteDto(long Id, string Name, bool IsExample, ProtectionLevel Level, SiteType Type, string? Era, string CommunityCode,
    string? Address, double Latitude, double Longitude, string? Owner, string? Condition, DateOnly? SurveyedOn, string? Surveyors,
    SurveyMethod? SurveyMethod, string? RecordNumber, bool NewlyRegistered, DateOnly? RegisteredOn, long? ZoneId, string? BoundaryGeoJson, int Version);

public sealed record ZoneMemberDto(string Name, bool Leads);

public sealed record ZoneDto(long Id, string Name, string CommunityCode, string Branch, int PatrolEveryDays, IReadOnlyList<ZoneMemberDto> Members);

public sealed record ZoneChoice(long? ZoneId);

public sealed record PatrolDto(long Id, long SiteId, string By, DateTime At, double Latitude, double Longitude, int DistanceMetres, bool Far, bool AllWell,
    string? Findings, IReadOnlyList<long> PhotoFileIds);

public sealed record PatrolDueDto(long SiteId, string Site, ProtectionLevel Level, string Zone, DateTime? LastAt, DateTime DueAt, bool Overdue);

/// <summary>An open hazard on the map: at its site's point, opening the hazard.</summary>
public sealed record MapHazard(long Id, long SiteId, bool Urgent);

public sealed record HeritageMapDto(string Division, string? MapScript, string? MapName, IReadOnlyList<HeritageSites.MapPoint> Sites,
    IReadOnlyList<MapHazard> OpenHazards);

public static class HeritageApi
{
    /// <summary>A census file of 50,000 rows is some 5 MB as CSV.</summary>
    public const long CensusLimit = 20 * 1024 * 1024;

    public static HeritageSiteDto ToDto(this HeritageSite s) => new(s.Id, s.Name, s.IsExample, s.Level, s.Type, s.Era, s.CommunityCode, s.Address,
        s.Latitude, s.Longitude, s.Owner, s.Condition, s.SurveyedOn, s.Surveyors, s.SurveyMethod, s.RecordNumber, s.NewlyRegistered, s.RegisteredOn,
        s.ZoneId, s.BoundaryGeoJson, s.Version);

    public static ZoneDto ToDto(this ResponsibilityZone z) => new(z.Id, z.Name, z.CommunityCode, z.Branch, z.PatrolEveryDays,
        [.. z.Members.OrderByDescending(m => m.Leads).ThenBy(m => m.Id).Select(m => new ZoneMemberDto(m.Name, m.Leads))]);

    private static PatrolDto ToDto(HeritagePatrol p, IReadOnlyList<long> photos) => new(p.Id, p.SiteId, p.By, p.At, p.Latitude, p.Longitude, p.DistanceMetres,
        p.Far, p.AllWell, p.Findings, photos);

    /// <summary>A level named in a query (its camelCase name), or none; false for anything else.</summary>
    private static bool TryLevel(string? level, out ProtectionLevel? wanted)
    {
        wanted = null;
        if (string.IsNullOrEmpty(level))
        {
            return true;
        }
        var ok = EnumNames.TryName<ProtectionLevel>(level, out var l);
        wanted = ok ? l : null;
        return ok;
    }

    public static IEndpointRouteBuilder MapHeritageApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/heritage").WithTags("Heritage");

        group.MapGet("/sites", async Task<Results<Ok<ListOf<HeritageSiteDto>>, ValidationProblem>> (string? division, string? level, long? zone,
            bool? unassigned, HeritageSites sites, CancellationToken ct) =>
        {
            if (!TryLevel(level, out var wanted))
            {
                return new FieldErrors().Add("level", "Choose the protection level").ToProblem();
            }
            var list = await sites.ListAsync(division!, wanted, zone, unassigned ?? false, ct);
            return TypedResults.Ok(new ListOf<HeritageSiteDto>([.. list.Select(s => s.ToDto())]));
        }).RequiresDivisionInScope().RequireAuthorization(HeritagePolicies.Read)
            .WithSummary("The division's sites (level=national|provincial|municipal|countyLevel|newlyFound, zone=id, unassigned=true for the gaps)");
        group.MapGet("/map", async Task<Results<Ok<HeritageMapDto>, ValidationProblem>> (string? division, string? level, long? zone, HeritageSites sites,
            HeritageHazards hazards, CancellationToken ct) =>
        {
            if (!TryLevel(level, out var wanted))
            {
                return new FieldErrors().Add("level", "Choose the protection level").ToProblem();
            }
            var map = HeritageBounds.MapOf(division!);
            var points = await sites.MapAsync(division!, wanted, zone, ct);
            var shown = points.Select(p => p.Id).ToHashSet();
            var open = (await hazards.ListAsync(division!, openOnly: true, ct)).Where(h => shown.Contains(h.Hazard.SiteId))
                .Select(h => new MapHazard(h.Hazard.MatterId, h.Hazard.SiteId, h.Urgent)).ToList();
            return TypedResults.Ok(new HeritageMapDto(division!, map?.Script, map?.Name, points, open));
        }).RequiresDivisionInScope().RequireAuthorization(HeritagePolicies.Read)
            .WithSummary("The division's sites for the map (id, name, level, WGS-84 position, zone), its open hazards, and the offline city map to draw them on");
        group.MapGet("/sites/{id:long}", async Task<Results<Ok<HeritageSiteDto>, NotFound<ProblemDetailsBody>>> (long id, HeritageSites sites, CancellationToken ct) =>
            await sites.FindAsync(id, ct) is { } s ? TypedResults.Ok(s.ToDto()) : ProblemSetup.NotFound())
            .RequireAuthorization(HeritagePolicies.Read).WithSummary("One site's card");
        group.MapPost("/sites", async Task<Created<HeritageSiteDto>> (SiteInput input, HeritageSites sites, CancellationToken ct) =>
        {
            var site = await sites.SaveAsync(null, input, ct);
            return TypedResults.Created($"/api/heritage/sites/{site.Id}", site.ToDto());
        }).RequireAuthorization(HeritagePolicies.Keep).ProducesValidationProblem()
            .WithSummary("Adds a site (name, level, type, village, WGS-84 position inside the city, census fields)");
        group.MapPut("/sites/{id:long}", async Task<Results<Ok<HeritageSiteDto>, NotFound<ProblemDetailsBody>>> (long id, SiteInput input, HeritageSites sites,
            CancellationToken ct) =>
            await sites.FindAsync(id, ct) is { } s ? TypedResults.Ok((await sites.SaveAsync(s, input, ct)).ToDto()) : ProblemSetup.NotFound())
            .RequireAuthorization(HeritagePolicies.Keep).ProducesValidationProblem()
            .WithSummary("Changes a site (fields left out stay); a new level needs its basis, kept in the site's history; boundary: GeoJSON Polygon or MultiPolygon inside the city (empty clears it)");
        group.MapGet("/sites/{id:long}/levels", async Task<Results<Ok<ListOf<SiteLevelChange>>, NotFound<ProblemDetailsBody>>> (long id, HeritageSites sites,
            CancellationToken ct) =>
            await sites.FindAsync(id, ct) is not null ? TypedResults.Ok(new ListOf<SiteLevelChange>(await sites.HistoryAsync(id, ct))) : ProblemSetup.NotFound())
            .RequireAuthorization(HeritagePolicies.Read).WithSummary("The site's level changes with their basis, newest first");
        group.MapPost("/sites/{id:long}/zone", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (long id, ZoneChoice input, HeritageSites sites,
            CancellationToken ct) =>
        {
            if (await sites.FindAsync(id, ct) is not { } s)
            {
                return ProblemSetup.NotFound();
            }
            await sites.AssignAsync(s, input.ZoneId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(HeritagePolicies.Keep).ProducesValidationProblem().WithSummary("Puts the site into a responsibility zone (zoneId null takes it out)");
        group.MapPost("/sites/{id:long}/photos", async Task<Results<Ok<ListOf<long>>, NotFound<ProblemDetailsBody>>> (long id, HttpRequest request,
            HeritageSites sites, CancellationToken ct) =>
        {
            if (await sites.FindAsync(id, ct) is not { } s)
            {
                return ProblemSetup.NotFound();
            }
            var form = await Forms.ReadAsync(request, ct);
            return TypedResults.Ok(new ListOf<long>(await sites.AddPhotosAsync(s, [.. form.Files.GetFiles("photos")], ct)));
        }).RequireAuthorization(HeritagePolicies.Keep).DisableAntiforgery().AddEndpointFilter<CookieAntiforgery>()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Platform.Files.FileStore.MaxRequestBytes)).ProducesValidationProblem()
            .WithSummary("Adds photos of the site to its card (multipart: photos); answers the files' ids (GET /files/{id})");
        group.MapGet("/zones", async Task<Ok<ListOf<ZoneDto>>> (string? division, HeritageSites sites, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<ZoneDto>([.. (await sites.ZonesAsync(division!, ct)).Select(z => z.ToDto())])))
            .RequiresDivisionInScope().RequireAuthorization(HeritagePolicies.Read).WithSummary("The division's responsibility zones with their members");
        group.MapPost("/zones", async Task<Created<ZoneDto>> (ZoneInput input, HeritageSites sites, CancellationToken ct) =>
        {
            var zone = await sites.AddZoneAsync(input, ct);
            return TypedResults.Created($"/api/heritage/zones/{zone.Id}", zone.ToDto());
        }).RequireAuthorization(HeritagePolicies.Keep).ProducesValidationProblem().WithSummary("A new zone of a branch with its party members (the first leads it)");
        group.MapPost("/sites/{id:long}/patrols", async Task<Results<Created<PatrolDto>, NotFound<ProblemDetailsBody>>> (long id, HttpRequest request,
            HeritageSites sites, HeritagePatrols patrols, CancellationToken ct) =>
        {
            if (await sites.FindAsync(id, ct) is not { } s)
            {
                return ProblemSetup.NotFound();
            }
            var form = await Forms.ReadAsync(request, ct);
            var patrol = await patrols.CheckInAsync(s, new PatrolInput(Forms.Number(form, "latitude"), Forms.Number(form, "longitude"),
                form["allWell"].ToString() is "true" or "on", form["findings"].ToString()), [.. form.Files.GetFiles("photos")], ct);
            return TypedResults.Created($"/api/heritage/sites/{id}/patrols", ToDto(patrol, []));
        }).RequireAuthorization(HeritagePolicies.Patrol).DisableAntiforgery().AddEndpointFilter<CookieAntiforgery>()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Platform.Files.FileStore.MaxRequestBytes)).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Checks in at the site (multipart: photos, latitude, longitude, allWell, findings); a check-in over 500 m away is kept and flagged");
        group.MapGet("/sites/{id:long}/patrols", async Task<Results<Ok<ListOf<PatrolDto>>, NotFound<ProblemDetailsBody>>> (long id, HeritageSites sites,
            HeritagePatrols patrols, Platform.Data.HuyingDbContext db, CancellationToken ct) =>
        {
            if (await sites.FindAsync(id, ct) is null)
            {
                return ProblemSetup.NotFound();
            }
            var list = await patrols.OfSiteAsync(id, ct);
            var photos = await Platform.Files.FileStore.IdsByOwnerAsync(db, HeritagePatrols.PhotoOwner, [.. list.Select(p => p.Id)], ct);
            return TypedResults.Ok(new ListOf<PatrolDto>([.. list.Select(p => ToDto(p, [.. photos[p.Id]]))]));
        }).RequireAuthorization(HeritagePolicies.Read).WithSummary("The site's latest patrols, newest first");
        group.MapGet("/patrols/due", async Task<Ok<ListOf<PatrolDueDto>>> (string? division, bool? mine, HeritagePatrols patrols, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<PatrolDueDto>([.. (await patrols.DueAsync(division!, mine ?? false, ct))
                .Select(d => new PatrolDueDto(d.Site.Id, d.Site.Name, d.Site.Level, d.Zone, d.LastAt, d.DueAt, d.Overdue))])))
            .RequiresDivisionInScope().RequireAuthorization(HeritagePolicies.Read)
            .WithSummary("The division's sites by when their next patrol is due (overdue first; mine=true: the caller's zones)");
        group.MapPost("/census", async Task<Results<Ok<CensusOutcome>, ValidationProblem>> (HttpRequest request, CensusImport census, CancellationToken ct) =>
        {
            var file = (await Forms.ReadAsync(request, ct)).Files.GetFile("file");
            if (file is null || file.Length == 0 || !(file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)))
            {
                return new FieldErrors().Add("file", "Choose a CSV or .xlsx file").ToProblem();
            }
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await census.ImportAsync(stream, file.FileName, ct));
        }).RequireAuthorization(HeritagePolicies.Keep).DisableAntiforgery().AddEndpointFilter<CookieAntiforgery>()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(CensusLimit)).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Imports census records (multipart file: CSV or .xlsx of the template); all or nothing, problems by line; a record number already kept is updated");
        group.MapGet("/figures", async Task<Ok<HeritageFigures>> (string? division, DateOnly? from, DateOnly? to, HeritageFigureCounts figures, CancellationToken ct) =>
            TypedResults.Ok(await figures.FiguresAsync(division!, from, to, ct)))
            .RequiresDivisionInScope().RequireAuthorization(HeritagePolicies.Figures)
            .ReadsReplica().WithSummary("Sites by level, in zones, surveyed rate, census records, newly registered; in the period (this year): visit groups and visitors, patrols, hazards open / closed / average response, events and attendance; sites overdue for a patrol now");
        group.MapHeritageHazards();
        group.MapHeritageVisits();
        return app;
    }
}
