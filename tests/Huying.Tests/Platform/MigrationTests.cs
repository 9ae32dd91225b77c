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

    [Fact]
    public async Task EveryTextColumnHasAMaximumLengthSoNoInputIsKeptUnbounded()
    {
        await using var db = app.Database();
        var unbounded = db.Model.GetEntityTypes()
            .SelectMany(t => t.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is null).Select(p => $"{t.ClrType.Name}.{p.Name}"))
            .Where(name => !name.StartsWith("Identity", StringComparison.Ordinal) && !name.StartsWith("AppUser.", StringComparison.Ordinal)
                && !name.StartsWith("DataProtectionKey.", StringComparison.Ordinal))
            .Order().ToList();
        Assert.True(unbounded.Count == 0, "Text columns without a maximum length:\n" + string.Join("\n", unbounded));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MigrationTestsOnSqlite(SqliteApp app) : MigrationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MigrationTestsOnPostgres(PostgresApp app) : MigrationTests(app);
