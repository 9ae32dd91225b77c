using System.Security.Cryptography;
using System.Text;

namespace Huying.Platform.Privacy;

/// <summary>
/// HMAC-SHA256 under one key, as lower-case hex. Each thread keeps its own keyed instance: setting one up (an OpenSSL
/// context) costs more than hashing a short text, and one instance is not safe to share between threads. The search
/// hashes of personal values and the audit chain's links both go through it, an intake's several a request. An
/// instance lives as long as its key's owner (a singleton); a thread's hasher goes with its thread.
/// </summary>
public sealed class KeyedHash
{
    private readonly ThreadLocal<HMACSHA256> perThread;

    public KeyedHash(byte[] key)
    {
        var copy = (byte[])key.Clone();
        perThread = new ThreadLocal<HMACSHA256>(() => new HMACSHA256(copy));
    }

    public string Hex(string text)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        perThread.Value!.TryComputeHash(Encoding.UTF8.GetBytes(text), mac, out _);
        return Convert.ToHexStringLower(mac);
    }
}
