using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Notifications;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

public sealed record MatterInput(string? CategoryCode, string? Description, string? CommunityCode, long? BuildingId = null,
    string? Address = null, string? ReporterPhone = null, string? Channel = null, string? ReporterName = null,
    Dictionary<string, string>? Attributes = null);

/// <summary>A matter raised on a module's own page (<see cref="MatterCategory.IntakePage"/>), routed to the partner unit that answers for its record, if any.</summary>
public sealed record MatterRoute(long? UnitId, string PhotoOwner);

/// <summary>
/// Intake: checks what a resident, a grid worker, staff, the 12345 hotline or an Open311 client raises and builds
/// the matter; the <see cref="IntakeWriter"/> saves it.
/// </summary>
public sealed partial class MatterIntake(HuyingDbContext db, MatterCatalogue catalogue, WorkCalendars calendars, IntakeWriter writer,
    PersonalData personal, MatterNames names, FileStore files, TimeProvider clock)
{
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    [System.Text.RegularExpressions.GeneratedRegex(@"^0\d{2,3}-?\d{7,8}$")]
    private static partial System.Text.RegularExpressions.Regex LandLine();

    /// <summary>Checks an intake and builds the matter (not yet saved). Staff may record for a resident; the public may not pick a channel.</summary>
    public async Task<Matter> PrepareAsync(MatterInput input, ClaimsPrincipal user, MatterChannel? forced,
        CancellationToken ct, DateTime? submittedAt = null, MatterRoute? route = null)
    {
        var errors = new FieldErrors();
        var snapshot = await catalogue.GetAsync(ct);
        var category = snapshot.Find(input.CategoryCode?.Trim());
        errors.Add("categoryCode", category is null || !category.Active || (category.IntakePage is not null) != (route is not null)
            ? "Choose a category" : null);
        var description = input.Description?.Trim() ?? "";
        errors.Add("description", description.Length < 5 ? "Describe the matter (5 characters at least)"
            : description.Length > 2000 ? "Text is too long (2000 characters at most)" : null);
        var staff = user.Holds(Policies.Staff);
        var places = await catalogue.PlacesAsync(ct);
        // The public intake reaches every community; staff record only within their own scope.
        var communityCode = (input.CommunityCode ?? "").Trim();
        var community = places.Communities.ContainsKey(communityCode)
            && (!staff || db.Scope.All || db.Scope.Communities.Contains(communityCode)) ? communityCode : null;
        errors.Add("communityCode", community is null ? "Community not found" : null);
        var address = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim();
        errors.Add("address", address is { Length: > 200 } ? "Address is too long (200 characters at most)" : null);
        var phone = string.IsNullOrWhiteSpace(input.ReporterPhone) ? null : input.ReporterPhone.Trim();
        errors.Add("reporterPhone", phone is null ? null
            : forced == MatterChannel.Hotline && LandLine().IsMatch(phone) ? null : Validators.Mobile(phone));
        var name = string.IsNullOrWhiteSpace(input.ReporterName) ? null : input.ReporterName.Trim();
        errors.Add("reporterName", name is { Length: > 50 } ? "Name is too long (50 characters at most)" : null);
        var channel = forced ?? MatterChannel.Web;
        if (forced is null && input.Channel is { Length: > 0 })
        {
            if (!Enum.TryParse(input.Channel, true, out channel) || !Enum.IsDefined(channel) || channel is MatterChannel.Hotline or MatterChannel.Open311)
            {
                errors.Add("channel", "Unknown channel");
            }
            else if (!staff && channel != MatterChannel.Web)
            {
                errors.Add("channel", "Only staff record matters from visits and calls");
            }
        }
        else if (forced is null && staff)
        {
            channel = MatterChannel.Staff;
        }
        MatterCatalogue.Place? building = null;
        if (community is not null && input.BuildingId is { } buildingId)
        {
            building = places.Building(community, buildingId);
            errors.Add("buildingId", building is null ? "Choose a place of this community" : null);
        }
        if (category is not null)
        {
            FormQuestions.Check(category.Attributes, input.Attributes, errors);
        }
        errors.ThrowIfAny();
        // An address without a picked place still finds its building when it names one of the community.
        building ??= address is null ? null : places.Match(community!, address);
        var stored = personal.ProtectPhone(phone);
        var matter = new Matter
        {
            TrackingCode = TrackingCodes.New("M"),
            CommunityCode = community!,
            GridId = building?.GridId,
            BuildingId = building?.Id,
            Address = address ?? building?.Name,
            CategoryCode = category!.Code,
            Description = description,
            Channel = channel,
            ReporterName = name,
            ReporterPhoneCipher = stored.Cipher,
            ReporterPhoneHash = stored.Hash,
            ReporterPhoneMasked = stored.Masked,
            ReporterPersonId = user.IsInRole(Roles.Resident) && long.TryParse(user.FindFirstValue(ScopeClaims.Person), out var person) ? person : null,
            AttributesJson = input.Attributes is { Count: > 0 } attrs ? JsonSerializer.Serialize(attrs) : null,
            ActedBy = db.Scope.Actor,
        };
        // The queue saves later: the bounds every save keeps are checked now, so the caller hears of them.
        FieldBounds.Check(db, matter).ThrowIfAny();
        matter.Submit(submittedAt ?? Now, category, await calendars.GetAsync(ct), route?.UnitId);
        matter.Events.Add(MatterOutbox.Event(matter, "submit", null, forced == MatterChannel.Hotline ? "Hotline" : MatterNames.RoleOf(user),
            user.Identity?.IsAuthenticated == true ? await names.ActingForAsync(user, ct) : null, null, matter.SubmittedAt));
        // New matters are the queue's "New" tab; no notification row is written for staff, a text goes to the resident.
        if (matter.ReporterPhoneCipher is { } cipher)
        {
            matter.Outbox.Add(MatterOutbox.Sms(matter, "Matter received", category.Name, cipher, Now));
        }
        return matter;
    }

    /// <summary>
    /// A matter another module raises about one of its records (a heritage site's hazard), routed at intake to the
    /// partner unit that answers for it: checked like any intake (fields and photos together), then saved at once in
    /// one transaction with its photos, the notices the module addresses, and the module's own row beside it — so
    /// neither exists without the other. The photos belong to the module's record (<see cref="MatterRoute.PhotoOwner"/>, by the
    /// matter's id): whoever reads that record sees them.
    /// </summary>
    public async Task<Matter> RaiseRoutedAsync(MatterInput input, MatterRoute route, IReadOnlyList<IFormFile> photos, ClaimsPrincipal user,
        Func<Matter, IEnumerable<Notification>> notices, Action<Matter> beside, CancellationToken ct)
    {
        var (errors, _) = await files.CheckAsync(photos, "photos", ct);
        Matter? matter = null;
        try
        {
            matter = await PrepareAsync(input, user, null, ct, route: route);
        }
        catch (FieldException refused)
        {
            errors.AddAll(refused.Errors);
        }
        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Matters.Add(matter!);
        await db.SaveChangesAsync(ct);
        foreach (var n in matter!.Outbox.Concat(notices(matter)))
        {
            n.SubjectType = nameof(Matter);
            n.SubjectId = matter.Id;
            n.Link = n.Link is { } link ? string.Format(CultureInfo.InvariantCulture, link, matter.Id) : null;
            db.Add(n);
        }
        beside(matter);
        await db.SaveChangesAsync(ct);
        if (photos.Count > 0)
        {
            await files.SaveAsync(db, route.PhotoOwner, matter.Id, photos, "photos", ct);
        }
        await transaction.CommitAsync(ct);
        return matter;
    }

    /// <summary>Saves a prepared matter; returns once it is durable (several intakes may share one transaction).</summary>
    public Task SubmitAsync(Matter matter, CancellationToken ct) => writer.SubmitAsync(matter, ct);

    /// <summary>
    /// A matter raised on a page, with photos: everything is checked first (the fields and every file, refused
    /// together), then the matter is saved and its photos after it.
    /// </summary>
    public async Task<Matter> RaiseAsync(MatterInput input, IReadOnlyList<IFormFile> photos, ClaimsPrincipal user, CancellationToken ct)
    {
        var (errors, _) = await files.CheckAsync(photos, "photos", ct);
        Matter? matter = null;
        try
        {
            matter = await PrepareAsync(input, user, null, ct);
        }
        catch (FieldException refused)
        {
            errors.AddAll(refused.Errors);
        }
        errors.ThrowIfAny();
        await SubmitAsync(matter!, ct);
        if (photos.Count > 0)
        {
            await files.SaveAsync(db, nameof(Matter), matter!.Id, photos, "photos", ct);
        }
        return matter!;
    }
}

/// <summary>
/// Saves intakes. Requests that arrive together share one transaction (one commit), so the intake keeps up with
/// bursts; each caller is answered only after its transaction committed.
/// </summary>
public sealed class IntakeWriter(HuyingContextFactory contexts, HuyingMetrics metrics, IConfiguration configuration, ILogger<IntakeWriter> log)
    : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<(Matter Matter, TaskCompletionSource Done)> queue =
        Channel.CreateUnbounded<(Matter, TaskCompletionSource)>();

    /// <summary>
    /// How many batches are written at once (<c>Matters:IntakeWriters</c>), one by default. On SQLite the file has one
    /// writer. On PostgreSQL two once let one batch fill while the other waited on its nine round trips; with a batch's
    /// rows sent in one (five round trips), one writer makes bigger batches (79 rows a commit against 47, by the server's
    /// counts) and never waits on the other's rollup rows or chain lock: 1.04–1.07× two in three `intake-ab` runs (10, 16
    /// and 16 rounds), the app's CPU an intake 5–8 % lower and the server's 17–23 % (docs/scale.md, 7 December). Two
    /// instances still write side by side (the PostgreSQL tests run two writers for that). More writers made smaller
    /// batches that queued on the same rollup rows (one community's day and month), held to each commit: four gave
    /// 0.44–0.59× a bare single-INSERT endpoint in `bench --only intake`, two 0.56–0.65×.
    /// </summary>
    private int Writers => Math.Clamp(configuration.GetValue("Matters:IntakeWriters", 1), 1, 64);

    public Task SubmitAsync(Matter matter, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((matter, done)))
        {
            throw new InvalidOperationException("The intake is shutting down");
        }
        return done.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync, CancellationToken.None)));

    private async Task WriteLoopAsync()
    {
        var batch = new List<(Matter Matter, TaskCompletionSource Done)>(MaxBatch);
        // One context a writer, batch after batch: starting a context's services was a sixth of the writer's own time.
        // It is put aside after a batch that failed, whatever state the failure left in it.
        HuyingDbContext? db = null;
        try
        {
            while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                if (batch.Count == 0)
                {
                    // Another writer took what woke this one.
                    continue;
                }
                db ??= Context();
                if (!await WriteAsync(db, batch))
                {
                    await db.DisposeAsync();
                    db = null;
                }
                batch.Clear();
            }
        }
        finally
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Whatever was accepted into the queue is still written before the app stops.
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Writes a batch on the writer's context; false when it failed (each intake then saved alone, on a context of its
    /// own, without reading the chain ahead; one whose tracking code was taken meanwhile again with a new one,
    /// <paramref name="attempt"/> the how-many-th).</summary>
    private async Task<bool> WriteAsync(HuyingDbContext db, List<(Matter Matter, TaskCompletionSource Done)> batch, bool readAhead = true, int attempt = 0)
    {
        try
        {
            await SaveAsync(db, [.. batch.Select(b => b.Matter)], readAhead);
            metrics.IntakeBatch.Record(batch.Count);
            batch.ForEach(b => b.Done.TrySetResult());
            return true;
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One bad row must not fail the others: save them one by one.
            foreach (var item in batch)
            {
                await using var alone = Context();
                await WriteAsync(alone, [item], readAhead: false);
            }
        }
        catch (Exception e)
        {
            if (attempt < 3 && DbErrors.IsUniqueViolation(e) && await CodeTakenAsync(batch[0].Matter.TrackingCode))
            {
                // Eight characters of 31 make 8.5 × 10^11 codes: among a county's millions of matters a new one is now and
                // then one already given (half a million in one file meet once in six such files, n²/2N; it was a 500). A
                // new code, and again.
                batch[0].Matter.TrackingCode = TrackingCodes.New("M");
                await using var again = Context();
                await WriteAsync(again, batch, readAhead: false, attempt + 1);
            }
            else if (readAhead)
            {
                // Whatever failed, the links read ahead are not what fails the intake.
                await using var again = Context();
                await WriteAsync(again, batch, readAhead: false, attempt);
            }
            else
            {
                log.LogError(e, "Intake of {TrackingCode} failed", batch[0].Matter.TrackingCode);
                batch[0].Done.TrySetException(e);
            }
        }
        return false;
    }

    private async Task<bool> CodeTakenAsync(string code)
    {
        await using var db = contexts.Create(DataScope.System);
        return (await TakenCodesAsync(db, [code], CancellationToken.None)).Count > 0;
    }

    /// <summary>Those of <paramref name="codes"/> some matter already has, in any community (codes are unique in the whole
    /// table): a query of its own that returns only codes, so it shows a caller nothing of a matter outside its scope.</summary>
    public static async Task<IReadOnlyCollection<string>> TakenCodesAsync(HuyingDbContext db, IReadOnlyList<string> codes, CancellationToken ct) =>
        await db.Matters.IgnoreQueryFilters().Where(m => codes.Contains(m.TrackingCode)).Select(m => m.TrackingCode).ToListAsync(ct);

    /// <summary>
    /// One transaction for the batch: the rows go in through prepared statements (EF's per-row tracking would cost
    /// more than the inserts), then the audit lines (naming each submitter) and the KPI rollups, then one commit.
    /// </summary>
    /// <param name="readAhead">false after a batch failed: the chain is then read and linked as any save's, in round trips of
    /// its own, its links guarded (<see cref="AuditChain.ReadAhead"/>).</param>
    private async Task SaveAsync(HuyingDbContext db, IReadOnlyList<Matter> matters, bool readAhead)
    {
        // On SQLite the writer's connection stays open from batch to batch (EF leaves open what it did not open itself):
        // taking it from the pool and handing it back at every batch, the app spent 0.276 ms of CPU an intake against
        // 0.252 (`bench --only intake-ab`, six rounds). Not on PostgreSQL: a connection the writer holds through an
        // outage is not cleared with the pool (DatabaseOutageTests' intake right after the outage got a 503 so, once).
        if (contexts.Provider == DatabaseProvider.Sqlite && db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        // On PostgreSQL a batch is three round trips: what it must know first (the matters' ids, the audit chain's head),
        // then all its rows, audit lines linked among them, then the commit. Nine round trips a batch were five, then three.
        var held = db.Held = new HeldStatements();
        try
        {
            await using (var insertMatter = RawInserter<Matter>.Create(db))
            {
                insertMatter.DrawAhead(matters);
                if (readAhead)
                {
                    AuditChain.ReadAhead(db);
                }
                await held.ReadAsync(db, CancellationToken.None);
                await insertMatter.InsertAllAsync(matters, CancellationToken.None);
            }
            await NextNotices.AddAsync(db, matters, CancellationToken.None);
            foreach (var m in matters)
            {
                foreach (var e in m.Events)
                {
                    e.MatterId = m.Id;
                }
                foreach (var n in m.Outbox)
                {
                    n.SubjectId = m.Id;
                    n.Link = n.Channel == NotificationChannel.InApp ? $"/matters/{m.Id}" : null;
                }
                db.Audit("create", nameof(Matter), m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, m.ActedBy);
            }
            await using (var insertEvent = RawInserter<MatterEvent>.Create(db))
            {
                await insertEvent.InsertAllAsync([.. matters.SelectMany(m => m.Events)], CancellationToken.None, keys: false);
            }
            await using (var insertNotification = RawInserter<Notification>.Create(db))
            {
                await insertNotification.InsertAllAsync([.. matters.SelectMany(m => m.Outbox)], CancellationToken.None, keys: false);
            }
            await MatterRollups.AddAsync(db, matters, CancellationToken.None);
            // The audit lines, held too.
            await db.SaveChangesAsync();
        }
        finally
        {
            db.Held = null;
        }
        await held.SendAsync(db, CancellationToken.None);
        await transaction.CommitAsync();
        // The context writes the next batch: nothing of this one stays with it.
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// A writer's context. A batch writes its audit lines linked, in its own transaction, after any lines waiting: left
    /// to the linker, every line would be written twice — on SQLite a second transaction a batch would take the file's
    /// lock between this writer's batches, each waiting in SQLite's busy sleeps for the other; on PostgreSQL each line
    /// would be a row written and then a new version of it, a dead row for the vacuum (docs/scale.md, the ninth stop of
    /// 6 December). The lines commit in the order they are linked: on SQLite the file has one writer, on
    /// PostgreSQL the chain's advisory lock is held to the commit. Only when no linker is at work (another writer
    /// between its linking and its commit, the linker, another instance: it links them after this commit); a failure
    /// leaves them to it, as any save's lines are.
    /// </summary>
    private HuyingDbContext Context()
    {
        var db = contexts.Create(DataScope.System);
        if (contexts.Provider == DatabaseProvider.Sqlite)
        {
            // Its connection stays open (SaveAsync): its inserts stay prepared on it too.
            db.KeepStatements();
        }
        AuditChain.LinkOwnLines(db, log);
        return db;
    }
}
