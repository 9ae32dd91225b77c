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
    public static async Task SeedIfEnabledAsync(IServiceProvider services, IConfiguration configuration)
    {
        var contexts = services.GetRequiredService<HuyingContextFactory>();
        var enabled = configuration.GetValue("Demo:Enabled", contexts.Provider == DatabaseProvider.Sqlite);
        if (!enabled)
        {
            return;
        }
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Huying.Demo");
        using var scope = services.CreateScope();
        var accounts = await SeedAsync(scope.ServiceProvider);
        if (accounts is not null)
        {
            log.LogInformation("Seeded the demo. Demo accounts (password {Password}):{Accounts}", DemoContext.Password,
                string.Concat(accounts.Select(a => $"\n  {a.UserName,-18} {a.Role,-18} {a.Description}")));
        }
    }

    /// <summary>Null when the database already has accounts: seeding runs only on an empty database.</summary>
    public static async Task<IReadOnlyList<DemoAccount>?> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<HuyingDbContext>();
        if (await db.Users.AnyAsync(ct))
        {
            return null;
        }
        var roles = services.GetRequiredService<RoleManager<IdentityRole<long>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<long>(role));
            }
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
