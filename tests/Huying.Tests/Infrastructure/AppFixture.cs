using System.Collections.Concurrent;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Infrastructure;

/// <summary>One seeded app and database per test collection; tokens are cached per demo account.</summary>
public abstract class AppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string> tokens = new();
    private HuyingFactory? factory;

    public HuyingFactory Factory => factory ?? throw new InvalidOperationException("not started");
    public DatabaseProvider Provider => provider;

    public async Task InitializeAsync()
    {
        factory = await HuyingFactory.CreateAsync(provider);
        _ = factory.Server;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<HttpClient> As(string userName)
    {
        var client = Anonymous();
        if (!tokens.TryGetValue(userName, out var token))
        {
            token = await client.TokenAsync(userName);
            tokens[userName] = token;
        }
        return client.WithBearer(token);
    }

    /// <summary>Drops a cached token (its user signed out), so the next <see cref="As"/> signs in again.</summary>
    public void ForgetToken(string userName) => tokens.Remove(userName, out _);

    /// <summary>A context that sees everything, for arranging and checking the database directly.</summary>
    public HuyingDbContext Database() =>
        Factory.Services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System);

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>A new account with the demo password, for a test that needs a user the demo does not have.</summary>
    public async Task<HttpClient> NewAccountAsync(string userName, string role, string divisions = "", long? person = null, long? unit = null)
    {
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Huying.Platform.Accounts.AppUser>>();
            var user = new Huying.Platform.Accounts.AppUser
            {
                UserName = userName, DisplayName = userName, ScopeDivisions = divisions, PersonId = person, PartnerUnitId = unit, LockoutEnabled = true,
            };
            var created = await users.CreateAsync(user, ClientExtensions.Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
        return await As(userName);
    }
}

public sealed class SqliteApp() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : AppFixture(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "postgres";
}

/// <summary>A database of its own for tests that move the clock (sweeps, the outbox): what they do to every row
/// stays out of the shared collections.</summary>
public sealed class SqliteClockApp() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresClockApp() : AppFixture(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteClockCollection : ICollectionFixture<SqliteClockApp>
{
    public const string Name = "sqlite-clock";
}

[CollectionDefinition(Name)]
public sealed class PostgresClockCollection : ICollectionFixture<PostgresClockApp>
{
    public const string Name = "postgres-clock";
}

/// <summary>A database of its own for the authorization matrix, whose probes add rows as they go.</summary>
public sealed class SqliteMatrixApp() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresMatrixApp() : AppFixture(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteMatrixCollection : ICollectionFixture<SqliteMatrixApp>
{
    public const string Name = "sqlite-matrix";
}

[CollectionDefinition(Name)]
public sealed class PostgresMatrixCollection : ICollectionFixture<PostgresMatrixApp>
{
    public const string Name = "postgres-matrix";
}
