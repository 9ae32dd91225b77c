using System.Security.Cryptography;

namespace Huying.Platform.Web;

/// <summary>Short public codes people can read aloud or type: no 0/O, 1/I/L.</summary>
public static class TrackingCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>The prefix, a dash and eight characters drawn uniformly from the alphabet (one call to the system's generator).</summary>
    public static string New(string prefix) => prefix + "-" + RandomNumberGenerator.GetString(Alphabet, 8);
}
