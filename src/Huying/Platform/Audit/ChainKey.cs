using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Huying.Platform.Privacy;

namespace Huying.Platform.Audit;

/// <summary>
/// The key of the hash chains (the audit trail, each notice's versions), kept outside the database: whoever can
/// write the database but not read this key cannot rehash an edited line so that it verifies. From configuration
/// (<c>Audit:Key</c>, base64) or a key file (<c>Audit:KeyFile</c>, by default <c>data/chain.key</c>), created on the
/// first start. Back it up with the database: without it nothing verifies.
/// </summary>
public sealed class ChainKey
{
    private readonly KeyedHash mac;

    public ChainKey(byte[] key, string checkpointFile)
    {
        mac = new KeyedHash(key);
        CheckpointFile = checkpointFile;
    }

    /// <summary>Where the heads of the audit chain are written (<see cref="AuditCheckpoints"/>).</summary>
    public string CheckpointFile { get; }

    /// <summary>A key for design-time tools, which write no chain.</summary>
    public static ChainKey DesignTime { get; } = new(new byte[32], Path.Combine(Path.GetTempPath(), "huying-design-checkpoints.log"));

    public static ChainKey From(IConfiguration configuration, IHostEnvironment environment)
    {
        var keyFile = Path.GetFullPath(configuration["Audit:KeyFile"] ?? Path.Combine(environment.ContentRootPath, "data", "chain.key"));
        var checkpoints = Path.GetFullPath(configuration["Audit:CheckpointFile"]
            ?? Path.Combine(Path.GetDirectoryName(keyFile)!, "audit-checkpoints.log"));
        if (configuration["Audit:Key"] is { Length: > 0 } configured)
        {
            return new ChainKey(Convert.FromBase64String(configured), checkpoints);
        }
        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
            try
            {
                using var created = new FileStream(keyFile, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                created.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
            catch (IOException) when (File.Exists(keyFile))
            {
                // Another instance created it first.
            }
        }
        return new ChainKey(Convert.FromBase64String(File.ReadAllText(keyFile).Trim()), checkpoints);
    }

    /// <summary>The keyed hash of a text, as lower-case hex.</summary>
    public string Mac(string text) => mac.Hex(text);

    public static string Join(params object?[] parts) =>
        string.Join('\u001f', parts.Select(p => p switch
        {
            null => "",
            DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => p.ToString(),
        }));
}
