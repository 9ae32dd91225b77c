using Huying.Modules.Matters;
using Huying.Platform.Data;
using Huying.Platform.Notifications;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Platform;

[Collection(PostgresCollection.Name)]
public sealed class RawInserterPostgresTests(PostgresApp app)
{
    [Fact]
    public async Task RowsWrittenAsColumnArraysOnPostgresAreTheRowsWrittenOneByOneEachUnderTheIdItWasGiven()
    {
        // Matters raised: their notifications (in the app, a text message to the reporter) are among the rows copied.
        var staff = await app.As("fuqian.staff");
        await Huying.Tests.Modules.Matters.MatterCalls.RaiseAsync(app, staff, "路灯不亮了，数组写入的对照", phone: "13800138000");
        await Huying.Tests.Modules.Matters.MatterCalls.RaiseAsync(app, staff, "井盖松动了，数组写入的对照", "facilities.manhole");
        await using var db = app.Database();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await SameAsync<MatterEvent>(db, "MatterEvents");
        await SameAsync<Notification>(db, "Notifications");
        // Matters rated and not (a nullable column with a converter, null and not), each copy under a code of its own.
        await SameAsync<Matter>(db, "Matters", db.Matters.Where(m => m.Rating != null), m => m.TrackingCode = Huying.Platform.Web.TrackingCodes.New("C"));

        // Rows that bring their own key: written under it.
        var at = new DateTime(2026, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc).AddTicks(2340);
        await using (var insert = RawInserter<NextNotice>.Create(db))
        {
            await insert.InsertAllAsync([new NextNotice { MatterId = 9_000_000_001, At = at }, new NextNotice { MatterId = 9_000_000_002 }], default);
        }
        Assert.Equal(at, (await db.NextNotices.SingleAsync(n => n.MatterId == 9_000_000_001)).At);
        Assert.Null((await db.NextNotices.SingleAsync(n => n.MatterId == 9_000_000_002)).At);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task WritesHeldByTheContextReachTheDatabaseOnlyWhenSentAndAllTogether()
    {
        await using var db = app.Database();
        await using var transaction = await db.Database.BeginTransactionAsync();
        Task<int> Schedules() => db.NextNotices.CountAsync(n => n.MatterId >= 9_100_000_001 && n.MatterId <= 9_100_000_003);
        var held = db.Held = new HeldStatements();
        await using (var insert = RawInserter<NextNotice>.Create(db))
        {
            // One row too: held, not sent alone.
            await insert.InsertAllAsync([new NextNotice { MatterId = 9_100_000_001 }], default);
            await insert.InsertAllAsync([new NextNotice { MatterId = 9_100_000_002 }, new NextNotice { MatterId = 9_100_000_003 }], default);
        }
        db.Held = null;
        Assert.Equal(2, held.Count);
        Assert.Equal(0, await Schedules());
        await held.SendAsync(db, default);
        Assert.Equal(0, held.Count);
        Assert.Equal(3, await Schedules());
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task AnInserterHoldsWhileItsContextHoldsWhenEverItWasMade()
    {
        await using var db = app.Database();
        await using var transaction = await db.Database.BeginTransactionAsync();
        Task<int> Schedules() => db.NextNotices.CountAsync(n => n.MatterId >= 9_100_000_021 && n.MatterId <= 9_100_000_024);
        // Made before the holding began: holds all the same while it lasts.
        await using var before = RawInserter<NextNotice>.Create(db);
        var held = db.Held = new HeldStatements();
        await using var during = RawInserter<NextNotice>.Create(db);
        await before.InsertAllAsync([new NextNotice { MatterId = 9_100_000_021 }], default);
        await during.InsertAllAsync([new NextNotice { MatterId = 9_100_000_022 }], default);
        Assert.Equal(0, await Schedules());
        db.Held = null;
        await held.SendAsync(db, default);
        Assert.Equal(2, await Schedules());
        // Made during the holding and kept after its list was sent: writes at once, not into the list nobody sends again.
        await during.InsertAllAsync([new NextNotice { MatterId = 9_100_000_023 }, new NextNotice { MatterId = 9_100_000_024 }], default);
        Assert.Equal(0, held.Count);
        Assert.Equal(4, await Schedules());
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task AHeldWriteTheDatabaseRefusesThrowsWhenSentAndNothingHeldWithItIsKept()
    {
        await using (var db = app.Database())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var held = db.Held = new HeldStatements();
            await using (var insert = RawInserter<NextNotice>.Create(db))
            {
                await insert.InsertAllAsync([new NextNotice { MatterId = 9_100_000_011 }], default);
                // The same matter twice: its schedule's key refuses the second.
                await insert.InsertAllAsync([new NextNotice { MatterId = 9_100_000_012 }, new NextNotice { MatterId = 9_100_000_012 }], default);
            }
            db.Held = null;
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => held.SendAsync(db, default));
            Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, refused.SqlState);
        }
        await using var after = app.Database();
        Assert.Equal(0, await after.NextNotices.CountAsync(n => n.MatterId == 9_100_000_011 || n.MatterId == 9_100_000_012));
    }

    /// <summary>
    /// Up to 40 rows copied twice over as column arrays (one statement for the lot) and once row by row: every copy
    /// holds its original's values in every column, under the id it was given.
    /// </summary>
    private static async Task SameAsync<T>(HuyingDbContext db, string table, IQueryable<T>? alsoThese = null, Action<T>? unique = null) where T : class
    {
        async Task<List<T>> Rows()
        {
            List<T> rows = [.. await db.Set<T>().AsNoTracking().OrderByDescending(e => EF.Property<long>(e, "Id")).Take(alsoThese is null ? 40 : 20).ToListAsync()];
            if (alsoThese is not null)
            {
                rows.AddRange(await alsoThese.AsNoTracking().OrderBy(e => EF.Property<long>(e, "Id")).Take(20).ToListAsync());
            }
            rows.ForEach(r => unique?.Invoke(r));
            return rows;
        }
        var originals = await Rows();
        Assert.NotEmpty(originals);
        Assert.True(alsoThese is null || originals.Count > 20, "the rows asked for besides the latest are there");
        List<T> asArrays = [.. await Rows(), .. await Rows()];
        var oneByOne = await Rows();
        await using (var insert = RawInserter<T>.Create(db))
        {
            await insert.InsertAllAsync(asArrays, default);
            foreach (var row in oneByOne)
            {
                await insert.InsertAllAsync([row], default);
            }
        }
        long IdOf(T row) => (long)db.Entry(row).Property("Id").CurrentValue!;
        Assert.Equal(asArrays.Count, asArrays.Select(IdOf).Distinct().Count());
        for (var i = 0; i < asArrays.Count; i++)
        {
            var original = originals[i % originals.Count];
            Assert.NotEqual(IdOf(original), IdOf(asArrays[i]));
            Assert.Equal(await RowAsync(db, table, IdOf(original)), await RowAsync(db, table, IdOf(asArrays[i])));
        }
        for (var i = 0; i < oneByOne.Count; i++)
        {
            Assert.Equal(await RowAsync(db, table, IdOf(originals[i])), await RowAsync(db, table, IdOf(oneByOne[i])));
        }
    }

    /// <summary>Every column of the row but its id, as the server renders it.</summary>
    private static Task<string> RowAsync(HuyingDbContext db, string table, long id) =>
        db.Database.SqlQueryRaw<string>(RowSql[table], new Npgsql.NpgsqlParameter("id", id)).SingleAsync();

    private static readonly Dictionary<string, string> RowSql = new()
    {
        ["MatterEvents"] = """SELECT (to_jsonb(t) - 'Id')::text AS "Value" FROM "MatterEvents" t WHERE t."Id" = @id""",
        ["Notifications"] = """SELECT (to_jsonb(t) - 'Id')::text AS "Value" FROM "Notifications" t WHERE t."Id" = @id""",
        ["Matters"] = """SELECT (to_jsonb(t) - 'Id' - 'TrackingCode')::text AS "Value" FROM "Matters" t WHERE t."Id" = @id""",
    };
}
