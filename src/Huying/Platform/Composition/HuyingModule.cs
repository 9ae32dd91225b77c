using Huying.Platform.Data;

namespace Huying.Platform.Composition;

/// <summary>
/// A module's one entry into the platform: its services and policies, the scope filters of its entities, the work
/// it does inside every save, its endpoints, the reference data every installation needs and its part of the demo.
/// The platform calls these for every module listed in Program.cs and never names a module itself.
/// </summary>
public abstract class HuyingModule
{
    /// <summary>Services, policies, background work, navigation and file owners.</summary>
    public virtual void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>The query filters of the module's scoped entities (scope lives in the data layer).</summary>
    public virtual void AddFilters(ScopeFilters filters)
    {
    }

    /// <summary>Work done inside every save, in its transaction (tallies, rollups).</summary>
    public virtual IEnumerable<ISaveHook> SaveHooks => [];

    /// <summary>The module's JSON endpoints and other non-page routes.</summary>
    public virtual void Map(IEndpointRouteBuilder app)
    {
    }

    /// <summary>Razor Page folders (under the module's Pages) that anonymous visitors may open.</summary>
    public virtual IEnumerable<string> PublicPageFolders => [];

    /// <summary>Extra page conventions (a second route for a page …).</summary>
    public virtual void ConfigurePages(Microsoft.AspNetCore.Mvc.ApplicationModels.PageConventionCollection conventions)
    {
    }

    /// <summary>Reference data every installation starts with (a category catalogue …); runs after each migration.</summary>
    public virtual Task EnsureDefaultsAsync(HuyingDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The module's part of the demo, seeded in module order on an empty database.</summary>
    public virtual Task SeedDemoAsync(Demo.DemoContext demo, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Command-line commands the module offers (`dotnet run -- name`).</summary>
    public virtual IEnumerable<Cli.Command> Commands => [];
}

/// <summary>The modules of this app, in the order Program.cs lists them.</summary>
public sealed class ModuleList(IReadOnlyList<HuyingModule> modules)
{
    public IReadOnlyList<HuyingModule> All => modules;

    /// <summary>A key that tells two module sets apart (EF caches one model per key).</summary>
    public string Key { get; } = string.Join(",", modules.Select(m => m.GetType().FullName));

    public IReadOnlyList<ISaveHook> SaveHooks { get; } = [.. modules.SelectMany(m => m.SaveHooks)];
}

public static class ModuleSetup
{
    /// <summary>Registers the modules and lets each add its services.</summary>
    public static ModuleList AddModules(this WebApplicationBuilder builder, params HuyingModule[] modules)
    {
        var list = new ModuleList(modules);
        builder.Services.AddSingleton(list);
        foreach (var module in modules)
        {
            module.AddServices(builder.Services, builder.Configuration);
        }
        return list;
    }

    /// <summary>Maps every module's endpoints.</summary>
    public static void MapModules(this IEndpointRouteBuilder app)
    {
        foreach (var module in app.ServiceProvider.GetRequiredService<ModuleList>().All)
        {
            module.Map(app);
        }
    }
}
