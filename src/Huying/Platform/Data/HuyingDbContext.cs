using Huying.Modules.Deliberation;
using Huying.Modules.Notices;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Data;

/// <summary>
/// The one database. Scoped entities carry query filters built from the caller's <see cref="DataScope"/>;
/// every save of an <see cref="IAudited"/> entity appends to the hash-chained audit trail in the same transaction.
/// </summary>
public class HuyingDbContext(DbContextOptions options, IScopeSource scopeSource, TimeProvider clock)
    : IdentityDbContext<AppUser, IdentityRole<long>, long>(options), IDataProtectionKeyContext
{
    private static readonly SemaphoreSlim ChainLock = new(1, 1);
    private readonly List<(string Action, string EntityType, string? EntityId, string? Details, Actor? ActedBy)> events = [];

    /// <summary>Read at query time: a request's context may be created before its user is known (cookie validation).</summary>
    public DataScope Scope => scopeSource.Current;

    /// <summary>Off only for bulk seeding, which writes one summary line to the trail instead of a line a row.</summary>
    public bool AuditChanges { get; set; } = true;
    public TimeProvider Clock => clock;

    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<Community> Communities => Set<Community>();
    public DbSet<PartnerUnit> PartnerUnits => Set<PartnerUnit>();
    public DbSet<PartnerUnitCommunity> PartnerUnitCommunities => Set<PartnerUnitCommunity>();
    public DbSet<PartyOrganisation> PartyOrganisations => Set<PartyOrganisation>();
    public DbSet<CommitteeMember> CommitteeMembers => Set<CommitteeMember>();
    public DbSet<CoordinationGroup> CoordinationGroups => Set<CoordinationGroup>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<Building> Buildings => Set<Building>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<GridTally> GridTallies => Set<GridTally>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<NoticeVersion> NoticeVersions => Set<NoticeVersion>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<FollowUpTask> FollowUpTasks => Set<FollowUpTask>();
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<DeliberationOption> DeliberationOptions => Set<DeliberationOption>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<Huying.Modules.Matters.Matter> Matters => Set<Huying.Modules.Matters.Matter>();
    public DbSet<Huying.Modules.Matters.MatterEvent> MatterEvents => Set<Huying.Modules.Matters.MatterEvent>();
    public DbSet<Huying.Modules.Matters.MatterCategory> MatterCategories => Set<Huying.Modules.Matters.MatterCategory>();
    public DbSet<Huying.Modules.Matters.CalendarDay> CalendarDays => Set<Huying.Modules.Matters.CalendarDay>();
    public DbSet<Huying.Modules.Matters.ExtensionRequest> ExtensionRequests => Set<Huying.Modules.Matters.ExtensionRequest>();
    public DbSet<Huying.Modules.Matters.Supervision> Supervisions => Set<Huying.Modules.Matters.Supervision>();
    public DbSet<Huying.Modules.Matters.Notification> Notifications => Set<Huying.Modules.Matters.Notification>();
    public DbSet<Huying.Modules.Matters.MatterRollup> MatterRollups => Set<Huying.Modules.Matters.MatterRollup>();
    public DbSet<Huying.Modules.Matters.Open311Client> Open311Clients => Set<Huying.Modules.Matters.Open311Client>();
    public DbSet<Huying.Modules.Projects.Need> Needs => Set<Huying.Modules.Projects.Need>();
    public DbSet<Huying.Modules.Projects.NeedOffer> NeedOffers => Set<Huying.Modules.Projects.NeedOffer>();
    public DbSet<Huying.Modules.Projects.Project> Projects => Set<Huying.Modules.Projects.Project>();
    public DbSet<Huying.Modules.Projects.ProjectUnit> ProjectUnits => Set<Huying.Modules.Projects.ProjectUnit>();
    public DbSet<Huying.Modules.Projects.ProjectNeed> ProjectNeeds => Set<Huying.Modules.Projects.ProjectNeed>();
    public DbSet<Huying.Modules.Projects.Milestone> Milestones => Set<Huying.Modules.Projects.Milestone>();
    public DbSet<Huying.Modules.Projects.ProgressUpdate> ProgressUpdates => Set<Huying.Modules.Projects.ProgressUpdate>();
    public DbSet<Huying.Modules.Projects.Commendation> Commendations => Set<Huying.Modules.Projects.Commendation>();
    public DbSet<Huying.Modules.Projects.ProjectRating> ProjectRatings => Set<Huying.Modules.Projects.ProjectRating>();
    public DbSet<Huying.Modules.Projects.PartnershipAgreement> Agreements => Set<Huying.Modules.Projects.PartnershipAgreement>();
    public DbSet<Huying.Modules.Projects.JointMeeting> JointMeetings => Set<Huying.Modules.Projects.JointMeeting>();
    public DbSet<Huying.Modules.Projects.JointMeetingAttendee> JointMeetingAttendees => Set<Huying.Modules.Projects.JointMeetingAttendee>();
    public DbSet<Huying.Modules.Projects.InServiceMember> InServiceMembers => Set<Huying.Modules.Projects.InServiceMember>();
    public DbSet<Huying.Modules.Projects.ServiceTask> ServiceTasks => Set<Huying.Modules.Projects.ServiceTask>();
    public DbSet<Huying.Modules.Projects.ServiceRecord> ServiceRecords => Set<Huying.Modules.Projects.ServiceRecord>();
    public DbSet<Huying.Platform.Files.Attachment> Attachments => Set<Huying.Platform.Files.Attachment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AppSetting> Settings => Set<AppSetting>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    // Query filters read these members; EF turns them into parameters of every query.
    private bool ScopeAll => Scope.All;
    private string[] ScopeCommunities => [.. Scope.Communities];
    private bool ScopeGridRestricted => Scope.GridRestricted;
    private long[] ScopeGrids => [.. Scope.Grids];
    private long? ScopeUnitId => Scope.PartnerUnitId;
    private long? ScopePersonId => Scope.PersonId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HuyingDbContext).Assembly);

        builder.Entity<Community>().HasQueryFilter(c => ScopeAll || ScopeCommunities.Contains(c.Code));
        builder.Entity<PartyOrganisation>().HasQueryFilter(o => ScopeAll || ScopeCommunities.Contains(o.CommunityCode));
        builder.Entity<CommitteeMember>().HasQueryFilter(m => ScopeAll || ScopeCommunities.Contains(m.CommunityCode));
        builder.Entity<CoordinationGroup>().HasQueryFilter(g => ScopeAll || ScopeCommunities.Contains(g.CommunityCode));
        builder.Entity<Grid>().HasQueryFilter(g => ScopeAll
            || (ScopeCommunities.Contains(g.CommunityCode) && (!ScopeGridRestricted || ScopeGrids.Contains(g.Id))));
        builder.Entity<Building>().HasQueryFilter(x => ScopeAll
            || (ScopeCommunities.Contains(x.CommunityCode) && (!ScopeGridRestricted || ScopeGrids.Contains(x.GridId))));
        builder.Entity<Household>().HasQueryFilter(x => ScopeAll
            || (ScopeCommunities.Contains(x.CommunityCode) && (!ScopeGridRestricted || ScopeGrids.Contains(x.GridId))));
        builder.Entity<Person>().HasQueryFilter(x => ScopeAll
            || (ScopeCommunities.Contains(x.CommunityCode) && (!ScopeGridRestricted || ScopeGrids.Contains(x.GridId))));
        builder.Entity<GridTally>().HasQueryFilter(x => ScopeAll
            || (ScopeCommunities.Contains(x.CommunityCode) && (!ScopeGridRestricted || ScopeGrids.Contains(x.GridId))));
        builder.Entity<PartnerUnit>().HasQueryFilter(u => ScopeAll
            || (ScopeUnitId != null ? u.Id == ScopeUnitId : u.Communities.Any(l => ScopeCommunities.Contains(l.CommunityCode))));
        builder.Entity<PartnerUnitCommunity>().HasQueryFilter(l => ScopeAll
            || (ScopeUnitId != null ? l.PartnerUnitId == ScopeUnitId : ScopeCommunities.Contains(l.CommunityCode)));

        // Public pages read notices and topics through IgnoreQueryFilters in the notice and topic services only.
        builder.Entity<Notice>().HasQueryFilter(n => ScopeAll || ScopeCommunities.Contains(n.CommunityCode));
        builder.Entity<Topic>().HasQueryFilter(t => ScopeAll || ScopeCommunities.Contains(t.CommunityCode));
        builder.Entity<Venue>().HasQueryFilter(v => ScopeAll || ScopeCommunities.Contains(v.CommunityCode));
        builder.Entity<Meeting>().HasQueryFilter(m => ScopeAll || ScopeCommunities.Contains(m.CommunityCode));

        // Matters: a unit sees what was dispatched to it; a grid worker their grids; a resident their own.
        builder.Entity<Huying.Modules.Matters.Matter>().HasQueryFilter(m => ScopeAll
            || (ScopeUnitId != null ? m.UnitId == ScopeUnitId
                : ScopeCommunities.Contains(m.CommunityCode) && (!ScopeGridRestricted
                    || (m.GridId != null && ScopeGrids.Contains(m.GridId.Value))
                    || (ScopePersonId != null && m.ReporterPersonId == ScopePersonId))));
        builder.Entity<Huying.Modules.Matters.Supervision>().HasQueryFilter(x => ScopeAll
            || (ScopeUnitId != null ? x.UnitId == ScopeUnitId
                : ScopeCommunities.Contains(x.CommunityCode) && (!ScopeGridRestricted || (x.GridId != null && ScopeGrids.Contains(x.GridId.Value)))));
        builder.Entity<Huying.Modules.Matters.Notification>().HasQueryFilter(x => ScopeAll
            || (ScopeUnitId != null ? x.UnitId == ScopeUnitId
                : ScopeCommunities.Contains(x.CommunityCode) && (!ScopeGridRestricted || (x.GridId != null && ScopeGrids.Contains(x.GridId.Value)))));
        builder.Entity<Huying.Modules.Matters.MatterRollup>().HasQueryFilter(x => ScopeAll
            || (ScopeUnitId != null ? x.UnitId == ScopeUnitId
                : ScopeCommunities.Contains(x.CommunityCode) && (!ScopeGridRestricted || ScopeGrids.Contains(x.GridId))));

        ProjectFilters(builder);

        builder.Entity<AppUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(50);
            b.Property(u => u.ScopeDivisions).HasMaxLength(500);
            b.Property(u => u.ScopeGrids).HasMaxLength(500);
        });
    }

    /// <summary>
    /// The big committee's records: community staff see their communities'; a unit liaison sees only its own
    /// unit's projects, the needs offered to it, its agreements, meetings it attended and its in-service members;
    /// a party member sees their own service.
    /// </summary>
    private void ProjectFilters(ModelBuilder builder)
    {
        builder.Entity<Huying.Modules.Projects.Need>().HasQueryFilter(n => ScopeAll
            || (ScopeUnitId != null ? n.Offers.Any(o => o.PartnerUnitId == ScopeUnitId) : ScopeCommunities.Contains(n.CommunityCode)));
        builder.Entity<Huying.Modules.Projects.NeedOffer>().HasQueryFilter(o => ScopeAll
            || (ScopeUnitId != null ? o.PartnerUnitId == ScopeUnitId : ScopeCommunities.Contains(o.CommunityCode)));
        builder.Entity<Huying.Modules.Projects.Project>().HasQueryFilter(p => ScopeAll
            || (ScopeUnitId != null ? p.Units.Any(u => u.PartnerUnitId == ScopeUnitId) : ScopeCommunities.Contains(p.CommunityCode)));
        builder.Entity<Huying.Modules.Projects.Milestone>().HasQueryFilter(m => ScopeAll
            || (ScopeUnitId != null ? ProjectUnits.Any(u => u.ProjectId == m.ProjectId && u.PartnerUnitId == ScopeUnitId) : ScopeCommunities.Contains(m.CommunityCode)));
        builder.Entity<Huying.Modules.Projects.ProgressUpdate>().HasQueryFilter(x => ScopeAll
            || (ScopeUnitId != null ? ProjectUnits.Any(u => u.ProjectId == x.ProjectId && u.PartnerUnitId == ScopeUnitId) : ScopeCommunities.Contains(x.CommunityCode)));
        builder.Entity<Huying.Modules.Projects.Commendation>().HasQueryFilter(x => ScopeAll
            || (ScopeUnitId != null ? ProjectUnits.Any(u => u.ProjectId == x.ProjectId && u.PartnerUnitId == ScopeUnitId) : ScopeCommunities.Contains(x.CommunityCode)));
        builder.Entity<Huying.Modules.Projects.ProjectRating>().HasQueryFilter(x => ScopeAll
            || (ScopeUnitId != null ? ProjectUnits.Any(u => u.ProjectId == x.ProjectId && u.PartnerUnitId == ScopeUnitId) : ScopeCommunities.Contains(x.CommunityCode)));
        builder.Entity<Huying.Modules.Projects.PartnershipAgreement>().HasQueryFilter(a => ScopeAll
            || (ScopeUnitId != null ? a.PartnerUnitId == ScopeUnitId : ScopeCommunities.Contains(a.CommunityCode)));
        builder.Entity<Huying.Modules.Projects.JointMeeting>().HasQueryFilter(m => ScopeAll
            || (ScopeUnitId != null ? m.Attendees.Any(a => a.PartnerUnitId == ScopeUnitId) : ScopeCommunities.Contains(m.CommunityCode)));
        builder.Entity<Huying.Modules.Projects.InServiceMember>().HasQueryFilter(m => ScopeAll
            || (ScopeUnitId != null ? m.PartnerUnitId == ScopeUnitId
                : ScopePersonId != null ? m.PersonId == ScopePersonId : ScopeCommunities.Contains(m.CommunityCode)));
        builder.Entity<Huying.Modules.Projects.ServiceTask>().HasQueryFilter(t => ScopeAll || ScopeCommunities.Contains(t.CommunityCode));
        builder.Entity<Huying.Modules.Projects.ServiceRecord>().HasQueryFilter(r => ScopeAll
            || (ScopeUnitId != null ? r.PartnerUnitId == ScopeUnitId
                : ScopePersonId != null ? InServiceMembers.Any(m => m.Id == r.MemberId && m.PersonId == ScopePersonId) : ScopeCommunities.Contains(r.CommunityCode)));
    }

    /// <summary>Records an event (a reveal, a sensitive read, an import) to be chained at the next save.</summary>
    public void Audit(string action, string entityType, string? entityId, string? details = null, Actor? actedBy = null) =>
        events.Add((action, entityType, entityId, details, actedBy));

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once here; the scans below and the save itself reuse that (large seeds track thousands).
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveDetectedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private async Task<int> SaveDetectedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var changes = ChangeTracker.Entries()
            .Where(e => AuditChanges && e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => (Entity: (IAudited)e.Entity, ActedBy: (e.Entity as IActed)?.ActedBy, Action: e.State switch
            {
                EntityState.Added => "create",
                EntityState.Modified => "update",
                _ => "delete",
            }, Fields: e.State == EntityState.Modified
                ? string.Join(",", e.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))
                : null))
            .ToList();
        var tallies = Huying.Modules.Organisation.GridTallies.Capture(this);
        var rollups = Huying.Modules.Matters.MatterRollups.Capture(this);
        if (changes.Count == 0 && events.Count == 0 && tallies is null && rollups is null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await ChainLock.WaitAsync(cancellationToken);
        try
        {
            await using var ownTransaction = Database.CurrentTransaction is null
                ? await Database.BeginTransactionAsync(cancellationToken)
                : null;
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (tallies is not null)
            {
                await tallies(cancellationToken);
            }
            if (rollups is not null)
            {
                await rollups(cancellationToken);
            }
            if (changes.Count == 0 && events.Count == 0)
            {
                if (ownTransaction is not null)
                {
                    await ownTransaction.CommitAsync(cancellationToken);
                }
                return saved;
            }

            var lines = changes.Select(c => (c.Action, EntityType: c.Entity.GetType().Name,
                    EntityId: (string?)c.Entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Details: c.Fields, c.ActedBy))
                .Concat(events)
                .ToList();
            events.Clear();
            await AppendAuditAsync(lines, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return saved;
        }
        finally
        {
            ChainLock.Release();
        }
    }

    private async Task AppendAuditAsync(
        List<(string Action, string EntityType, string? EntityId, string? Details, Actor? ActedBy)> lines, CancellationToken ct)
    {
        if (Database.IsNpgsql())
        {
            // Several app instances may write at once: one chain, one writer at a time.
            await Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72700001)", ct);
        }
        var last = await AuditEntries.OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? AuditEntry.GenesisHash;
        var at = AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
        // Lines go in through one prepared statement, in the save's transaction (a batch may bring hundreds).
        await using var insert = RawInserter<AuditEntry>.Create(this);
        foreach (var (action, entityType, entityId, details, actedBy) in lines)
        {
            var actor = actedBy ?? Scope.Actor;
            var entry = new AuditEntry
            {
                Sequence = ++sequence,
                At = at,
                UserId = actor.UserId,
                UserName = actor.UserName,
                Action = action,
                EntityType = entityType,
                EntityId = entityId,
                Details = details is { Length: > 2000 } ? details[..2000] : details,
                Address = actor.Address,
                PreviousHash = previous,
                Hash = "",
            };
            entry.Hash = entry.ComputeHash();
            previous = entry.Hash;
            await insert.InsertAsync(entry, ct);
        }
    }
}

/// <summary>Installation-wide values generated on first run (the key of the personal-data search hash).</summary>
public sealed class AppSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}

public sealed class AppSettingConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<AppSetting>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<AppSetting> b)
    {
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(100);
        b.Property(s => s.Value).HasMaxLength(1000);
    }
}
