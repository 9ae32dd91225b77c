using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Platform.Audit;
using Huying.Platform.Cli;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Platform;

public abstract class AuditTests(AppFixture app)
{
    [Fact]
    public async Task TheChainVerifiesAndAForgedLineIsDetectedByVerifyAudit()
    {
        await using var db = app.Database();
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
        Assert.Equal(0, await Commands.RunAsync(app.Factory.Services, ["verify-audit"]));

        var victim = await db.AuditEntries.Where(a => a.Sequence != null).OrderBy(a => a.Sequence).FirstAsync();
        var original = victim.Details;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"AuditEntries\" SET \"Details\" = {"forged"} WHERE \"Sequence\" = {victim.Sequence}");
        try
        {
            var result = await AuditVerifier.VerifyAsync(db);
            Assert.False(result.Intact);
            Assert.Equal(victim.Sequence, result.BrokenAt);
            Assert.Equal(1, await Commands.RunAsync(app.Factory.Services, ["verify-audit"]));
        }
        finally
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE \"AuditEntries\" SET \"Details\" = {original} WHERE \"Sequence\" = {victim.Sequence}");
        }
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task ALineWithAnEditedTimeIsABrokenChainAtThatLineInTheCommandThePageAndTheApiNeverACrash()
    {
        await using var db = app.Database();
        await AuditChain.LinkAsync(db, wait: true, default);
        var victim = await db.AuditEntries.Where(a => a.Sequence != null).OrderBy(a => a.Sequence).Skip(1).Select(a => new { a.Sequence, a.At }).FirstAsync();
        // SQLite keeps whatever text it is given, so the time is made unreadable; PostgreSQL's column only holds
        // times, so there the time is moved by a second, which the hash must notice all the same.
        var edit = app.Provider == DatabaseProvider.Sqlite
            ? $"UPDATE \"AuditEntries\" SET \"At\" = 'not a time' WHERE \"Sequence\" = {victim.Sequence}"
            : $"UPDATE \"AuditEntries\" SET \"At\" = \"At\" + interval '1 second' WHERE \"Sequence\" = {victim.Sequence}";
#pragma warning disable EF1002 // the statement is built from a number read above, not from input
        await db.Database.ExecuteSqlRawAsync(edit);
#pragma warning restore EF1002
        try
        {
            var result = await AuditVerifier.VerifyAsync(db);
            Assert.Equal(victim.Sequence, result.BrokenAt);
            Assert.Equal(1, await Commands.RunAsync(app.Factory.Services, ["verify-audit"]));

            var admin = await app.As("admin");
            var page = await admin.GetAsync("/admin/audit");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains($"哈希链在第 {victim.Sequence} 条断开", html);
            var verify = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
            Assert.Equal(victim.Sequence, verify.GetProperty("brokenAt").GetInt64());
            var first = await admin.GetFromJsonAsync<JsonElement>("/api/audit");
            var lines = await db.AuditEntries.CountAsync();
            var pageOfVictim = (lines - victim.Sequence!.Value) / first.GetProperty("pageSize").GetInt32() + 1;
            var list = await admin.GetAsync($"/api/audit?page={pageOfVictim}");
            // An unreadable line cannot be listed and says so; a readable edited one is listed as it now stands.
            Assert.Equal(app.Provider == DatabaseProvider.Sqlite ? HttpStatusCode.Conflict : HttpStatusCode.OK, list.StatusCode);
        }
        finally
        {
            await using var restore = app.Database();
            await restore.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE \"AuditEntries\" SET \"At\" = {victim.At} WHERE \"Sequence\" = {victim.Sequence}");
        }
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task ADeletedLineBreaksTheChain()
    {
        await using var db = app.Database();
        await AuditChain.LinkAsync(db, wait: true, default);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var last = await db.AuditEntries.Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence).FirstAsync();
        var middle = last.Sequence!.Value / 2;
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {middle}");
        var result = await AuditVerifier.VerifyAsync(db);
        await transaction.RollbackAsync();
        Assert.Equal(middle, result.BrokenAt);
    }

    [Fact]
    public async Task ALineRehashedWithoutTheKeyIsDetected()
    {
        await using var db = app.Database();
        await AuditChain.LinkAsync(db, wait: true, default);
        var victim = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence).FirstAsync();
        // Seal and link rehashed as plain SHA-256 of the same fields, which anyone who can read the source and write
        // the database could recompute: without the key neither holds.
        static string Sha(params string[] parts) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var seal = Sha("line", victim.At.ToString("yyyy-MM-ddTHH:mm:ss.fff", invariant), victim.UserId?.ToString(invariant) ?? "",
            victim.UserName, victim.Action, victim.EntityType, victim.EntityId ?? "", "forged", victim.Address ?? "");
        var forged = Sha("link", victim.Sequence!.Value.ToString(invariant), seal, victim.PreviousHash!);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"AuditEntries\" SET \"Details\" = {"forged"}, \"Seal\" = {seal}, \"Hash\" = {forged} WHERE \"Sequence\" = {victim.Sequence}");
        var result = await AuditVerifier.VerifyAsync(db);
        await transaction.RollbackAsync();
        Assert.Equal(victim.Sequence, result.BrokenAt);
        Assert.Equal("its content does not match its hash", result.Reason);
    }

    [Fact]
    public async Task LinesRemovedFromTheEndAreDetectedByTheCheckpointOutsideTheDatabase()
    {
        await using var db = app.Database();
        // Verifying an intact chain records its head outside the database.
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
        var last = await db.AuditEntries.MaxAsync(a => a.Sequence);
        var chain = app.Factory.Services.GetRequiredService<ChainKey>();
        var first = await db.AuditEntries.Where(a => a.Sequence == 1).Select(a => a.Hash).SingleAsync();
        Assert.Equal(last, AuditCheckpoints.Last(chain, first)!.Sequence);

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" >= {last - 2}");
        var result = await AuditVerifier.VerifyAsync(db);
        Assert.Equal(last - 2, result.BrokenAt);
        Assert.Equal("lines from here on were removed: a checkpoint outside the database saw more", result.Reason);

        // The whole trail emptied is no better.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"");
        Assert.Equal(1, (await AuditVerifier.VerifyAsync(db)).BrokenAt);
        await transaction.RollbackAsync();
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task ACheckpointLineForgedWithoutTheKeyIsPassedOver()
    {
        var chain = app.Factory.Services.GetRequiredService<ChainKey>();
        await using var db = app.Database();
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
        var first = await db.AuditEntries.Where(a => a.Sequence == 1).Select(a => a.Hash).SingleAsync();
        var before = AuditCheckpoints.Last(chain, first);
        await File.AppendAllTextAsync(chain.CheckpointFile, $"999999999 {new string('0', 64)} 2026-01-01T00:00:00.0000000Z {first} {new string('f', 64)}\n");
        Assert.Equal(before, AuditCheckpoints.Last(chain, first));
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task SavesAtOnceDoNotWaitForTheChainAndEveryCommittedLineIsLinkedOnceWithoutGaps()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var writer = app.Database();
            writer.Audit("test-at-once", "Probe", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await writer.SaveChangesAsync();
        }));
        await using var db = app.Database();
        var result = await AuditVerifier.VerifyAsync(db);
        Assert.True(result.Intact, result.Reason);
        var sequences = await db.AuditEntries.Where(a => a.Action == "test-at-once").Select(a => a.Sequence).ToListAsync();
        Assert.Equal(40, sequences.Count);
        Assert.All(sequences, s => Assert.NotNull(s));
        Assert.Equal(40, sequences.Distinct().Count());
        // Gap-free: the chain's head is its length.
        Assert.Equal(await db.AuditEntries.CountAsync(a => a.Sequence != null), await db.AuditEntries.MaxAsync(a => a.Sequence));
        Assert.Equal(result.Checked, await db.AuditEntries.MaxAsync(a => a.Sequence));
    }

    [Fact]
    public async Task AWriterInsideItsOwnTransactionAndOthersSavingMeanwhileAllSaveAndNoneFails()
    {
        await using var inside = app.Database();
        // A transaction left without a commit (an exception on the way) holds nobody up afterwards.
        await using (await inside.Database.BeginTransactionAsync())
        {
        }
        await using (var transaction = await inside.Database.BeginTransactionAsync())
        {
            // Others save while this transaction is open: on SQLite they wait for its end (the file has one writer);
            // it used to take the file first and wait for them, and one of them failed when SQLite's wait ran out.
            var others = Enumerable.Range(0, 4).Select(async i =>
            {
                await using var writer = app.Database();
                writer.Audit("test-beside", "Probe", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await writer.SaveChangesAsync();
            }).ToList();
            await Task.Delay(200);
            inside.Audit("test-inside", "Probe", "1");
            await inside.SaveChangesAsync();
            await transaction.CommitAsync();
            await Task.WhenAll(others);
        }
        await using var db = app.Database();
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.Action == "test-beside"));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "test-inside"));
    }

    [Fact]
    public async Task ALineEditedBeforeItIsLinkedIsCaughtByItsSeal()
    {
        await using var db = app.Database();
        db.Audit("test-seal", "Probe", "1", "as written");
        await db.SaveChangesAsync();
        // The test host runs no background linker: the line waits unlinked until something links it.
        var id = await db.AuditEntries.Where(a => a.Action == "test-seal").Select(a => a.Id).SingleAsync();
        Assert.Null(await db.AuditEntries.Where(a => a.Id == id).Select(a => a.Sequence).SingleAsync());
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"AuditEntries\" SET \"Details\" = {"edited"} WHERE \"Id\" = {id}");
            var result = await AuditVerifier.VerifyAsync(db);
            var linkedAt = await db.AuditEntries.Where(a => a.Id == id).Select(a => a.Sequence).SingleAsync();
            Assert.NotNull(linkedAt);
            Assert.Equal(linkedAt, result.BrokenAt);
            await transaction.RollbackAsync();
        }
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task TheBackgroundLinkerLinksACommittedLineWhileItRunsAndStopsWhenTheAppStops()
    {
        // Woken by the commit (or, should another test database's linker have taken the wake — the wake is the
        // process's — by its one-second pause), it gathers 25 ms and links.
        var settings = new Dictionary<string, string?> { ["Audit:LinkSeconds"] = "1", ["Audit:LinkGatherMilliseconds"] = "25" };
        var linker = new AuditLinker(app.Factory.Services.GetRequiredService<HuyingContextFactory>(),
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditLinker>.Instance);
        await linker.StartAsync(CancellationToken.None);
        try
        {
            await using var db = app.Database();
            db.Audit("test-gather", "Probe", "2", "woken");
            await db.SaveChangesAsync();
            var id = await db.AuditEntries.Where(a => a.Action == "test-gather").Select(a => a.Id).SingleAsync();
            long? sequence = null;
            for (var i = 0; i < 200 && sequence is null; i++)
            {
                await Task.Delay(50);
                sequence = await db.AuditEntries.AsNoTracking().Where(a => a.Id == id).Select(a => a.Sequence).SingleAsync();
            }
            Assert.NotNull(sequence);
            Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
        }
        finally
        {
            await linker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task OnlyTheAdminReadsTheTrailAndItsLinesAreFilterable()
    {
        var admin = await app.As("admin");
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=seed");
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal("seed", page.GetProperty("items")[0].GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("county")).GetAsync("/api/audit")).StatusCode);
        var html = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("哈希链完整", html);
    }

    [Fact]
    public async Task IntakesRaisedAtOnceLinkTheirLinesWithoutAForkAndTheChainStaysGapFree()
    {
        // Several batches at once (two intake writers in the PostgreSQL tests): each links ahead only while it holds the
        // chain; what one left waiting, the next links.
        var staff = await app.As("fuqian.staff");
        var raised = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Huying.Tests.Modules.Matters.MatterCalls.RaiseAsync(app, staff, $"同时提交的第{i}件，楼下积水")));
        await using var db = app.Database();
        await AuditChain.LinkAsync(db, wait: true, default);
        var result = await AuditVerifier.VerifyAsync(db);
        Assert.True(result.Intact, result.Reason);
        var names = raised.Select(r => Huying.Tests.Modules.Matters.MatterCalls.Id(r).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var sequences = await db.AuditEntries.Where(a => a.Action == "create" && a.EntityType == "Matter" && names.Contains(a.EntityId!))
            .Select(a => a.Sequence).ToListAsync();
        Assert.Equal(40, sequences.Count);
        Assert.Equal(40, sequences.Distinct().Count());
        Assert.All(sequences, s => Assert.NotNull(s));
        Assert.Equal(await db.AuditEntries.CountAsync(a => a.Sequence != null), await db.AuditEntries.MaxAsync(a => a.Sequence));
    }

    [Fact]
    public async Task AnIntakeBatchLinksItsAuditLinesInItsOwnTransactionSoTheyAreLinkedWhenThe201Comes()
    {
        // No background linker runs in the tests: only the intake's own transaction can have linked this line.
        var id = await RaiseAsync("井盖松动了，夜里有人绊倒");
        await using var db = app.Database();
        Assert.NotNull(await CreationOf(db, id).Select(a => a.Sequence).SingleAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Sequence == null && a.EntityId == id));
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task AnIntakeBatchLinksTheLinesWaitingBeforeItWritesItsOwnLinkedAfterThem()
    {
        await using var db = app.Database();
        await WaitingLineAsync(db, "test-waiting");
        var id = await RaiseAsync("楼道灯坏了一个星期了");
        var waiting = await db.AuditEntries.Where(a => a.Action == "test-waiting").Select(a => new { a.Id, a.Sequence }).SingleAsync();
        var own = await CreationOf(db, id).Select(a => new { a.Id, a.Sequence }).SingleAsync();
        Assert.NotNull(waiting.Sequence);
        Assert.True(own.Id > waiting.Id);
        Assert.True(own.Sequence > waiting.Sequence);
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Sequence == null));
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task AnIntakeAfterMoreWaitingLinesThanOnePassLinksIsSavedAndTheChainStaysWhole()
    {
        await using var db = app.Database();
        // 1,200 lines committed unlinked, more than one pass of the linker takes: the intake's transaction links them all
        // ahead of its own (SQLite) or leaves them, and its own line after them, to the linker (PostgreSQL).
        for (var i = 0; i < 1200; i++)
        {
            db.Audit("test-many-waiting", "Probe", null, "committed before the intake");
        }
        await db.SaveChangesAsync();
        var id = await RaiseAsync("路口的井盖不见了，很危险");
        await AuditChain.LinkAsync(db, wait: false, default);
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Sequence == null));
        var own = await CreationOf(db, id).Select(a => a.Sequence).SingleAsync();
        Assert.True(own > await db.AuditEntries.Where(a => a.Action == "test-many-waiting").MaxAsync(a => a.Sequence));
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task AnIntakeWhoseLinkingFailsIsSavedAllTheSameItsLineLeftForTheLinker()
    {
        await using var db = app.Database();
        await WaitingLineAsync(db, "test-unlinkable");
        // Linking the waiting line (an UPDATE) is refused; writing the intake's own rows is not. On PostgreSQL the refused
        // statement would abort the intake's whole transaction but for the savepoint around the linking.
        var postgres = db.Database.IsNpgsql();
        await db.Database.ExecuteSqlRawAsync(postgres
            ? """
              CREATE FUNCTION test_refuse_link() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
              CREATE TRIGGER test_refuse_link BEFORE UPDATE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION test_refuse_link();
              """
            : """CREATE TRIGGER test_refuse_link BEFORE UPDATE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;""");
        string id;
        try
        {
            id = await RaiseAsync("小区门口的路灯不亮了");
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(postgres
                ? """DROP TRIGGER test_refuse_link ON "AuditEntries"; DROP FUNCTION test_refuse_link();"""
                : "DROP TRIGGER test_refuse_link");
        }
        Assert.Null(await CreationOf(db, id).Select(a => a.Sequence).SingleAsync());
        Assert.True(await AuditChain.LinkAsync(db, wait: false, default) >= 2);
        Assert.NotNull(await CreationOf(db, id).Select(a => a.Sequence).SingleAsync());
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }

    /// <summary>A matter raised by the community's staff; the id its audit line names.</summary>
    protected async Task<string> RaiseAsync(string description) =>
        Huying.Tests.Modules.Matters.MatterCalls.Id(await Huying.Tests.Modules.Matters.MatterCalls.RaiseAsync(app, await app.As("fuqian.staff"), description))
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A line saved and committed, waiting for a linker (the test host runs none).</summary>
    private static async Task WaitingLineAsync(HuyingDbContext db, string action)
    {
        db.Audit(action, "Probe", null, "committed before the intake");
        await db.SaveChangesAsync();
        Assert.Null(await db.AuditEntries.Where(a => a.Action == action).Select(a => a.Sequence).SingleAsync());
    }

    protected static IQueryable<AuditEntry> CreationOf(HuyingDbContext db, string id) =>
        db.AuditEntries.Where(a => a.Action == "create" && a.EntityType == "Matter" && a.EntityId == id);
}

[Collection(SqliteCollection.Name)]
public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests(app)
{
    [Fact]
    public async Task ALinkerOfAnotherInstanceAtWorkIsLeftToItAndNothingForks()
    {
        await using var db = app.Database();
        db.Audit("test-other-linker", "Probe", null);
        await db.SaveChangesAsync();
        // Another instance's linker holds the chain (the same advisory lock, from its own connection).
        await using var other = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await other.OpenAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        await new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(72700001)", other, otherTransaction).ExecuteNonQueryAsync();
        Assert.Equal(0, await AuditChain.LinkAsync(db, wait: false, default));
        Assert.Null(await db.AuditEntries.Where(a => a.Action == "test-other-linker").Select(a => a.Sequence).SingleAsync());
        await otherTransaction.CommitAsync();
        Assert.True(await AuditChain.LinkAsync(db, wait: false, default) >= 1);
        Assert.NotNull(await db.AuditEntries.Where(a => a.Action == "test-other-linker").Select(a => a.Sequence).SingleAsync());
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task AnIntakeWhileAnotherInstanceHoldsTheChainIsSavedItsLineLeftForThatLinker()
    {
        await using var db = app.Database();
        await using var other = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await other.OpenAsync();
        string id;
        await using (var otherTransaction = await other.BeginTransactionAsync())
        {
            await new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(72700001)", other, otherTransaction).ExecuteNonQueryAsync();
            id = await RaiseAsync("健身器材松动了，有人受伤");
            Assert.Null(await CreationOf(db, id).Select(a => a.Sequence).SingleAsync());
            await otherTransaction.CommitAsync();
        }
        Assert.True(await AuditChain.LinkAsync(db, wait: false, default) >= 1);
        Assert.NotNull(await CreationOf(db, id).Select(a => a.Sequence).SingleAsync());
        Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
    }
}
