using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Platform;

/// <summary>Generated requests to every JSON endpoint of the OpenAPI document and files to every importer, on an app and database of their own.</summary>
public sealed class FuzzTests
{
    /// <summary>A bounded run here; the bench runs tens of thousands (<c>--only fuzz</c>).</summary>
    private const int Cases = 400;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task GeneratedRequestsToEveryJsonEndpointNeverAnswerAServerErrorAndLeaveTheAuditChainIntact(DatabaseProvider provider)
    {
        await using var factory = await HuyingFactory.CreateAsync(provider);
        AssertNone(await Fuzz.RunAsync(factory, Cases, seed: null));
        await AssertChainIntactAsync(factory);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task GeneratedFilesForEveryImporterNeverAnswerAServerErrorAndAFileRefusedWholeSavesNothing(DatabaseProvider provider)
    {
        await using var factory = await HuyingFactory.CreateAsync(provider);
        var answers = new Dictionary<string, int>();
        AssertNone(await ImportFuzz.RunAsync(factory, ImportCases, seed: null, answers));
        // Every importer read files and reported on them, and some generated rows were good enough to be saved.
        var seen = string.Join(", ", answers.Select(a => $"{a.Key}: {a.Value}"));
        Assert.All(new[] { "hotline 200", "people 200", "census 200" }, k => Assert.True(answers.Keys.Any(a => a.StartsWith(k, StringComparison.Ordinal)), seen));
        Assert.True(answers.Keys.Any(a => a.EndsWith(" saved", StringComparison.Ordinal)), seen);
        await AssertChainIntactAsync(factory);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task GeneratedValuesInTheFormsEachRoleReachesNeverAnswerAServerError(DatabaseProvider provider)
    {
        await using var factory = await HuyingFactory.CreateAsync(provider);
        var clients = new Dictionary<string, HttpClient>();
        async Task<HttpClient> ClientFor(string user)
        {
            if (!clients.TryGetValue(user, out var client))
            {
                client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                clients[user] = client.WithBearer(await client.TokenAsync(user));
            }
            return client;
        }
        var forms = await FormFuzz.FindAsync(ClientFor, pagesPerUser: 40);
        Assert.True(forms.Count >= 30, $"only {forms.Count} forms found");
        AssertNone(await FormFuzz.RunAsync(ClientFor, forms, FormCases, seed: null));
        await AssertChainIntactAsync(factory);
    }

    /// <summary>Forms filled per provider here.</summary>
    private const int FormCases = 300;

    /// <summary>Uploads per provider here; the bench runs thousands.</summary>
    private const int ImportCases = 150;

    private static void AssertNone(List<string> failures) => Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));

    private static async Task AssertChainIntactAsync(HuyingFactory factory)
    {
        await using var db = factory.Services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System);
        var audit = await AuditVerifier.VerifyAsync(db);
        Assert.True(audit.Intact, $"audit chain broken at {audit.BrokenAt}: {audit.Reason}");
    }
}
