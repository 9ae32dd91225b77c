using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Platform;

public abstract class MigrationTests(AppFixture app)
{
    [Fact]
    public async Task TheMigrationsOfThisProviderDescribeTheModelAsItIsNow()
    {
        await using var db = app.Database();
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed since the migration: regenerate Initial (tools/add-migration.sh)");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MigrationTestsOnSqlite(SqliteApp app) : MigrationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MigrationTestsOnPostgres(PostgresApp app) : MigrationTests(app);
