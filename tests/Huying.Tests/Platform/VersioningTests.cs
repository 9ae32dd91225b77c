using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Platform;

/// <summary>Of two changes to one record made at once, the second is refused: every versioned entity, in the data layer.</summary>
public abstract class VersioningTests(AppFixture app)
{
    private static readonly System.Reflection.MethodInfo Refuses = typeof(VersioningTests).GetMethod(nameof(RefusesAStaleSaveAsync),
        System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    [Fact]
    public async Task EveryVersionedEntityRefusesTheSecondOfTwoSavesMadeFromTheSameReading()
    {
        await using var probe = app.Database();
        var versioned = probe.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)).Select(t => t.ClrType).ToList();
        Assert.Contains(typeof(Huying.Modules.Matters.Matter), versioned);
        Assert.Contains(typeof(Huying.Modules.Organisation.Person), versioned);
        Assert.Contains(typeof(Huying.Modules.Deliberation.Topic), versioned);
        foreach (var type in versioned)
        {
            await (Task)Refuses.MakeGenericMethod(type).Invoke(this, [])!;
        }
    }

    private async Task RefusesAStaleSaveAsync<T>() where T : class, IVersioned
    {
        await using var first = app.Database();
        await using var second = app.Database();
        var row = await first.Set<T>().OrderBy(e => e.Version).FirstOrDefaultAsync();
        Assert.True(row is not null, $"the demo has no {typeof(T).Name} to change");
        var key = first.Entry(row).Metadata.FindPrimaryKey()!.Properties.Single();
        var id = first.Entry(row).Property(key.Name).CurrentValue;
        var stale = await second.Set<T>().SingleAsync(e => EF.Property<object>(e, key.Name).Equals(id));
        var version = row.Version;
        first.Entry(row).State = EntityState.Modified;
        await first.SaveChangesAsync();
        Assert.Equal(version + 1, row.Version);
        second.Entry(stale).State = EntityState.Modified;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class VersioningTestsOnSqlite(SqliteApp app) : VersioningTests(app);

[Collection(PostgresCollection.Name)]
public sealed class VersioningTestsOnPostgres(PostgresApp app) : VersioningTests(app);
