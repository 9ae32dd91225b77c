using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Composition;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Demo;

/// <summary>
/// Seeds the demo of DESIGN.md §8 on an empty database: every module's part in module order (each sees what the
/// earlier ones wrote), unaudited row by row, then one summary line on the audit trail. Deterministic: each part
/// draws from its own seeded random source.
/// </summary>
public static class DemoSeeder
{
    /// <summary>
    /// The demo when asked for (<c>Demo:Enabled</c>, by default in Development only); otherwise, on an empty database,
    /// the first administrator with a one-time password, printed once.
    /// </summary>
    public static async Task SeedIfEnabledAsync(IServiceProvider services, IConfiguration configuration)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Huying.Demo");
        using var scope = services.CreateScope();
        if (!configuration.GetValue("Demo:Enabled", environment.IsDevelopment()))
        {
            if (await FirstAdministratorAsync(scope.ServiceProvider) is { } password)
            {
                // On the console only, never in a log file: whoever started the app reads it once.
                Console.WriteLine($"""

                    Huying: the database was empty, so one administrator was created.
                      user name: admin
                      password:  {password}   (one-time: it must be changed at the first sign-in)

                    """);
            }
            return;
        }
        var accounts = await SeedAsync(scope.ServiceProvider);
        if (accounts is not null)
        {
            log.LogInformation("Seeded the demo. Demo accounts (password {Password}):{Accounts}", DemoContext.Password,
                string.Concat(accounts.Select(a => $"\n  {a.UserName,-18} {a.Role,-18} {a.Description}")));
        }
    }

    /// <summary>On a database without accounts: the administrator "admin" with a random one-time password (returned).</summary>
    public static async Task<string?> FirstAdministratorAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<HuyingDbContext>();
        if (!await IsEmptyWithRolesAsync(services, db, ct))
        {
            return null;
        }
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var admin = new AppUser { UserName = "admin", DisplayName = "系统管理员", MustChangePassword = true };
        var password = OneTimePassword();
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(admin, Roles.Admin);
        db.Audit("create-first-administrator", "Account", admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return password;
    }

    /// <summary>Whether the database has no accounts yet; if so, every role is made sure of.</summary>
    private static async Task<bool> IsEmptyWithRolesAsync(IServiceProvider services, HuyingDbContext db, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return false;
        }
        var roles = services.GetRequiredService<RoleManager<IdentityRole<long>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<long>(role));
            }
        }
        return true;
    }

    /// <summary>Four groups of four from letters and digits that cannot be mistaken for each other, with each kind present.</summary>
    private static string OneTimePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        while (true)
        {
            var chars = System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(all, 16);
            if (chars.Any(upper.Contains) && chars.Any(lower.Contains) && chars.Any(digits.Contains))
            {
                return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
            }
        }
    }

    /// <summary>Null when the database already has accounts: seeding runs only on an empty database.</summary>
    public static async Task<IReadOnlyList<DemoAccount>?> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<HuyingDbContext>();
        if (!await IsEmptyWithRolesAsync(services, db, ct))
        {
            return null;
        }
        var demo = new DemoContext(db, services.GetRequiredService<Privacy.PersonalData>(), services.GetRequiredService<UserManager<AppUser>>(),
            services.GetRequiredService<Files.FileStore>(), services.GetRequiredService<TimeProvider>(), services);
        db.AuditChanges = false;
        foreach (var module in services.GetRequiredService<ModuleList>().All)
        {
            await module.SeedDemoAsync(demo, ct);
            // Thousands of tracked rows would make every later save scan them all.
            db.ChangeTracker.Clear();
        }
        db.AuditChanges = true;
        db.Audit("seed", "Demo", null, string.Join(", ", demo.Summary));
        await db.SaveChangesAsync(ct);
        await Audit.AuditCheckpoints.WriteAsync(db, db.Clock.GetUtcNow().UtcDateTime, ct);
        return demo.Accounts;
    }
}
