using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Heritage;

/// <summary>A patrol check-in at a site (巡查打卡): who, when, where the phone was (and how far from the site), photos, what was found.</summary>
public sealed class HeritagePatrol : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public long SiteId { get; set; }
    public long? ZoneId { get; set; }
    public required string CommunityCode { get; set; }
    public long? UserId { get; set; }
    public required string By { get; set; }
    public DateTime At { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public int DistanceMetres { get; set; }

    /// <summary>Checked in further than <see cref="HeritagePatrols.FarMetres"/> from the site: flagged for the keepers.</summary>
    public bool Far { get; set; }

    public bool AllWell { get; set; }
    public string? Findings { get; set; }
}

public sealed class HeritagePatrolConfiguration : IEntityTypeConfiguration<HeritagePatrol>
{
    public void Configure(EntityTypeBuilder<HeritagePatrol> b)
    {
        b.ToTable("HeritagePatrols");
        b.Property(p => p.CommunityCode).HasMaxLength(12);
        b.Property(p => p.By).HasMaxLength(100);
        b.Property(p => p.Findings).HasMaxLength(1000);
        b.HasIndex(p => new { p.SiteId, p.At });
        b.HasIndex(p => new { p.CommunityCode, p.At });
    }
}

public sealed record PatrolInput(double? Latitude, double? Longitude, bool? AllWell, string? Findings);

/// <summary>A site as its patrols stand: when last patrolled, when the next is due by its zone's interval.</summary>
public sealed record PatrolDue(HeritageSite Site, string Zone, DateTime? LastAt, DateTime DueAt, bool Overdue);

/// <summary>
/// Patrols: a party member of the site's zone (or one who keeps it) checks in at the site on the phone with a photo
/// and the phone's position — a check-in far from the site is kept and flagged —, what was found or that all is well;
/// the sites due or overdue by their zone's interval.
/// </summary>
public sealed class HeritagePatrols(HuyingDbContext db, CurrentUser user, FileStore files, HeritageSites sites, TimeProvider clock)
{
    public const string PhotoOwner = nameof(HeritagePatrol);

    /// <summary>Beyond this the check-in was not made at the site (GPS on a phone is good to tens of metres).</summary>
    public const int FarMetres = 500;

    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    private long? UserId => user.Principal?.UserId();

    /// <summary>Whether the caller patrols this site: one who keeps it, or a party member named on its zone.</summary>
    public async Task<bool> MayPatrolAsync(HeritageSite site, CancellationToken ct) =>
        sites.Keeps(site.KeeperUnitId)
        || (user.Holds(Policies.PartyMember) && UserId is { } me && site.ZoneId is { } zone
            && await db.Set<ZoneMember>().AnyAsync(m => m.ZoneId == zone && m.UserId == me, ct));

    public async Task<HeritagePatrol> CheckInAsync(HeritageSite site, PatrolInput input, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        if (!await MayPatrolAsync(site, ct))
        {
            throw new NotAllowedException("Only the zone's party members and those who keep the site check in here");
        }
        var (errors, _) = await files.CheckAsync(photos, "photos", ct);
        errors.Add("photos", photos.Count(f => f.Length > 0) == 0 ? "Take a photo of the site" : null);
        errors.Add("latitude", input.Latitude is not { } lat || input.Longitude is not { } lon || double.IsNaN(lat) || double.IsNaN(lon)
            || Math.Abs(lat) > 90 || Math.Abs(lon) > 180 ? "Let the phone share its position to check in" : null);
        var findings = input.Findings?.Trim() ?? "";
        var allWell = input.AllWell ?? false;
        errors.Add("findings", findings.Length > 1000 ? new Message("Keep it under {0} characters", 1000)
            : !allWell && findings.Length == 0 ? "Say what you found, or tick that all is well" : (Message?)null);
        errors.ThrowIfAny();
        var distance = (int)Math.Round(Metres(site.Latitude, site.Longitude, input.Latitude!.Value, input.Longitude!.Value));
        var patrol = new HeritagePatrol
        {
            SiteId = site.Id, ZoneId = site.ZoneId, CommunityCode = site.CommunityCode, UserId = UserId,
            By = user.Principal?.DisplayName() is { Length: > 0 } name ? name : user.Principal?.Identity?.Name ?? "system",
            At = Now, Latitude = input.Latitude.Value, Longitude = input.Longitude.Value, DistanceMetres = distance, Far = distance > FarMetres,
            AllWell = allWell, Findings = findings.Length == 0 ? null : findings,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Set<HeritagePatrol>().Add(patrol);
        await db.SaveChangesAsync(ct);
        await files.SaveAsync(db, PhotoOwner, patrol.Id, photos, "photos", ct);
        await transaction.CommitAsync(ct);
        return patrol;
    }

    public Task<List<HeritagePatrol>> OfSiteAsync(long siteId, CancellationToken ct) =>
        db.Set<HeritagePatrol>().AsNoTracking().Where(p => p.SiteId == siteId).OrderByDescending(p => p.At).ThenByDescending(p => p.Id).Take(20).ToListAsync(ct);

    /// <summary>
    /// The division's sites in zones by when their next patrol is due (the zone's interval after the last, or now when
    /// never patrolled), overdue first; a party member sees the sites of their own zones.
    /// </summary>
    public Task<List<PatrolDue>> DueAsync(string division, bool mine, CancellationToken ct) =>
        DueAsync(db, division, mine ? UserId ?? 0 : null, Now, ct);

    /// <summary>The division's sites in zones (a member's own zones' when told) by when their next patrol is due by the zone's interval.</summary>
    public static async Task<List<PatrolDue>> DueAsync(HuyingDbContext db, string division, long? member, DateTime now, CancellationToken ct)
    {
        var zones = db.Set<ResponsibilityZone>().AsNoTracking().Where(z => z.CommunityCode.StartsWith(division));
        if (member is { } me)
        {
            zones = zones.Where(z => z.Members.Any(m => m.UserId == me));
        }
        var chosen = await zones.Select(z => new { z.Id, z.Name, z.PatrolEveryDays }).ToDictionaryAsync(z => z.Id, ct);
        var ids = chosen.Keys.ToList();
        var list = await db.Set<HeritageSite>().AsNoTracking().Where(s => s.ZoneId != null && ids.Contains(s.ZoneId.Value)).ToListAsync(ct);
        var last = await LastPatrolsAsync(db, division, ct);
        return [.. list.Select(s =>
        {
            var zone = chosen[s.ZoneId!.Value];
            DateTime? at = last.TryGetValue(s.Id, out var t) ? t : null;
            var due = at?.AddDays(zone.PatrolEveryDays) ?? now;
            return new PatrolDue(s, zone.Name, at, due, due < now);
        }).OrderBy(d => d.DueAt).ThenBy(d => d.Site.Name)];
    }

    /// <summary>How many sites of the division's zones are overdue for a patrol now (the figures' count: ids only, not the sites).</summary>
    public static async Task<int> OverdueCountAsync(HuyingDbContext db, string division, DateTime now, CancellationToken ct)
    {
        var every = await db.Set<ResponsibilityZone>().AsNoTracking().Where(z => z.CommunityCode.StartsWith(division))
            .ToDictionaryAsync(z => z.Id, z => z.PatrolEveryDays, ct);
        var ids = every.Keys.ToList();
        var sites = await db.Set<HeritageSite>().AsNoTracking().Where(s => s.ZoneId != null && ids.Contains(s.ZoneId.Value))
            .Select(s => new { s.Id, Zone = s.ZoneId!.Value }).ToListAsync(ct);
        var last = await LastPatrolsAsync(db, division, ct);
        // As DueAsync: a site never patrolled is due now, not overdue.
        return sites.Count(s => last.TryGetValue(s.Id, out var at) && at.AddDays(every[s.Zone]) < now);
    }

    /// <summary>Each site's last patrol, by the division, not by a list of thousands of site ids (one SQL variable each).</summary>
    private static Task<Dictionary<long, DateTime>> LastPatrolsAsync(HuyingDbContext db, string division, CancellationToken ct) =>
        db.Set<HeritagePatrol>().AsNoTracking().Where(p => p.CommunityCode.StartsWith(division)).GroupBy(p => p.SiteId)
            .Select(g => new { g.Key, At = g.Max(p => p.At) }).ToDictionaryAsync(g => g.Key, g => g.At, ct);

    /// <summary>Great-circle distance in metres (haversine; ample for a few kilometres).</summary>
    public static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6_371_000;
        double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
