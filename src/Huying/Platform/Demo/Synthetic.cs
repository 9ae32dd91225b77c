using System.Globalization;
using Huying.Platform.Validation;

namespace Huying.Platform.Demo;

/// <summary>
/// Synthetic people for a demo, from one seeded random source (the same seed gives the same people): names, GB 11643
/// ID numbers with valid check digits, mobiles and GB 32100 credit codes — never a real person's or organisation's.
/// </summary>
public sealed class Synthetic(Random random)
{
    private readonly HashSet<string> codes = [];
    private readonly HashSet<string> phones = [];

    public Random Random => random;

    public string PersonName(bool male) => DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)] + Given(male);

    public string Given(bool male)
    {
        var pool = male ? DemoNames.MaleGiven : DemoNames.FemaleGiven;
        return pool[random.Next(pool.Length)];
    }

    public string Surname() => DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)];

    /// <summary>Valid check digit, never a real person's (the sequence is random); unique within this source.</summary>
    public string IdNumber(string area, DateOnly birth, bool male)
    {
        while (true)
        {
            var sequence = random.Next(0, 500) * 2 + (male ? 1 : 0);
            var first17 = area + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("000", CultureInfo.InvariantCulture);
            var id = first17 + Validators.IdCheckCharacter(first17);
            if (codes.Add(id))
            {
                return id;
            }
        }
    }

    private static readonly string[] MobilePrefixes = ["135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "182", "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "181", "189", "177", "199"];

    public string Phone()
    {
        while (true)
        {
            var phone = MobilePrefixes[random.Next(MobilePrefixes.Length)] + random.Next(0, 100_000_000).ToString("00000000", CultureInfo.InvariantCulture);
            if (phones.Add(phone))
            {
                return phone;
            }
        }
    }

    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>A unified social credit code: registration office and type, county, organisation code (GB 11714) and check.</summary>
    public string CreditCode(char office, char type, string county)
    {
        while (true)
        {
            var body = string.Concat(Enumerable.Range(0, 8).Select(_ => CreditAlphabet[random.Next(10)]));
            int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
            var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
            var check = (11 - sum % 11) switch { 10 => 'X', 11 => '0', var n => (char)('0' + n) };
            var first17 = $"{office}{type}{county}{body}{check}";
            var code = first17 + Validators.CreditCheckCharacter(first17);
            if (codes.Add(code))
            {
                return code;
            }
        }
    }
}
