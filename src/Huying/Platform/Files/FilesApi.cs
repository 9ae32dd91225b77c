using System.Security.Claims;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Files;

/// <summary>
/// Who may see the files of one owner type: a module declares it for each kind of record it attaches files to.
/// The check runs in the caller's scope, so a record out of scope hides its files too.
/// </summary>
public sealed record FileOwner(string OwnerType, Func<HuyingDbContext, ClaimsPrincipal, long, CancellationToken, Task<bool>> MaySeeAsync);

public static class FilesApi
{
    public static IServiceCollection AddHuyingFiles(this IServiceCollection services) => services.AddSingleton<FileStore>();

    /// <summary>A module's declaration of who may see the files of its records of one type.</summary>
    public static IServiceCollection AddFileOwner(this IServiceCollection services, string ownerType,
        Func<HuyingDbContext, ClaimsPrincipal, long, CancellationToken, Task<bool>> maySee) =>
        services.AddSingleton(new FileOwner(ownerType, maySee));

    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        // A stored file, to whoever may see the record it belongs to; anything else answers 404.
        app.MapGet("/files/{id:long}", async Task<Results<FileStreamHttpResult, NotFound<ProblemDetailsBody>>> (long id, string? size,
            HuyingDbContext db, FileStore files, IEnumerable<FileOwner> owners, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            var owner = attachment is null ? null : owners.FirstOrDefault(o => o.OwnerType == attachment.OwnerType);
            if (attachment is null || owner is null || !await owner.MaySeeAsync(db, user, attachment.OwnerId, ct))
            {
                return ProblemSetup.NotFound();
            }
            if (size == "thumb" && files.OpenThumbnail(attachment) is { } thumbnail)
            {
                return TypedResults.File(thumbnail, "image/jpeg");
            }
            return files.Open(attachment) is { } stream ? TypedResults.File(stream, attachment.ContentType, attachment.FileName) : ProblemSetup.NotFound();
        }).WithTags("Files").WithSummary("A photo or PDF attached to a record the caller may see; ?size=thumb for a photo's thumbnail").RequireAuthorization();
        return app;
    }
}
