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

    [Fact]
    public async Task EverySetPropertyOfANewContextReadsItsTableThoughNoSetIsFilledAtTheStart()
    {
        await using var db = app.Database();
        var sets = db.GetType().GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>)).ToList();
        Assert.Contains(sets, p => p.Name == "Users");
        foreach (var property in sets)
        {
            var set = property.GetValue(db);
            Assert.True(set is not null, $"{property.Name} is null on a new context");
            if (db.Model.FindEntityType(property.PropertyType.GetGenericArguments()[0]) is null)
            {
                // Identity's passkeys: a set of the base class, not in this schema.
                continue;
            }
            // A set that reads its own entity's table answers a count.
            var count = typeof(EntityFrameworkQueryableExtensions).GetMethods()
                .Single(m => m.Name == nameof(EntityFrameworkQueryableExtensions.CountAsync) && m.GetParameters().Length == 2)
                .MakeGenericMethod(property.PropertyType.GetGenericArguments()[0]);
            Assert.True(await (Task<int>)count.Invoke(null, [set, CancellationToken.None])! >= 0);
        }
        Assert.True(await db.Users.CountAsync() > 0);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MigrationTestsOnSqlite(SqliteApp app) : MigrationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MigrationTestsOnPostgres(PostgresApp app) : MigrationTests(app);
