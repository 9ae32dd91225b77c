using Huying.Modules.Matters;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Notifications;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Heritage;

/// <summary>
/// A hazard at a site (文物险情). The hazard is a matter of a heritage category — its deadlines, warnings and
/// supervision are the matters engine's —; this row says which site, zone and patrol it is about.
/// </summary>
public sealed class HeritageHazard : ICommunityScoped
{
    /// <summary>The matter's id: one hazard, one matter.</summary>
    public long MatterId { get; set; }
    public long SiteId { get; set; }
    public long? ZoneId { get; set; }
    public long? PatrolId { get; set; }
    public required string CommunityCode { get; set; }
    public required string CategoryCode { get; set; }
    public DateTime RaisedAt { get; set; }
}

/// <summary>What a zone's member or the centre reports from the site (到场处置): the measures taken, with photos; the last one closes it.</summary>
public sealed class HazardReport : ICommunityScoped
{
    public long Id { get; set; }
    public long MatterId { get; set; }
    public required string CommunityCode { get; set; }
    public DateTime At { get; set; }
    public required string By { get; set; }
    public required string Note { get; set; }
    public bool Closes { get; set; }
}

public sealed class HeritageHazardConfiguration : IEntityTypeConfiguration<HeritageHazard>, IEntityTypeConfiguration<HazardReport>
{
    public void Configure(EntityTypeBuilder<HeritageHazard> b)
    {
        b.ToTable("HeritageHazards");
        b.HasKey(h => h.MatterId);
        b.Property(h => h.MatterId).ValueGeneratedNever();
        b.Property(h => h.CommunityCode).HasMaxLength(12);
        b.Property(h => h.CategoryCode).HasMaxLength(40);
        b.HasIndex(h => new { h.CommunityCode, h.RaisedAt });
        b.HasIndex(h => h.SiteId);
    }

    public void Configure(EntityTypeBuilder<HazardReport> b)
    {
        b.ToTable("HazardReports");
        b.Property(r => r.CommunityCode).HasMaxLength(12);
        b.Property(r => r.By).HasMaxLength(100);
        b.Property(r => r.Note).HasMaxLength(1000);
        b.HasIndex(r => r.MatterId);
    }
}

public sealed record HazardInput(long? SiteId, string? CategoryCode, string? Description, string? ReporterPhone, long? PatrolId = null);

/// <summary>A hazard as it stands: the matter's state and deadlines beside the site it is about.</summary>
public sealed record HazardView(HeritageHazard Hazard, string Site, ProtectionLevel Level, string TrackingCode, string Description, MatterState State,
    DateTime? DueAt, DateTime RespondDueAt, DateTime? AcceptedAt, DateTime? ResolvedAt, bool Urgent)
{
    public bool Open => !ResolvedAt.HasValue && State is not (MatterState.Rejected or MatterState.Merged or MatterState.Closed);
}

/// <summary>
/// Hazards: anyone raises one at a site — the public on its page, a member from a patrol —; it becomes a matter of
/// a heritage category routed to the centre that keeps the site, and the zone's members hear of it at once. Members
/// and the centre report the measures from the site; the centre responds and closes it with photos through the
/// matters engine, which decides who may and keeps the clock.
/// </summary>
public sealed class HeritageHazards(HuyingDbContext db, CurrentUser user, MatterIntake intake, MatterActions actions, MattersService matters,
    MatterCatalogue catalogue, FileStore files, HeritagePatrols patrols, TimeProvider clock)
{
    public const string PhotoOwner = nameof(HazardReport);

    /// <summary>The photos it was raised with, by the matter's id.</summary>
    public const string RaisedPhotoOwner = nameof(HeritageHazard);
    public const string IntakePage = "/heritage/report";
    private const int Hour = 60;
    private const int Day = 24 * Hour;

    /// <summary>The heritage categories: collapse, theft, fire and flood are urgent (respond within two hours).</summary>
    public static readonly IReadOnlyList<CategorySeed> Categories =
    [
        new("heritage", null, "文物险情", "Heritage hazards", 24 * Hour, 7 * Day, 2 * Day, false, "文物", IntakePage: IntakePage),
        new("heritage.collapse", "heritage", "坍塌险情", "Collapse", 2 * Hour, 3 * Day, 2 * Day, false, "坍塌,倒塌,垮塌", IntakePage: IntakePage),
        new("heritage.theft", "heritage", "盗掘盗窃", "Theft or looting", 2 * Hour, 3 * Day, 2 * Day, false, "盗掘,盗窃,被盗", IntakePage: IntakePage),
        new("heritage.fire", "heritage", "火灾隐患", "Fire risk", 2 * Hour, 3 * Day, 2 * Day, false, "火灾,明火,电线", IntakePage: IntakePage),
        new("heritage.flood", "heritage", "水患", "Flooding", 2 * Hour, 3 * Day, 2 * Day, false, "水患,渗水,淹", IntakePage: IntakePage),
        new("heritage.crack", "heritage", "墙体开裂", "Cracks", 24 * Hour, 15 * Day, 2 * Day, false, "开裂,裂缝", IntakePage: IntakePage),
        new("heritage.construction", "heritage", "违法建设", "Illegal construction", 24 * Hour, 15 * Day, 2 * Day, false, "违建,施工,建设", IntakePage: IntakePage),
    ];

    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    public static bool IsUrgent(MatterCategory c) => c.RespondMinutes <= 2 * Hour;

    /// <summary>What may be wrong at a site: the active heritage categories below the parent.</summary>
    public async Task<List<MatterCategory>> KindsAsync(CancellationToken ct) =>
        [.. (await catalogue.GetAsync(ct)).Categories.Where(c => c.Active && c.ParentCode == "heritage")];

    /// <summary>
    /// Raises a hazard at a site any visitor may name (the public page lists every site): checked like any matter,
    /// routed to the centre that keeps the site, its zone's members told by name; saved with the hazard row at once.
    /// </summary>
    public async Task<Matter> RaiseAsync(HazardInput input, IReadOnlyList<IFormFile> photos, System.Security.Claims.ClaimsPrincipal principal,
        CancellationToken ct)
    {
        // A query of its own outside the scope: the public names any site, and reads nothing of it but what is public.
        var site = input.SiteId is { } id
            ? await db.Set<HeritageSite>().IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.Id == id).Select(s => new { s.Id, s.Name, s.Address, s.CommunityCode, s.KeeperUnitId, s.ZoneId }).FirstOrDefaultAsync(ct)
            : null;
        var kinds = await KindsAsync(ct);
        var kind = kinds.FirstOrDefault(k => k.Code == input.CategoryCode?.Trim());
        var errors = new FieldErrors()
            .Add("siteId", site is null ? "Choose the site" : null)
            .Add("categoryCode", kind is null ? "Choose what is wrong at the site" : null);
        HeritagePatrol? patrol = null;
        if (input.PatrolId is { } patrolId)
        {
            patrol = await db.Set<HeritagePatrol>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == patrolId && p.SiteId == input.SiteId, ct);
            errors.Add("patrolId", patrol is null ? "Choose a patrol of this site" : null);
        }
        errors.ThrowIfAny();
        var members = site!.ZoneId is { } zone
            ? await db.Set<ZoneMember>().IgnoreQueryFilters().AsNoTracking().Where(m => m.ZoneId == zone && m.UserId != null).Select(m => m.UserId!.Value).ToListAsync(ct)
            : [];
        var now = Now;
        var subject = $"{site.Name} {kind!.Name}";
        var matterInput = new MatterInput(kind.Code, input.Description, site.CommunityCode, Address: site.Address is { } a ? $"{site.Name}（{a}）" : site.Name,
            ReporterPhone: input.ReporterPhone);
        return await intake.RaiseRoutedAsync(matterInput, new MatterRoute(site.KeeperUnitId, RaisedPhotoOwner), photos, principal,
            m => [.. members.Select(userId => Notice(m, subject, now, forUser: userId)),
                Notice(m, subject, now, forUser: null)],
            m => db.Set<HeritageHazard>().Add(new HeritageHazard
            {
                MatterId = m.Id, SiteId = site.Id, ZoneId = site.ZoneId, PatrolId = patrol?.Id, CommunityCode = site.CommunityCode, CategoryCode = kind.Code,
                RaisedAt = m.SubmittedAt,
            }), ct);
    }

    /// <summary>To one zone member by account, or to the matter's handler (the centre when routed to it).</summary>
    private static Notification Notice(Matter m, string subject, DateTime now, long? forUser) => new()
    {
        CreatedAt = now, Kind = "Heritage hazard raised", Subject = subject, CommunityCode = m.CommunityCode, Link = "/heritage/hazards/{0}", Channel = NotificationChannel.InApp,
        Audience = Audience.Handler, UnitId = forUser is null ? m.UnitId : null, ForUserId = forUser, DeliveredAt = now,
    };

    public async Task<List<HazardView>> ListAsync(string division, bool openOnly, CancellationToken ct)
    {
        var hazards = await db.Set<HeritageHazard>().AsNoTracking().Where(h => h.CommunityCode.StartsWith(division))
            .OrderByDescending(h => h.RaisedAt).Take(500).ToListAsync(ct);
        var views = await ViewsAsync(hazards, ct);
        return openOnly ? [.. views.Where(v => v.Open)] : views;
    }

    /// <summary>A site's hazards in the caller's scope, newest first: what its card lists.</summary>
    public async Task<List<HazardView>> OfSiteAsync(long siteId, CancellationToken ct) =>
        await ViewsAsync(await db.Set<HeritageHazard>().AsNoTracking().Where(h => h.SiteId == siteId).OrderByDescending(h => h.RaisedAt).Take(50).ToListAsync(ct), ct);

    public async Task<HazardView?> FindAsync(long matterId, CancellationToken ct) =>
        await db.Set<HeritageHazard>().AsNoTracking().FirstOrDefaultAsync(h => h.MatterId == matterId, ct) is { } h
            ? (await ViewsAsync([h], ct)).FirstOrDefault()
            : null;

    /// <summary>The matters' facts and the sites' names, each read in a query of its own: the hazards were read in the caller's scope.</summary>
    private async Task<List<HazardView>> ViewsAsync(List<HeritageHazard> hazards, CancellationToken ct)
    {
        var ids = hazards.Select(h => h.MatterId).ToList();
        var siteIds = hazards.Select(h => h.SiteId).Distinct().ToList();
        var facts = await db.Set<Matter>().IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.TrackingCode, m.Description, m.State, m.DueAt, m.RespondDueAt, m.AcceptedAt, m.ResolvedAt, m.SubmittedAt })
            .ToDictionaryAsync(m => m.Id, ct);
        var names = await db.Set<HeritageSite>().IgnoreQueryFilters().AsNoTracking().Where(s => siteIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => new { s.Name, s.Level }, ct);
        var snapshot = await catalogue.GetAsync(ct);
        return [.. hazards.Where(h => facts.ContainsKey(h.MatterId) && names.ContainsKey(h.SiteId)).Select(h =>
        {
            var m = facts[h.MatterId];
            var site = names[h.SiteId];
            return new HazardView(h, site.Name, site.Level, m.TrackingCode, m.Description, m.State, m.DueAt, m.RespondDueAt, m.AcceptedAt, m.ResolvedAt,
                snapshot.Find(h.CategoryCode) is { } c && IsUrgent(c));
        })];
    }

    public Task<List<HazardReport>> ReportsAsync(long matterId, CancellationToken ct) =>
        db.Set<HazardReport>().AsNoTracking().Where(r => r.MatterId == matterId).OrderBy(r => r.At).ThenBy(r => r.Id).ToListAsync(ct);

    /// <summary>Who may report from the site: whoever may patrol it (its zone's members and those who keep it).</summary>
    public async Task<bool> MayReportAsync(HeritageHazard h, CancellationToken ct) =>
        await db.Set<HeritageSite>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == h.SiteId, ct) is { } site && await patrols.MayPatrolAsync(site, ct);

    /// <summary>A zone member or the centre reports what was found and done at the site, with photos.</summary>
    public async Task ReportAsync(HazardView hazard, string? note, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        if (!await MayReportAsync(hazard.Hazard, ct))
        {
            throw new NotAllowedException("Only the zone's party members and those who keep the site report here");
        }
        if (!hazard.Open)
        {
            throw new RuleViolationException("The hazard is closed");
        }
        var (errors, _) = await files.CheckAsync(photos, "photos", ct);
        errors.Add("note", string.IsNullOrWhiteSpace(note) ? "Say what you found and what was done" : note.Trim().Length > 1000 ? new Message("Keep it under {0} characters", 1000) : (Message?)null);
        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AddReportAsync(hazard, note!, photos, closes: false, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Whether the caller may respond to the hazard and close it now, as the matters engine says.</summary>
    public async Task<(bool Respond, bool Close)> OffersAsync(HazardView hazard, CancellationToken ct)
    {
        if (user.Principal is not { } principal || await matters.FindAsync(hazard.Hazard.MatterId, ct) is not { } m)
        {
            return (false, false);
        }
        var offered = MatterActions.Offered(m, principal);
        return (offered.Contains(MatterAction.Accept), offered.Contains(MatterAction.Resolve));
    }

    /// <summary>The centre responds (accepts the matter, within the category's respond deadline).</summary>
    public async Task RespondAsync(HazardView hazard, string? note, CancellationToken ct)
    {
        MatterActions.RequireRole("accept", user.Principal!);
        var m = await matters.FindAsync(hazard.Hazard.MatterId, ct) ?? throw new NotAllowedException("Only the matter's current handler can accept it");
        await actions.ActAsync(m, "accept", new MatterActionInput(Note: note), user.Principal!, ct);
    }

    /// <summary>The centre closes the hazard: the matter is resolved with what was done, and photos of the site after the measures are required.</summary>
    public async Task CloseAsync(HazardView hazard, string? note, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        MatterActions.RequireRole("resolve", user.Principal!);
        var m = await matters.FindAsync(hazard.Hazard.MatterId, ct) ?? throw new NotAllowedException("Only the matter's current handler can resolve it");
        var (errors, _) = await files.CheckAsync(photos, "photos", ct);
        errors.Add("photos", photos.Count(f => f.Length > 0) == 0 ? "Attach photos of the site after the measures" : null);
        errors.Add("note", string.IsNullOrWhiteSpace(note) ? "Say what was done" : note.Trim().Length > 1000 ? new Message("Keep it under {0} characters", 1000) : (Message?)null);
        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await actions.ActAsync(m, "resolve", new MatterActionInput(Note: note), user.Principal!, ct);
        await AddReportAsync(hazard, note!, photos, closes: true, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task AddReportAsync(HazardView hazard, string note, IReadOnlyList<IFormFile> photos, bool closes, CancellationToken ct)
    {
        var principal = user.Principal;
        var report = new HazardReport
        {
            MatterId = hazard.Hazard.MatterId, CommunityCode = hazard.Hazard.CommunityCode, At = Now, Note = note.Trim(), Closes = closes,
            By = principal?.DisplayName() is { Length: > 0 } name ? name : principal?.Identity?.Name ?? "system",
        };
        db.Set<HazardReport>().Add(report);
        await db.SaveChangesAsync(ct);
        if (photos.Count > 0)
        {
            await files.SaveAsync(db, PhotoOwner, report.Id, photos, "photos", ct);
        }
    }
}
