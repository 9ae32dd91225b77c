using System.Security.Cryptography;
using Huying.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Privacy;

/// <summary>A personal value as stored: protected for reveals, hashed for exact search, masked for display, and its last
/// four characters for the search a caller can answer ("尾号 1234").</summary>
public readonly record struct StoredValue(string? Cipher, string? Hash, string? Masked, string? Tail = null);

/// <summary>
/// Protects ID numbers and phones (PIPL): nothing personal is stored in clear. Values are sealed by the
/// installation's field key (<see cref="FieldSeal"/>), itself kept in the database sealed by the Data Protection key
/// ring. The search hash is keyed with a per-installation secret kept in the database, so a copied table cannot be
/// reversed by hashing guesses.
/// </summary>
public sealed class PersonalData(IDataProtectionProvider protection, HuyingContextFactory contexts)
{
    private const string SearchKeySetting = "privacy.search-key";
    private const string FieldKeySetting = "privacy.field-key";
    // Values sealed by the key ring itself, before the field key, and the field key are opened by the ring.
    private readonly IDataProtector protector = protection.CreateProtector("Huying.PersonalData.v1");
    private readonly IDataProtector fieldKeyProtector = protection.CreateProtector("Huying.PersonalData.FieldKey.v1");
    private KeyedHash? searchHash;
    private FieldSeal? fieldSeal;
    private readonly Lock gate = new();

    public StoredValue ProtectIdNumber(string? value) => Protect(value?.ToUpperInvariant(), MaskIdNumber);

    public StoredValue ProtectPhone(string? value) => Protect(value, MaskPhone);

    public string? Hash(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : SearchHash().Hex(value.Trim().ToUpperInvariant());

    /// <summary>The value a cipher seals, whichever way it was sealed; a <see cref="System.Security.Cryptography.CryptographicException"/>
    /// when it does not open.</summary>
    public string? Reveal(string? cipher) =>
        cipher is null ? null : FieldSeal.IsSealedHere(cipher) ? Fields().Open(cipher) : protector.Unprotect(cipher);

    /// <summary>
    /// 1****************4: the first and the last character only. More (the area's first four, the last four) let a
    /// reader who also sees a birth date and a registration place rebuild the number without a reveal.
    /// </summary>
    public static string MaskIdNumber(string value) =>
        value.Length < 4 ? new string('*', value.Length) : value[..1] + new string('*', value.Length - 2) + value[^1..];

    /// <summary>138****1234.</summary>
    public static string MaskPhone(string value) =>
        value.Length < 7 ? new string('*', value.Length) : value[..3] + new string('*', value.Length - 7) + value[^4..];

    /// <summary>138******34: three digits and two, where a person's other details are shown beside it.</summary>
    public static string? ShortPhone(string? masked) =>
        masked is null ? null : masked.Length < 7 ? new string('*', masked.Length) : masked[..3] + new string('*', masked.Length - 5) + masked[^2..];

    /// <summary>王** on public pages: the first character as a reader sees it (an emoji or a combined character stays
    /// whole) and a star for each other.</summary>
    public static string MaskName(string name)
    {
        var characters = System.Globalization.StringInfo.GetTextElementEnumerator(name);
        var first = characters.MoveNext() ? characters.GetTextElement() : "";
        var rest = 0;
        while (characters.MoveNext())
        {
            rest++;
        }
        return first + new string('*', rest);
    }

    private StoredValue Protect(string? value, Func<string, string> mask)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return default;
        }
        var v = value.Trim();
        return new StoredValue(Fields().Seal(v), Hash(v), mask(v), v.Length >= 4 ? v[^4..] : null);
    }

    private KeyedHash SearchHash()
    {
        if (searchHash is { } ready)
        {
            return ready;
        }
        lock (gate)
        {
            return searchHash ??= new KeyedHash(Convert.FromBase64String(
                Setting(SearchKeySetting, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))));
        }
    }

    private FieldSeal Fields()
    {
        if (fieldSeal is { } ready)
        {
            return ready;
        }
        lock (gate)
        {
            if (fieldSeal is null)
            {
                var key = fieldKeyProtector.Unprotect(Convert.FromBase64String(
                    Setting(FieldKeySetting, () => Convert.ToBase64String(fieldKeyProtector.Protect(RandomNumberGenerator.GetBytes(32))))));
                // The seal keeps its own copy; this one is not left for the collector to free when it likes.
                fieldSeal = new FieldSeal(key);
                CryptographicOperations.ZeroMemory(key);
            }
            return fieldSeal;
        }
    }

    /// <summary>A per-installation secret kept in the settings, made by the first instance that needs it.</summary>
    private string Setting(string key, Func<string> create)
    {
        using var db = contexts.Create(DataScope.System);
        var stored = db.Settings.AsNoTracking().FirstOrDefault(s => s.Key == key);
        if (stored is null)
        {
            stored = new AppSetting { Key = key, Value = create() };
            db.Settings.Add(stored);
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another instance created it first; use theirs.
                db.ChangeTracker.Clear();
                stored = db.Settings.AsNoTracking().First(s => s.Key == key);
            }
        }
        return stored.Value;
    }
}
