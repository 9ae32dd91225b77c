using Huying.Modules.Matters;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Platform;

public abstract class CounterUpsertTests(AppFixture app)
{
    private static readonly CounterUpsert Rollups = new("MatterRollups", ["Period", "CommunityCode", "GridId", "UnitId", "CategoryCode"],
        ["Submitted", "Accepted", "AcceptedOnTime", "Resolved", "ResolvedOnTime", "HandlingMinutes", "Rated", "Satisfied", "Reworked", "Extended"]);

    private static object?[] Row(int period, string category, int submitted, long minutes) =>
        [period, "140000000000", 0L, 0L, category, submitted, 1, 0, 0, 0, minutes, 0, 0, 0, 0];

    [Fact]
    public async Task CountersUpsertedTogetherAddToTheRowsThereAndMakeTheRowsNotYetThere()
    {
        await using var db = app.Database();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await Rollups.ApplyAsync(db, [Row(999_901, "upsert-a", 2, 30)], default);
        // Several rows at once (one statement of arrays on PostgreSQL): one already there, two new, negative counts too.
        await Rollups.ApplyAsync(db, [Row(999_901, "upsert-a", 3, 45), Row(999_901, "upsert-b", 1, 5), Row(999_902, "upsert-a", -1, -2)], default);
        var rows = await db.MatterRollups.AsNoTracking().Where(r => r.Period >= 999_901 && r.Period <= 999_902)
            .OrderBy(r => r.Period).ThenBy(r => r.CategoryCode).Select(r => $"{r.Period} {r.CategoryCode} {r.Submitted} {r.Accepted} {r.HandlingMinutes}")
            .ToListAsync();
        Assert.Equal(["999901 upsert-a 5 2 75", "999901 upsert-b 1 1 5", "999902 upsert-a -1 1 -2"], rows);
        await Assert.ThrowsAsync<ArgumentException>(() => Rollups.ApplyAsync(db, [[999_903, "140000000000"]], default));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task TwoTransactionsUpsertingTheSameRowsGivenInOppositeOrdersBothCommit()
    {
        object?[] x = Row(999_911, "order-x", 1, 0), y = Row(999_911, "order-y", 1, 0);
        await using (var db = app.Database())
        {
            await Rollups.ApplyAsync(db, [x, y], default);
        }
        try
        {
            await using var first = app.Database();
            await using (var transaction = await first.Database.BeginTransactionAsync())
            {
                await Rollups.ApplyAsync(first, [x], default);
                // The second asks for y then x: taken in that order it would hold y and wait for x, which the first holds
                // while it waits for y (PostgreSQL's deadlock); taken in the keys' order it waits for x holding nothing.
                var second = Task.Run(async () =>
                {
                    await using var db = app.Database();
                    await using var other = await db.Database.BeginTransactionAsync();
                    await Rollups.ApplyAsync(db, [y, x], default);
                    await other.CommitAsync();
                });
                await Task.WhenAny(second, Task.Delay(500));
                await Rollups.ApplyAsync(first, [y], default);
                await transaction.CommitAsync();
                await second;
            }
            await using var check = app.Database();
            Assert.Equal([3, 3], await check.MatterRollups.AsNoTracking().Where(r => r.Period == 999_911).OrderBy(r => r.CategoryCode)
                .Select(r => r.Submitted).ToListAsync());
        }
        finally
        {
            await using var db = app.Database();
            await db.MatterRollups.Where(r => r.Period == 999_911).ExecuteDeleteAsync();
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CounterUpsertTestsOnSqlite(SqliteApp app) : CounterUpsertTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CounterUpsertTestsOnPostgres(PostgresApp app) : CounterUpsertTests(app);
