using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Platform;

/// <summary>The key ring that seals personal and health data, stored in the database encrypted to a configured certificate.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task WithACertificateTheKeysInTheDatabaseAreEncryptedAndStillOpenWhatTheySealed()
    {
        var folder = Directory.CreateTempSubdirectory("huying-keyring-").FullName;
        try
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Huying key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var path = Path.Combine(folder, "keyring.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "s3cret"));

            await using var factory = await HuyingFactory.CreateAsync(DatabaseProvider.Sqlite);
            factory.Settings["DataProtection:CertificatePath"] = path;
            factory.Settings["DataProtection:CertificatePassword"] = "s3cret";
            factory.Settings["Demo:Enabled"] = "false";
            var sealer = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            var sealedText = sealer.Protect("原发性高血压");
            Assert.Equal("原发性高血压", sealer.Unprotect(sealedText));
            // Phones are sealed by the field key, which the ring keeps sealed under the certificate's keys.
            var personal = factory.Services.GetRequiredService<Huying.Platform.Privacy.PersonalData>();
            Assert.Equal("13800138000", personal.Reveal(personal.ProtectPhone("13800138000").Cipher));

            await using var db = factory.Services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System);
            var keys = await db.Set<DataProtectionKey>().Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(keys);
            // The key's secret is stored as an encrypted element, never as the clear <masterKey> value.
            Assert.All(keys, xml => Assert.Contains("encryptedSecret", xml));
            Assert.All(keys, xml => Assert.DoesNotContain("<value>", xml));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task NewKeysSealWithAesGcmAndAKeyMadeBeforeWithTheDefaultCbcStillOpensWhatItSealed()
    {
        var folder = Directory.CreateTempSubdirectory("huying-keyring-").FullName;
        try
        {
            // A ring as an installation before this change made it: the default algorithms, the same application name.
            var before = new ServiceCollection();
            before.AddDataProtection().SetApplicationName("Huying").PersistKeysToFileSystem(new DirectoryInfo(folder));
            var oldSealed = before.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("phone").Protect("13800138000");
            var oldKey = await File.ReadAllTextAsync(Directory.GetFiles(folder, "key-*.xml").Single());
            Assert.Contains("AES_256_CBC", oldKey);

            await using (var fresh = await HuyingFactory.CreateAsync(DatabaseProvider.Sqlite))
            {
                fresh.Settings["Demo:Enabled"] = "false";
                var sealer = fresh.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("phone");
                Assert.Equal("13800138000", sealer.Unprotect(sealer.Protect("13800138000")));
                await using var db = fresh.Services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System);
                Assert.All(await db.Set<DataProtectionKey>().Select(k => k.Xml).ToListAsync(), xml => Assert.Contains("AES_256_GCM", xml));
            }

            await using var upgraded = await HuyingFactory.CreateAsync(DatabaseProvider.Sqlite);
            upgraded.Settings["Demo:Enabled"] = "false";
            await using (var db = upgraded.Services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System))
            {
                db.Set<DataProtectionKey>().Add(new DataProtectionKey { FriendlyName = "key-before", Xml = oldKey });
                await db.SaveChangesAsync();
            }
            var reader = upgraded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("phone");
            Assert.Equal("13800138000", reader.Unprotect(oldSealed));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }
}
