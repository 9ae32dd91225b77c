using System.Security.Cryptography;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Files;

/// <summary>
/// Uploads on disk (Files:Root, data/files by default): images (JPEG, PNG, WebP) and PDF, recognised by their
/// content rather than their name, 10 MB at most. Whether a caller may read one is the owning module's decision.
/// </summary>
public sealed class FileStore(IConfiguration configuration, IHostEnvironment environment, TimeProvider clock, ILogger<FileStore> log)
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Files one form may carry (a request is limited to their size, <see cref="MaxRequestBytes"/>).</summary>
    public const int MaxFiles = 4;

    public const long MaxRequestBytes = MaxFiles * MaxBytes + 2 * 1024 * 1024;

    private string Root => Path.GetFullPath(configuration["Files:Root"] is { Length: > 0 } root
        ? root
        : Path.Combine(environment.ContentRootPath, "data", "files"));

    /// <summary>The type a file's first bytes show, or null when it is none of the accepted kinds.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF ? "image/jpeg"
        : head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : head.Length >= 5 && head[..5].SequenceEqual("%PDF-"u8) ? "application/pdf"
        : null;

    public const int ThumbnailSize = 320;

    /// <summary>
    /// Checks every file by size and content — a photo must also decode as one — and makes the photos' thumbnails;
    /// nothing is written. The error key is the form field's.
    /// </summary>
    public async Task<(FieldErrors Errors, List<(IFormFile File, string Type, byte[]? Thumbnail)> Checked)> CheckAsync(IReadOnlyList<IFormFile> files,
        string field, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (files.Count(f => f.Length > 0) > MaxFiles)
        {
            errors.Add(field, "Attach four files at most");
            return (errors, []);
        }
        var checkedFiles = new List<(IFormFile File, string Type, byte[]? Thumbnail)>();
        foreach (var file in files.Where(f => f.Length > 0))
        {
            if (file.Length > MaxBytes)
            {
                errors.Add(field, "A file is larger than 10 MB");
                continue;
            }
            var head = new byte[16];
            await using (var peek = file.OpenReadStream())
            {
                var read = await peek.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
                head = head[..read];
            }
            var type = Sniff(head);
            if (type is null)
            {
                errors.Add(field, "Only photos (JPEG, PNG, WebP) and PDF files can be attached");
                continue;
            }
            byte[]? thumbnail = null;
            if (type.StartsWith("image/", StringComparison.Ordinal))
            {
                await using var image = file.OpenReadStream();
                thumbnail = Thumbnail(image);
                if (thumbnail is null)
                {
                    errors.Add(field, "A photo could not be read as an image");
                    continue;
                }
            }
            checkedFiles.Add((file, type, thumbnail));
        }
        return (errors, checkedFiles);
    }

    /// <summary>Checks every file first and refuses them all (under the form field's key) or saves them all.</summary>
    public async Task<List<Attachment>> SaveAsync(HuyingDbContext db, string ownerType, long ownerId,
        IReadOnlyList<IFormFile> files, string field, CancellationToken ct)
    {
        var (errors, checkedFiles) = await CheckAsync(files, field, ct);
        errors.ThrowIfAny();
        var saved = new List<Attachment>();
        var written = new List<string>();
        try
        {
            foreach (var (file, type, thumbnail) in checkedFiles)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var relative = Path.Combine(now.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture),
                    now.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N"));
                var full = Path.Combine(Root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                // Listed before it is written: a write cut short (a full disk) leaves no half file behind.
                written.Add(full);
                using var sha = SHA256.Create();
                await using (var target = new FileStream(full, FileMode.CreateNew, FileAccess.Write))
                await using (var source = file.OpenReadStream())
                await using (var hashing = new CryptoStream(target, sha, CryptoStreamMode.Write))
                {
                    await source.CopyToAsync(hashing, ct);
                }
                if (thumbnail is not null)
                {
                    written.Add(full + ThumbSuffix);
                    await File.WriteAllBytesAsync(full + ThumbSuffix, thumbnail, ct);
                }
                saved.Add(new Attachment
                {
                    OwnerType = ownerType,
                    OwnerId = ownerId,
                    FileName = Path.GetFileName(file.FileName) is { Length: > 0 and <= 200 } name ? name : "file",
                    ContentType = type,
                    Size = file.Length,
                    Sha256 = Convert.ToHexStringLower(sha.Hash!),
                    StoragePath = relative,
                    CreatedAt = now,
                });
            }
            db.Set<Attachment>().AddRange(saved);
            await db.SaveChangesAsync(ct);
            return saved;
        }
        catch (Exception e)
        {
            foreach (var path in written)
            {
                File.Delete(path);
            }
            if (e is IOException io && IsFull(io))
            {
                throw new StoreFullException(io);
            }
            throw;
        }
    }

    /// <summary>ENOSPC on Linux (the errno is the HResult), ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
    public static bool IsFull(IOException e) => e.HResult is 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027);

    /// <summary>/healthz: whether a file can be written in the store's folder now.</summary>
    public async Task<bool> CanWriteAsync(CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(Root);
            var probe = Path.Combine(Root, $".health-{Guid.NewGuid():N}");
            await File.WriteAllBytesAsync(probe, [1], ct);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private const string ThumbSuffix = ".thumb.jpg";

    /// <summary>
    /// The stored file, or null when it is not in the store (removed by hand, or an instance whose <c>Files:Root</c>
    /// is not the folder the others write to): the caller answers 404 and the operator reads why in the log.
    /// </summary>
    public Stream? Open(Attachment attachment)
    {
        try
        {
            return File.OpenRead(Path.Combine(Root, attachment.StoragePath));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            log.LogError("Attachment {Id} is recorded but its file {Path} is not in the store at {Root}: is Files:Root the folder every instance shares?",
                attachment.Id, attachment.StoragePath, Root);
            return null;
        }
    }

    /// <summary>
    /// Removes stored files for good (a retention period ended): their rows in the same save, then the files on disk.
    /// A file already gone is not an error; the audit keeps that the rows existed.
    /// </summary>
    public async Task DeleteAsync(HuyingDbContext db, IReadOnlyList<Attachment> attachments, CancellationToken ct)
    {
        db.Set<Attachment>().RemoveRange(attachments);
        await db.SaveChangesAsync(ct);
        foreach (var a in attachments)
        {
            File.Delete(Path.Combine(Root, a.StoragePath));
            File.Delete(Path.Combine(Root, a.StoragePath) + ThumbSuffix);
        }
    }

    /// <summary>The photo's thumbnail (JPEG, 320 px on its longer side), or null for a PDF.</summary>
    public Stream? OpenThumbnail(Attachment attachment) =>
        File.Exists(Path.Combine(Root, attachment.StoragePath) + ThumbSuffix) ? File.OpenRead(Path.Combine(Root, attachment.StoragePath) + ThumbSuffix) : null;

    /// <summary>Decodes a photo and scales it down; null when it does not decode (a file that only looks like a photo).</summary>
    public static byte[]? Thumbnail(Stream image)
    {
        using var codec = SkiaSharp.SKCodec.Create(image);
        if (codec is null)
        {
            return null;
        }
        using var bitmap = SkiaSharp.SKBitmap.Decode(codec);
        if (bitmap is null)
        {
            return null;
        }
        var scale = Math.Min(1.0, (double)ThumbnailSize / Math.Max(bitmap.Width, bitmap.Height));
        var info = new SkiaSharp.SKImageInfo(Math.Max(1, (int)(bitmap.Width * scale)), Math.Max(1, (int)(bitmap.Height * scale)));
        using var small = bitmap.Resize(info, new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Linear, SkiaSharp.SKMipmapMode.Linear));
        using var encoded = (small ?? bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
        return encoded?.ToArray();
    }

    /// <summary>The ids of the files of several records of one type, by record: for thumbnails beside a list of records.</summary>
    public static async Task<ILookup<long, long>> IdsByOwnerAsync(HuyingDbContext db, string ownerType, IReadOnlyCollection<long> ownerIds, CancellationToken ct) =>
        (await db.Set<Attachment>().AsNoTracking().Where(a => a.OwnerType == ownerType && ownerIds.Contains(a.OwnerId)).OrderBy(a => a.Id)
            .Select(a => new { a.OwnerId, a.Id }).ToListAsync(ct)).ToLookup(a => a.OwnerId, a => a.Id);

    public static Task<List<Attachment>> OfAsync(HuyingDbContext db, string ownerType, long ownerId, CancellationToken ct) =>
        db.Set<Attachment>().AsNoTracking().Where(a => a.OwnerType == ownerType && a.OwnerId == ownerId).OrderBy(a => a.Id).ToListAsync(ct);
}

/// <summary>The upload folder's disk is full: nothing of the upload was kept (507).</summary>
public sealed class StoreFullException(IOException inner) : Exception("The file store is full: nothing was saved, tell the administrator", inner);

/// <summary>/healthz: healthy when a file can be written in the upload folder.</summary>
public sealed class FileStoreHealthCheck(FileStore files) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await files.CanWriteAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("The upload folder cannot be written.");
}
