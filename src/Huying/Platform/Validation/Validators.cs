using System.Globalization;
using System.Text.RegularExpressions;

namespace Huying.Platform.Validation;

/// <summary>The national check-digit rules of DESIGN.md §4. Each returns null when valid, else an English message key.</summary>
public static partial class Validators
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdChecks = "10X98765432";
    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>GB 11643 citizen ID number: 17 digits and a check character; a real birth date.</summary>
    public static string? IdNumber(string? value, Func<string, bool>? areaExists = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "ID number is required";
        }
        var v = value.Trim().ToUpperInvariant();
        if (!IdShape().IsMatch(v))
        {
            return "ID number must be 17 digits followed by a digit or X";
        }
        if (IdCheckCharacter(v[..17]) != v[17])
        {
            return "ID number check digit is wrong";
        }
        if (BirthDateOf(v) is null)
        {
            return "ID number does not contain a real birth date";
        }
        if (areaExists is not null && !areaExists(v[..6]))
        {
            return "ID number area code is not a known division";
        }
        return null;
    }

    public static char IdCheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * IdWeights[i];
        }
        return IdChecks[sum % 11];
    }

    public static DateOnly? BirthDateOf(string idNumber) =>
        idNumber.Length >= 14 && DateOnly.TryParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var date) && date.Year >= 1900
            ? date
            : null;

    /// <summary>The 17th digit is odd for men and even for women.</summary>
    public static bool IsMale(string idNumber) => (idNumber[16] - '0') % 2 == 1;

    /// <summary>GB 32100 unified social credit code: 18 characters of the code alphabet with a check character.</summary>
    public static string? CreditCode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "Credit code is required";
        }
        var v = value.Trim().ToUpperInvariant();
        if (v.Length != 18 || v.Any(c => !CreditAlphabet.Contains(c)))
        {
            return "Credit code must be 18 characters of digits and capital letters (no I, O, Z, S, V)";
        }
        return CreditCheckCharacter(v[..17]) == v[17] ? null : "Credit code check character is wrong";
    }

    public static char CreditCheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += CreditAlphabet.IndexOf(first17[i], StringComparison.Ordinal) * CreditWeights[i];
        }
        return CreditAlphabet[(31 - sum % 31) % 31];
    }

    /// <summary>A mainland mobile number: 1[3-9] and nine more digits.</summary>
    public static string? Mobile(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "Mobile number is required"
        : MobileShape().IsMatch(value.Trim()) ? null
        : "Mobile number must be 11 digits starting with 13 to 19";

    /// <summary>A division code: 6 or 12 digits that exist in the imported table.</summary>
    public static string? DivisionCode(string? value, Func<string, bool> exists)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "Division code is required";
        }
        var v = value.Trim();
        if (!DivisionShape().IsMatch(v))
        {
            return "Division code must be 6 or 12 digits";
        }
        return exists(v) ? null : "Division code is not a known division";
    }

    /// <summary>
    /// The entries of a list a client sent, each trimmed, blanks left out: JSON may carry a null in any list, and one
    /// null must read as a blank entry, never as a server error.
    /// </summary>
    public static List<string> Entries(IEnumerable<string?>? given) => given is null ? [] : [.. given.Select(e => e?.Trim() ?? "").Where(e => e.Length > 0)];

    [GeneratedRegex(@"^\d{17}[\dX]$")]
    private static partial Regex IdShape();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileShape();

    [GeneratedRegex(@"^(\d{6}|\d{12})$")]
    private static partial Regex DivisionShape();
}
