using System.Globalization;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Microsoft.AspNetCore.Identity;

namespace Huying.Platform.Demo;

public sealed record DemoAccount(string UserName, string Role, string Description);

/// <summary>What a module's demo part works with: the context (unaudited while seeding), the clock, the
/// personal-data protector, and demo accounts. Parts run in module order, so a later part finds the earlier ones' rows.</summary>
public sealed class DemoContext(HuyingDbContext db, PersonalData personal, UserManager<AppUser> users, Files.FileStore files, TimeProvider clock,
    IServiceProvider services)
{
    public const string Password = "Huying@2026";

    private readonly List<DemoAccount> accounts = [];
    private string? passwordHash;

    public HuyingDbContext Db => db;
    public PersonalData Personal => personal;
    public TimeProvider Clock => clock;
    public Files.FileStore Files => files;

    /// <summary>The application's services, for a part that needs a singleton of another module (names, catalogues).</summary>
    public IServiceProvider Services => services;
    public IReadOnlyList<DemoAccount> Accounts => accounts;

    /// <summary>Lines for the seed's one audit summary.</summary>
    public List<string> Summary { get; } = [];

    /// <summary>A demo account with the shared password, its role and its scope.</summary>
    public async Task<AppUser> AddAccountAsync(DemoAccount account, string displayName, string divisions = "", string grids = "",
        long? unit = null, long? person = null)
    {
        passwordHash ??= new PasswordHasher<AppUser>().HashPassword(new AppUser(), Password);
        var user = new AppUser
        {
            UserName = account.UserName,
            DisplayName = displayName,
            PasswordHash = passwordHash,
            ScopeDivisions = divisions,
            ScopeGrids = grids,
            PartnerUnitId = unit,
            PersonId = person,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, account.Role);
        accounts.Add(account);
        return user;
    }

    public static string Ids(IEnumerable<long> ids) => string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
