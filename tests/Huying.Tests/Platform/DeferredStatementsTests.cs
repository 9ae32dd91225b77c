using Huying.Modules.Matters;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Platform;

public abstract class DeferredStatementsTests(AppFixture app)
{
    private static async Task InsertAsync(HuyingDbContext db, params long[] matters)
    {
        await using var insert = RawInserter<NextNotice>.Create(db);
        await insert.InsertAllAsync([.. matters.Select(m => new NextNotice { MatterId = m })], default);
    }

    private async Task<List<long>> StoredAsync(long from, long to)
    {
        await using var db = app.Database();
        return await db.NextNotices.AsNoTracking().Where(n => n.MatterId >= from && n.MatterId <= to).OrderBy(n => n.MatterId)
            .Select(n => n.MatterId).ToListAsync();
    }

    [Fact]
    public async Task WritesHeldBackUntilTheCommitAreAllSavedByItAndNoneByARollback()
    {
        const long Base = 9_100_000_000;
        await using (var db = app.Database())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.DeferStatements();
            Assert.Equal(app.Provider == DatabaseProvider.Postgres, db.Deferred is not null);
            await InsertAsync(db, Base + 1, Base + 2);
            await InsertAsync(db, Base + 3);
            await transaction.CommitAsync();
        }
        Assert.Equal([Base + 1, Base + 2, Base + 3], await StoredAsync(Base, Base + 99));
        await using (var db = app.Database())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.DeferStatements();
            await InsertAsync(db, Base + 4, Base + 5);
            await transaction.RollbackAsync();
            // The next transaction of the same context holds nothing back unless asked again, and has nothing left over.
            await using var next = await db.Database.BeginTransactionAsync();
            Assert.Null(db.Deferred);
            await InsertAsync(db, Base + 6);
            await next.CommitAsync();
        }
        Assert.Equal([Base + 1, Base + 2, Base + 3, Base + 6], await StoredAsync(Base, Base + 99));
    }

    [Fact]
    public async Task AWriteHeldBackThatFailsFailsTheCommitAndNothingOfTheTransactionIsSaved()
    {
        const long Base = 9_200_000_000;
        await using (var db = app.Database())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await InsertAsync(db, Base + 1);
            await transaction.CommitAsync();
        }
        await using (var db = app.Database())
        {
            // Held back on PostgreSQL (the duplicate fails as the transaction commits), at once on SQLite.
            var failed = await Record.ExceptionAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.DeferStatements();
                await InsertAsync(db, Base + 2, Base + 3);
                await InsertAsync(db, Base + 1, Base + 4);
                await transaction.CommitAsync();
            });
            Assert.True(DbErrors.IsUniqueViolation(failed!), failed?.ToString());
        }
        Assert.Equal([Base + 1], await StoredAsync(Base, Base + 99));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DeferredStatementsTestsOnSqlite(SqliteApp app) : DeferredStatementsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DeferredStatementsTestsOnPostgres(PostgresApp app) : DeferredStatementsTests(app);
