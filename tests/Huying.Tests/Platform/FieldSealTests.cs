using System.Security.Cryptography;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Platform;

/// <summary>Phones and ID numbers sealed under the installation's field key, which the key ring keeps sealed in the database.</summary>
public abstract class FieldSealTests(AppFixture app)
{
    private const string Phone = "13800138000";

    [Fact]
    public void APhoneSealedTodayIsNotItsTextNeverSealsTheSameTwiceAndRevealsAsItWas()
    {
        var personal = app.Service<PersonalData>();
        var first = personal.ProtectPhone(Phone).Cipher!;
        var second = personal.ProtectPhone(Phone).Cipher!;
        Assert.StartsWith(FieldSeal.Prefix, first);
        var sealedBytes = System.Buffers.Text.Base64Url.DecodeFromChars(first.AsSpan(FieldSeal.Prefix.Length));
        Assert.Equal(-1, sealedBytes.AsSpan().IndexOf("13800138000"u8));
        Assert.NotEqual(first, second);
        Assert.Equal(Phone, personal.Reveal(first));
        Assert.Equal(Phone, personal.Reveal(second));
        Assert.Equal("14082719850101123X", personal.Reveal(personal.ProtectIdNumber("14082719850101123x").Cipher));
    }

    [Fact]
    public void APhoneTheKeyRingSealedBeforeTheFieldKeyStillReveals()
    {
        var before = app.Service<IDataProtectionProvider>().CreateProtector("Huying.PersonalData.v1").Protect(Phone);
        Assert.StartsWith("CfDJ8", before);
        Assert.Equal(Phone, app.Service<PersonalData>().Reveal(before));
    }

    [Fact]
    public void ASealedValueChangedCutOrSealedUnderAnotherKeyDoesNotOpen()
    {
        var personal = app.Service<PersonalData>();
        var cipher = personal.ProtectPhone(Phone).Cipher!;
        var middle = cipher.Length / 2;
        var changed = cipher[..middle] + (cipher[middle] == 'A' ? 'B' : 'A') + cipher[(middle + 1)..];
        var foreign = new FieldSeal(RandomNumberGenerator.GetBytes(32)).Seal(Phone);
        foreach (var bad in new[] { changed, cipher[..^1], cipher[..(FieldSeal.Prefix.Length + 20)], FieldSeal.Prefix, FieldSeal.Prefix + "!!!!", foreign })
        {
            Assert.ThrowsAny<CryptographicException>(() => personal.Reveal(bad));
        }
    }

    [Fact]
    public async Task TheFieldKeyIsStoredSealedByTheKeyRingAndAnotherInstanceOpensWhatThisOneSealed()
    {
        var cipher = app.Service<PersonalData>().ProtectPhone(Phone).Cipher!;
        await using var db = app.Database();
        var stored = Convert.FromBase64String((await db.Settings.SingleAsync(s => s.Key == "privacy.field-key")).Value);
        // The ring's payload (its magic header), not the 32 bytes of the key.
        Assert.Equal([0x09, 0xF0, 0xC9, 0xF0], stored[..4]);
        var protection = app.Service<IDataProtectionProvider>();
        var key = protection.CreateProtector("Huying.PersonalData.FieldKey.v1").Unprotect(stored);
        Assert.Equal(Phone, new FieldSeal(key).Open(cipher));

        var other = new PersonalData(protection, app.Service<HuyingContextFactory>());
        Assert.Equal(Phone, other.Reveal(cipher));
        Assert.Equal(Phone, app.Service<PersonalData>().Reveal(other.ProtectPhone(Phone).Cipher));
    }

    [Fact]
    public async Task ManyThreadsSealingAndOpeningAtOnceEachGetTheirOwnValueBack()
    {
        var personal = app.Service<PersonalData>();
        var wrong = 0;
        await Parallel.ForAsync(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, (i, _) =>
        {
            var phone = $"139{i:D8}";
            if (personal.Reveal(personal.ProtectPhone(phone).Cipher) != phone)
            {
                Interlocked.Increment(ref wrong);
            }
            return ValueTask.CompletedTask;
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task InstancesMakingTheFieldKeyAtOnceOnANewDatabaseAllSealUnderTheOneKept()
    {
        await using var fresh = await HuyingFactory.CreateAsync(app.Provider);
        fresh.Settings["Demo:Enabled"] = "false";
        var protection = fresh.Services.GetRequiredService<IDataProtectionProvider>();
        var contexts = fresh.Services.GetRequiredService<HuyingContextFactory>();
        await using (var db = contexts.Create(DataScope.System))
        {
            Assert.False(await db.Settings.AnyAsync(s => s.Key == "privacy.field-key"));
        }
        var instances = Enumerable.Range(0, 4).Select(_ => new PersonalData(protection, contexts)).ToArray();
        using var start = new Barrier(instances.Length);
        var ciphers = await Task.WhenAll(instances.Select(p => Task.Run(() =>
        {
            start.SignalAndWait();
            return p.ProtectPhone(Phone).Cipher!;
        })));
        foreach (var reader in instances)
        {
            Assert.All(ciphers, c => Assert.Equal(Phone, reader.Reveal(c)));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FieldSealTestsOnSqlite(SqliteApp app) : FieldSealTests(app);

[Collection(PostgresCollection.Name)]
public sealed class FieldSealTestsOnPostgres(PostgresApp app) : FieldSealTests(app);
