using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Platform.Cli;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Platform;

/// <summary>`backup` and `restore` while the app runs, on each provider: what was saved after the backup is gone, the counts are the backup's, the audit chain verifies and says a restore happened.</summary>
public sealed class BackupTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ABackupTakenWhileTheAppRunsIsRestoredWithItsCountsAndTheAuditChainSaysSo(DatabaseProvider provider)
    {
        await using var factory = await HuyingFactory.CreateAsync(provider);
        var staff = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        staff.WithBearer(await staff.TokenAsync("fuqian.staff"));
        var admin = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        admin.WithBearer(await admin.TokenAsync("admin"));
        async Task<HttpStatusCode> RaiseAsync(string text) => (await staff.PostAsJsonAsync("/api/matters",
            new { categoryCode = "facilities", description = text, communityCode = DemoRecords.Fuqian })).StatusCode;
        async Task<int> CountAsync(string text)
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<HuyingDbContext>().Matters.IgnoreQueryFilters().CountAsync(m => m.Description == text);
        }

        Assert.Equal(HttpStatusCode.Created, await RaiseAsync("备份之前：楼道灯坏了"));
        var file = Path.Combine(Path.GetTempPath(), $"huying-backup-{Guid.NewGuid():N}.bak");
        try
        {
            Assert.Equal(0, await Commands.RunAsync(factory.Services, ["backup", file]));
            var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(file + ".json")).RootElement;
            Assert.True(manifest.GetProperty("Counts").GetProperty("Matters").GetInt64() > 0);
            Assert.Equal(HttpStatusCode.Created, await RaiseAsync("备份之后：垃圾桶满了"));

            Assert.Equal(0, await Commands.RunAsync(factory.Services, ["restore", file]));
            Assert.Equal(1, await CountAsync("备份之前：楼道灯坏了"));
            Assert.Equal(0, await CountAsync("备份之后：垃圾桶满了"));
            // The backup is one file, before and after it is read: nothing of it left beside it.
            Assert.Equal([Path.GetFileName(file), Path.GetFileName(file) + ".json"],
                Directory.GetFiles(Path.GetDirectoryName(file)!, Path.GetFileName(file) + "*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var verified = await Answers.Json(await admin.GetAsync("/api/audit/verify"));
            Assert.Equal(JsonValueKind.Null, verified.GetProperty("brokenAt").ValueKind);
            var audit = await Answers.Json(await admin.GetAsync("/api/audit"));
            Assert.Contains(audit.GetProperty("items").EnumerateArray(), line => line.GetProperty("action").GetString() == "restore");

            // The running app goes on from the restored state, its chain unbroken.
            Assert.Equal(HttpStatusCode.Created, await RaiseAsync("恢复之后：路灯不亮"));
            Assert.Equal(JsonValueKind.Null, (await Answers.Json(await admin.GetAsync("/api/audit/verify"))).GetProperty("brokenAt").ValueKind);

            // A file that is not a backup changes nothing.
            await File.WriteAllTextAsync(file + ".bad", "not a backup");
            Assert.NotEqual(0, await Commands.RunAsync(factory.Services, ["restore", file + ".bad"]));
            Assert.Equal(1, await CountAsync("恢复之后：路灯不亮"));
        }
        finally
        {
            foreach (var f in new[] { file, file + ".json", file + ".bad" })
            {
                File.Delete(f);
            }
        }
    }
}
