using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Composition;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Data;

/// <summary>
/// The one database. Each module adds the query filters of its scoped entities (built from the caller's
/// <see cref="DataScope"/>) and its save hooks; every save of an <see cref="IAudited"/> entity appends to the
/// hash-chained audit trail in the same transaction, and every changed <see cref="IVersioned"/> entity's version is
/// bumped here, so no module does either by hand. Modules reach their tables through <c>Set&lt;T&gt;()</c>, named
/// in their own extension blocks.
/// </summary>
public class HuyingDbContext(DbContextOptions options, IScopeSource scopeSource, TimeProvider clock, ModuleList modules)
    : IdentityDbContext<AppUser, IdentityRole<long>, long>(options), IDataProtectionKeyContext
{
    // SQLite has one writer a file: this process's writers queue here, in order, rather than in SQLite's busy sleeps.
    private static readonly SemaphoreSlim SqliteWriters = new(1, 1);
    private bool wroteAuditLines;
    private readonly List<(string Action, string EntityType, string? EntityId, string? Details, Actor? ActedBy)> events = [];

    /// <summary>Read at query time: a request's context may be created before its user is known (cookie validation).</summary>
    public DataScope Scope => scopeSource.Current;

    /// <summary>Off only for bulk seeding, which writes one summary line to the trail instead of a line a row.</summary>
    public bool AuditChanges { get; set; } = true;

    /// <summary>Told of the communities each committed transaction changed; set by the factory.</summary>
    public IReadOnlyList<ICommitListener> CommitListeners { get; set; } = [];

    // The communities changed by saves whose transaction has not committed yet.
    private readonly HashSet<string> touched = new(StringComparer.Ordinal);

    /// <summary>The changed communities, to the listeners, once their transaction has committed (or none was open).</summary>
    internal async Task CommittedAsync(CancellationToken ct)
    {
        if (wroteAuditLines)
        {
            wroteAuditLines = false;
            AuditChain.Wake();
        }
        if (touched.Count == 0)
        {
            return;
        }
        string[] communities = [.. touched];
        touched.Clear();
        foreach (var listener in CommitListeners)
        {
            await listener.CommittedAsync(communities, ct);
        }
    }

    /// <summary>A rolled-back transaction changed nothing.</summary>
    internal void RolledBack()
    {
        touched.Clear();
        wroteAuditLines = false;
    }

    /// <summary>
    /// Held for the length of a write: on SQLite this process's writers take turns (the file has one writer anyway);
    /// on PostgreSQL nothing is held, writers run side by side. A context holds it once: a save inside a transaction
    /// this context began (which took it, <see cref="TransactionStartingAsync"/>) does not wait for it again.
    /// </summary>
    private async Task<IAsyncDisposable> WriteGateAsync(CancellationToken ct)
    {
        if (held is not null || !Database.IsSqlite())
        {
            return NoGate.Instance;
        }
        if (!await SqliteWriters.WaitAsync(GateWait, ct))
        {
            throw GateTimedOut();
        }
        return held = new HeldGate(this);
    }

    // Longer than SQLite's own busy timeout: a writer never waits here for ever (a context saving while another context
    // of the same flow holds a transaction would), it fails as the database being busy (a 503, DbErrors).
    private static readonly TimeSpan GateWait = TimeSpan.FromSeconds(30);

    private static Microsoft.Data.Sqlite.SqliteException GateTimedOut() =>
        new($"No turn to write in {GateWait.TotalSeconds:F0} s: another writer of this process held the database", 5);

    // The gate while this context holds it, and the part of it a transaction of this context took.
    private HeldGate? held;
    private HeldGate? transactionGate;

    /// <summary>
    /// On SQLite a transaction takes the write gate before it begins: SQLite's transactions here begin IMMEDIATE
    /// (the file's write lock), and one that took the lock first and waited for the gate at its save would wait on a
    /// writer that holds the gate and waits, in SQLite's busy sleeps, for the lock — until the busy timeout failed it.
    /// </summary>
    internal async Task TransactionStartingAsync(CancellationToken ct)
    {
        if (held is null && Database.IsSqlite())
        {
            transactionGate = (HeldGate)await WriteGateAsync(ct);
        }
    }

    internal void TransactionStarting()
    {
        if (held is null && Database.IsSqlite())
        {
            if (!SqliteWriters.Wait(GateWait))
            {
                throw GateTimedOut();
            }
            transactionGate = held = new HeldGate(this);
        }
    }

    /// <summary>The transaction committed, rolled back or was disposed: the gate it took goes back.</summary>
    internal void TransactionEnded()
    {
        if (transactionGate is { } gate)
        {
            transactionGate = null;
            gate.Release();
        }
    }

    private sealed class NoGate : IAsyncDisposable
    {
        public static readonly NoGate Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class HeldGate(HuyingDbContext owner) : IAsyncDisposable
    {
        private int released;

        public void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.held = null;
                SqliteWriters.Release();
            }
        }

        public ValueTask DisposeAsync()
        {
            Release();
            return ValueTask.CompletedTask;
        }
    }

    public override void Dispose()
    {
        TransactionEnded();
        Statements?.Dispose();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        TransactionEnded();
        Statements?.Dispose();
        return base.DisposeAsync();
    }

    /// <summary>SQLite statements this context keeps prepared for its direct inserts (<see cref="KeepStatements"/>); null: each
    /// insert prepares its own.</summary>
    internal SqliteStatements? Statements { get; private set; }

    /// <summary>Keeps the direct inserts' statements prepared from save to save, for a context that writes the same rows
    /// again and again on a connection it holds open.</summary>
    public void KeepStatements() => Statements ??= new SqliteStatements();

    /// <summary>While set, this context's bulk inserts and counter upserts on PostgreSQL wait here to be sent together.</summary>
    public HeldStatements? Held { get; set; }

    /// <summary>Told who wrote, for their next reads to go to the primary; set by the factory.</summary>
    public RecentWriters? RecentWriters { get; set; }

    /// <summary>On the read replica: reads only (a save is refused here before the replica refuses it).</summary>
    public bool OnReplica { get; set; }

    /// <summary>The key of the audit chain; set by the factory (a context made elsewhere writes no audit lines).</summary>
    public ChainKey Chain { get; set; } = ChainKey.DesignTime;
    public TimeProvider Clock => clock;

    public DbSet<Huying.Platform.Files.Attachment> Attachments => Set<Huying.Platform.Files.Attachment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AppSetting> Settings => Set<AppSetting>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Calendar.CalendarDay> CalendarDays => Set<Calendar.CalendarDay>();
    // Read-only like the others: EF fills a settable DbSet property at every context's start (a dictionary and a set
    // made per context: 1.2 % of the app's samples in a profile under `bench --only intake`); every request makes one.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Identity's sets are settable, so EF still made all eight at every context's start (0.9 % of the app's samples
    // under intake): read like the others instead, and the factory's options tell EF not to fill any (NoSetFilling).
    public override DbSet<AppUser> Users => Set<AppUser>();
    public override DbSet<IdentityUserClaim<long>> UserClaims => Set<IdentityUserClaim<long>>();
    public override DbSet<IdentityUserLogin<long>> UserLogins => Set<IdentityUserLogin<long>>();
    public override DbSet<IdentityUserToken<long>> UserTokens => Set<IdentityUserToken<long>>();
    public override DbSet<IdentityUserPasskey<long>> UserPasskeys => Set<IdentityUserPasskey<long>>();
    public override DbSet<IdentityUserRole<long>> UserRoles => Set<IdentityUserRole<long>>();
    public override DbSet<IdentityRole<long>> Roles => Set<IdentityRole<long>>();
    public override DbSet<IdentityRoleClaim<long>> RoleClaims => Set<IdentityRoleClaim<long>>();

    /// <summary>The module list the model was built with: EF keeps one model per list.</summary>
    public ModuleList ModuleList => modules;

    // Scope filters read these members; EF turns them into parameters of every query.
    public bool ScopeAll => Scope.All;
    public string[] ScopeCommunities => [.. Scope.Communities];
    public bool ScopeGridRestricted => Scope.GridRestricted;
    public long[] ScopeGrids => [.. Scope.Grids];
    public long? ScopeUnitId => Scope.PartnerUnitId;
    public long? ScopePersonId => Scope.PersonId;
    public bool ScopeCareAll => Scope.CareAll;
    public string[] ScopeCareCommunities => [.. Scope.CareCommunities];

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HuyingDbContext).Assembly);
        // Every versioned entity's version is its concurrency token (the save below bumps it).
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
        var filters = new ScopeFilters(builder, this);
        Huying.Platform.Notifications.NotificationSetup.AddFilters(filters);
        foreach (var module in modules.All)
        {
            module.AddFilters(filters);
        }
        builder.Entity<AppUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(50);
            b.Property(u => u.ScopeDivisions).HasMaxLength(500);
            b.Property(u => u.ScopeGrids).HasMaxLength(500);
        });
    }

    /// <summary>Records an event (a reveal, a sensitive read, an import) to be chained at the next save.</summary>
    public void Audit(string action, string entityType, string? entityId, string? details = null, Actor? actedBy = null) =>
        events.Add((action, entityType, entityId, details, actedBy));

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (OnReplica)
        {
            throw new InvalidOperationException("A context on the read replica cannot save: this request's page or endpoint reads the replica (ReplicaRead) but writes.");
        }
        // Changes are detected once here; the scans below and the save itself reuse that (large seeds track thousands).
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (CommitListeners.Count > 0)
            {
                foreach (var entry in ChangeTracker.Entries<ICommunityScoped>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
                {
                    touched.Add(entry.Entity.CommunityCode);
                }
            }
            var saved = await SaveDetectedAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (saved > 0)
            {
                RecentWriters?.Wrote(Scope.Actor.UserId);
            }
            // Inside a caller's transaction the listeners hear of it when that commits (CommitInterceptor).
            if (Database.CurrentTransaction is null)
            {
                await CommittedAsync(cancellationToken);
            }
            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private async Task<int> SaveDetectedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        // Every value kept in bounds (lengths from the model, dates, control characters), for every writer alike.
        var refused = new Web.FieldErrors();
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            FieldBounds.Check(entry, refused);
        }
        refused.ThrowIfAny();
        // Versions bump here (changes are already detected, so through the entry); the loaded value stays the
        // original the UPDATE is conditioned on.
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
        {
            var version = entry.Property(nameof(IVersioned.Version));
            version.CurrentValue = (int)version.OriginalValue! + 1;
        }
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
        var after = modules.SaveHooks.Select(h => h.Capture(this)).OfType<Func<CancellationToken, Task>>().ToList();
        if (changes.Count == 0 && events.Count == 0 && after.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using (await WriteGateAsync(cancellationToken))
        {
            await using var ownTransaction = Database.CurrentTransaction is null
                ? await Database.BeginTransactionAsync(cancellationToken)
                : null;
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var work in after)
            {
                await work(cancellationToken);
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
    }

    private async Task AppendAuditAsync(
        List<(string Action, string EntityType, string? EntityId, string? Details, Actor? ActedBy)> lines, CancellationToken ct)
    {
        var at = AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
        // Lines go in through one prepared statement (batched where the provider can), in the save's transaction.
        var entries = new List<AuditEntry>(lines.Count);
        foreach (var (action, entityType, entityId, details, actedBy) in lines)
        {
            var actor = actedBy ?? Scope.Actor;
            var entry = new AuditEntry
            {
                At = at,
                UserId = actor.UserId,
                UserName = actor.UserName,
                Action = action,
                EntityType = entityType,
                EntityId = entityId,
                Details = details is { Length: > 2000 } ? details[..2000] : details,
                Address = actor.Address,
                Seal = "",
            };
            entry.Seal = entry.ComputeSeal(Chain);
            entries.Add(entry);
            // Whoever a line names wrote (a batch of intakes is saved by the system for each submitter).
            RecentWriters?.Wrote(actor.UserId);
        }
        var linked = LinkAhead is { } linkAhead && Database.CurrentTransaction is not null && await linkAhead(entries, ct);
        await using (var insert = RawInserter<AuditEntry>.Create(this))
        {
            // Nobody reads a line's id back: the linker finds the lines by their place, or its absence.
            await insert.InsertAllAsync(entries, ct, keys: false);
        }
        // Otherwise linked into the chain once this transaction commits (AuditChain); no writer waits for another here.
        wroteAuditLines = !linked;
    }

    /// <summary>
    /// Set by a writer whose saves link their own audit lines ahead, in their transaction (the intake's one writer on
    /// SQLite, <see cref="AuditChain.LinkAheadAsync"/>): true when it gave the lines their places, false to leave them
    /// to the linker.
    /// </summary>
    internal Func<IReadOnlyList<AuditEntry>, CancellationToken, Task<bool>>? LinkAhead { get; set; }
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
