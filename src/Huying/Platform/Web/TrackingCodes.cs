using System.Security.Cryptography;

namespace Huying.Platform.Web;

/// <summary>Short public codes people can read aloud or type: no 0/O, 1/I/L.</summary>
public static class TrackingCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New(string prefix) =>
        prefix + "-" + string.Concat(Enumerable.Range(0, 8).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));
}
