using System.Globalization;
using Huying.Modules.Matters;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Notifications;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Huying.Tests.Platform;

[Collection(SqliteCollection.Name)]
public sealed class RawInserterTests(SqliteApp app)
{
    [Fact]
    public async Task RowsBoundDirectlyOnSqliteAreStoredByteForByteAsMicrosoftDataSqliteStoresThem()
    {
        // A matter with a reporter's phone: the intake writes its text message (a notification) beside it.
        await Huying.Tests.Modules.Matters.MatterCalls.RaiseAsync(app, await app.As("fuqian.staff"), "路灯不亮了，直接写入的对照", phone: "13800138000");
        await using var db = app.Database();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await SameAsync<Matter>(db);
        await SameAsync<MatterEvent>(db);
        await SameAsync<Notification>(db);
        await SameAsync<AuditEntry>(db);
        // The sweeper writes supervisions only once deadlines pass: one as it would write it.
        var overdue = await db.Matters.AsNoTracking().OrderBy(m => m.Id).FirstAsync();
        db.Add(new Supervision
        {
            MatterId = overdue.Id, CommunityCode = overdue.CommunityCode, GridId = overdue.GridId, Kind = SupervisionKind.Escalation,
            DueAt = new DateTime(2026, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc).AddTicks(2345), State = overdue.State,
            Handler = HandlerLevel.Community, AddressedTo = "Street", CreatedAt = new DateTime(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync();
        await SameAsync<Supervision>(db);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task ARowThatBringsItsOwnKeyIsStoredWithThatKeyTheSameBoundDirectlyOrThroughParameters()
    {
        await using var db = app.Database();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var at = new DateTime(2026, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc).AddTicks(2345);
        await using (var viaParameters = RawInserter<NextNotice>.Create(db, direct: false))
        {
            await viaParameters.InsertAllAsync([new NextNotice { MatterId = 9_000_000_001, At = at }, new NextNotice { MatterId = 9_000_000_003 }], default);
        }
        await using (var direct = RawInserter<NextNotice>.Create(db))
        {
            Assert.True(direct.Direct);
            await direct.InsertAllAsync([new NextNotice { MatterId = 9_000_000_002, At = at }, new NextNotice { MatterId = 9_000_000_004 }], default);
            var twice = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => direct.InsertAllAsync([new NextNotice { MatterId = 9_000_000_002 }], default));
            Assert.Equal(19, twice.SqliteErrorCode);
        }
        var stored = await db.Database.SqlQueryRaw<string>("""
            SELECT CAST("MatterId" AS TEXT) || ' ' || typeof("At") || ':' || quote("At") AS "Value" FROM "NextNotices"
            WHERE "MatterId" > 9000000000 ORDER BY "MatterId"
            """).ToListAsync();
        Assert.Equal(["9000000001 text:'2026-03-04 05:06:07.8912345'", "9000000002 text:'2026-03-04 05:06:07.8912345'", "9000000003 null:NULL", "9000000004 null:NULL"], stored);
        Assert.Equal(at, (await db.NextNotices.SingleAsync(n => n.MatterId == 9_000_000_002)).At);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task AConstraintBrokenOnADirectInsertIsTheSameSqliteErrorAndTheNextRowStillGoesIn()
    {
        await using var db = app.Database();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var matter = await db.Matters.AsNoTracking().OrderBy(m => m.Id).FirstAsync();
        await using var insert = RawInserter<Matter>.Create(db);
        Assert.True(insert.Direct);
        var refused = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => insert.InsertAllAsync([matter], default));
        Assert.Equal(19, refused.SqliteErrorCode);
        matter.TrackingCode = "MDIRECT" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        await insert.InsertAllAsync([matter], default);
        Assert.Equal(matter.TrackingCode, await db.Matters.Where(m => m.Id == matter.Id).Select(m => m.TrackingCode).SingleAsync());
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task EachRowInsertedDirectlyGetsItsOwnIdBackEvenWhenATriggerInsertsARowElsewhere()
    {
        await using var db = app.Database();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // A trigger's own insert (into a table of its own, its rowids far from the matters') must not be read back.
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TEMP TABLE "Copied" ("Id" INTEGER PRIMARY KEY, "Code" TEXT);
            INSERT INTO "Copied" ("Id", "Code") VALUES (900000000, 'seed');
            CREATE TEMP TRIGGER "CopyMatter" AFTER INSERT ON "Matters" BEGIN INSERT INTO "Copied" ("Code") VALUES (NEW."TrackingCode"); END;
            """);
        try
        {
            var template = await db.Matters.AsNoTracking().OrderBy(m => m.Id).FirstAsync();
            var copies = new List<Matter>();
            for (var i = 0; i < 3; i++)
            {
                var copy = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == template.Id);
                copy.TrackingCode = $"MROWID{i}" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
                copies.Add(copy);
            }
            await using (var insert = RawInserter<Matter>.Create(db))
            {
                Assert.True(insert.Direct);
                await insert.InsertAllAsync(copies, default);
            }
            Assert.Equal(3, copies.Select(c => c.Id).Distinct().Count());
            Assert.Equal(3, await db.Database.SqlQueryRaw<long>("""SELECT COUNT(*) AS "Value" FROM temp."Copied" WHERE "Code" LIKE 'MROWID%'""").SingleAsync());
            foreach (var copy in copies)
            {
                Assert.True(copy.Id < 900_000_000, $"{copy.Id} is the trigger's row");
                Assert.Equal(copy.TrackingCode, await db.Matters.Where(m => m.Id == copy.Id).Select(m => m.TrackingCode).SingleAsync());
            }
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER temp."CopyMatter"; DROP TABLE temp."Copied";""");
            await transaction.RollbackAsync();
        }
    }

    /// <summary>
    /// Up to 40 rows the demo wrote, each inserted again once through Microsoft.Data.Sqlite's parameters and once
    /// bound directly; every column of the two copies must hold the same value of the same storage class. Columns of
    /// unique indexes are given fresh values (the same kind of value) so the copies can sit beside the original.
    /// </summary>
    [Fact]
    public async Task StatementsKeptByAContextInsertInTransactionAfterTransactionAndAfterARefusedRow()
    {
        await using var db = app.Database();
        db.KeepStatements();
        await db.Database.OpenConnectionAsync();
        var at = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        for (var round = 0; round < 3; round++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using (var insert = RawInserter<NextNotice>.Create(db))
            {
                Assert.True(insert.Direct);
                await insert.InsertAllAsync([new NextNotice { MatterId = 9_100_000_001, At = at.AddDays(round) }], default);
                // The kept statement refuses a row twice like a new one, and the next row still goes in.
                await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => insert.InsertAllAsync([new NextNotice { MatterId = 9_100_000_001 }], default));
                await insert.InsertAllAsync([new NextNotice { MatterId = 9_100_000_002 }], default);
            }
            Assert.Equal([at.AddDays(round), null], await db.NextNotices.Where(n => n.MatterId > 9_100_000_000).OrderBy(n => n.MatterId).Select(n => n.At).ToListAsync());
            await transaction.RollbackAsync();
            if (round == 1)
            {
                // Another connection (the pool's next): the statements are prepared again on it.
                await db.Database.CloseConnectionAsync();
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection());
                await db.Database.OpenConnectionAsync();
            }
        }
        Assert.Equal(0, await db.NextNotices.CountAsync(n => n.MatterId > 9_100_000_000));
    }

    private static async Task SameAsync<T>(HuyingDbContext db) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var rows = await db.Set<T>().AsNoTracking().OrderByDescending(e => EF.Property<long>(e, key.Name)).Take(40).ToListAsync();
        Assert.True(rows.Count > 0, $"no {typeof(T).Name} rows to copy");
        var perturbed = entity.GetIndexes().Where(i => i.IsUnique).Select(i => i.Properties.FirstOrDefault(p => p.IsNullable)
            ?? i.Properties.FirstOrDefault(p => p.ClrType == typeof(string)) ?? i.Properties.First(p => p.ClrType == typeof(DateTime))).ToList();
        await using var viaParameters = RawInserter<T>.Create(db, direct: false);
        await using var direct = RawInserter<T>.Create(db);
        Assert.False(viaParameters.Direct);
        Assert.True(direct.Direct, $"{typeof(T).Name} has a column SqliteDirect does not bind");
        var compared = entity.GetProperties().Where(p => p != key && !perturbed.Contains(p)).ToList();
        var columns = string.Join(" || char(30) || ", compared.Select(p => $"typeof(\"{p.GetColumnName(table)}\") || ':' || quote(\"{p.GetColumnName(table)}\")"));
        var nonNull = new HashSet<string>();
        for (var n = 0; n < rows.Count; n++)
        {
            var row = rows[n];
            var ids = new long[2];
            foreach (var (inserter, copy) in new[] { (viaParameters, 0), (direct, 1) })
            {
                foreach (var property in perturbed)
                {
                    property.PropertyInfo!.SetValue(row, property.IsNullable ? null
                        : property.ClrType == typeof(string) ? $"X{n}{copy}{Guid.NewGuid():N}"[..12]
                        : ((DateTime)property.PropertyInfo.GetValue(row)!).AddSeconds(copy + 1));
                }
                await inserter.InsertAllAsync([row], default);
                ids[copy] = (long)key.PropertyInfo!.GetValue(row)!;
            }
            var stored = new string[2];
            for (var copy = 0; copy < 2; copy++)
            {
#pragma warning disable EF1002 // names from the model, the id a number read back
                stored[copy] = await db.Database.SqlQueryRaw<string>(
                    $"SELECT {columns} AS \"Value\" FROM \"{table.Name}\" WHERE \"{key.GetColumnName(table)}\" = {ids[copy].ToString(CultureInfo.InvariantCulture)}").SingleAsync();
#pragma warning restore EF1002
            }
            Assert.Equal(stored[0], stored[1]);
            foreach (var (property, value) in compared.Zip(stored[0].Split('\u001e')))
            {
                if (!value.StartsWith("null:", StringComparison.Ordinal))
                {
                    nonNull.Add(property.Name);
                }
            }
        }
        // The rows compared must have put each kind of value to the test: text, numbers and times, not only nulls.
        Assert.Contains(compared, p => p.ClrType == typeof(string) && nonNull.Contains(p.Name));
        Assert.Contains(compared, p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(DateTime) && nonNull.Contains(p.Name));
    }
}
