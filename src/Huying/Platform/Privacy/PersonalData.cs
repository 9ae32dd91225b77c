using System.Security.Cryptography;
using System.Text;
using Huying.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Privacy;

/// <summary>A personal value as stored: protected for reveals, hashed for exact search, masked for display, and its last
/// four characters for the search a caller can answer ("尾号 1234").</summary>
public readonly record struct StoredValue(string? Cipher, string? Hash, string? Masked, string? Tail = null);

/// <summary>
/// Protects ID numbers and phones (PIPL): nothing personal is stored in clear. The search hash is keyed with a
/// per-installation secret kept in the database, so a copied table cannot be reversed by hashing guesses.
/// </summary>
public sealed class PersonalData(IDataProtectionProvider protection, HuyingContextFactory contexts)
{
    private const string KeySetting = "privacy.search-key";
    private readonly IDataProtector protector = protection.CreateProtector("Huying.PersonalData.v1");
    private byte[]? searchKey;
    private readonly Lock gate = new();

    public StoredValue ProtectIdNumber(string? value) => Protect(value?.ToUpperInvariant(), MaskIdNumber);

    public StoredValue ProtectPhone(string? value) => Protect(value, MaskPhone);

    public string? Hash(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return Convert.ToHexStringLower(HMACSHA256.HashData(SearchKey(), Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant())));
    }

    public string? Reveal(string? cipher) => cipher is null ? null : protector.Unprotect(cipher);

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
        return new StoredValue(protector.Protect(v), Hash(v), mask(v), v.Length >= 4 ? v[^4..] : null);
    }

    private byte[] SearchKey()
    {
        if (searchKey is not null)
        {
            return searchKey;
        }
        lock (gate)
        {
            if (searchKey is not null)
            {
                return searchKey;
            }
            using var db = contexts.Create(DataScope.System);
            var stored = db.Settings.AsNoTracking().FirstOrDefault(s => s.Key == KeySetting);
            if (stored is null)
            {
                stored = new AppSetting { Key = KeySetting, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
                db.Settings.Add(stored);
                try
                {
                    db.SaveChanges();
                }
                catch (DbUpdateException)
                {
                    // Another instance created it first; use theirs.
                    db.ChangeTracker.Clear();
                    stored = db.Settings.AsNoTracking().First(s => s.Key == KeySetting);
                }
            }
            searchKey = Convert.FromBase64String(stored.Value);
            return searchKey;
        }
    }
}
