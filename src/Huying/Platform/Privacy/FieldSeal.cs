using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Huying.Platform.Privacy;

/// <summary>
/// Seals one personal value (a phone, an ID number) with AES-256-GCM under the installation's field key: a random
/// 96-bit nonce per value, the purpose bound as associated data, written as <c>h1.</c> and the base64url of nonce,
/// ciphertext and tag. The field key itself is kept in the database sealed by the Data Protection key ring
/// (<see cref="PersonalData"/> opens it once a process), so a ring stored encrypted to a certificate still leaves a
/// copy of the database unable to open anything. The ring alone sealed each value before: it derives a fresh key for
/// every value, 14–16 µs a phone on the project's machine against 3 here; values it sealed still open
/// (<see cref="PersonalData.Reveal"/>).
/// Random nonces keep one key within NIST SP 800-38D's bound for 2³² seals: ten million a year, every intake of a
/// province with a phone, would take four centuries to reach it.
/// </summary>
public sealed class FieldSeal
{
    /// <summary>The format's version; the ring's own payloads begin "CfDJ8", never with a dot.</summary>
    public const string Prefix = "h1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = "Huying.PersonalData.v1"u8.ToArray();

    // An AesGcm holds an OpenSSL context, which is not safe to share between threads; each thread sets up its own once.
    private readonly ThreadLocal<AesGcm> perThread;

    public FieldSeal(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The field key is 256 bits", nameof(key));
        }
        var copy = (byte[])key.Clone();
        perThread = new ThreadLocal<AesGcm>(() => new AesGcm(copy, TagSize));
    }

    public static bool IsSealedHere(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        perThread.Value!.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Purpose);
        CryptographicOperations.ZeroMemory(plain);
        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The value; a <see cref="CryptographicException"/> when the text was not sealed by this key or was changed.</summary>
    public string Open(string sealedText)
    {
        if (!IsSealedHere(sealedText) || !Base64Url.IsValid(sealedText.AsSpan(Prefix.Length), out var length) || length < NonceSize + TagSize)
        {
            throw new CryptographicException("Not a sealed value");
        }
        var sealedBytes = Base64Url.DecodeFromChars(sealedText.AsSpan(Prefix.Length));
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        perThread.Value!.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length),
            sealedBytes.AsSpan(NonceSize + plain.Length), plain, Purpose);
        var value = Encoding.UTF8.GetString(plain);
        CryptographicOperations.ZeroMemory(plain);
        return value;
    }
}
