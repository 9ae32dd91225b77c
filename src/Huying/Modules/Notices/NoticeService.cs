using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Notices;

public sealed record NoticeInput(string? CommunityCode, string? Kind, string? Title, string? Body, string? Area,
    int? ObjectionDays, int? PublishDays);

public sealed record ReviseInput(string? Title, string? Body, string? Reason);

public sealed record ObjectionInput(string? Name, string? Phone, string? Content);

public sealed record AnswerInput(string? Answer, bool Publish, string? PublicContent);

public sealed record VersionDto(int Number, string Title, string Body, string Author, string? Reason, DateTime CreatedAt,
    string PreviousHash, string Hash);

public sealed record ObjectionDto(long Id, string Name, string? Phone, string Content, string? PublicContent, ObjectionStatus Status,
    string? Answer, DateTime? AnsweredAt, DateTime CreatedAt);

public sealed record NoticeDto(long Id, string CommunityCode, NoticeKind Kind, string Title, string Body, string? Area,
    DateTime PublishedAt, DateTime? PublishUntil, DateTime? ObjectionUntil, bool TakesObjections, long? TopicId,
    int CurrentVersion, int? FirstBrokenVersion, IReadOnlyList<VersionDto> Versions, IReadOnlyList<ObjectionDto> Objections)
{
    public bool ChainIntact => FirstBrokenVersion is null;
}

public sealed record NoticeListItem(long Id, NoticeKind Kind, string Title, string? Area, DateTime PublishedAt,
    DateTime? ObjectionUntil, int CurrentVersion, int Objections, int Unanswered);

/// <summary>The notice board: publish, correct (a new chained version), take objections, answer them.</summary>
public sealed class NoticeService(HuyingDbContext db, TimeProvider clock, PersonalData personal, CurrentUser user, PlaceNames names)
{
    public const int DefaultObjectionDays = 5;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Who writes: the signed-in user's name (the platform itself when seeding).</summary>
    private string Author => user.Principal?.Identity?.Name ?? "system";

    /// <summary>Community staff publish a notice on their community's board.</summary>
    public async Task<Notice> CreateAsync(NoticeInput input, CancellationToken ct = default)
    {
        user.Require(Policies.CommunityStaff);
        var errors = new FieldErrors();
        var community = input.CommunityCode is null ? null
            : await db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Code == input.CommunityCode, ct);
        errors.Add("communityCode", community is null ? "Community not found" : null);
        errors.Add("kind", Enum.TryParse<NoticeKind>(input.Kind, true, out var kind) && Enum.IsDefined(kind) ? null : "Unknown notice kind");
        errors.Add("title", string.IsNullOrWhiteSpace(input.Title) ? "Title is required" : input.Title.Length > 200 ? "Title is too long (200 characters at most)" : null);
        errors.Add("body", string.IsNullOrWhiteSpace(input.Body) ? "Text is required" : input.Body.Length > 20000 ? "Text is too long" : null);
        errors.Add("objectionDays", input.ObjectionDays is < 0 or > 60 ? "Objection window must be 0 to 60 days" : null);
        errors.Add("publishDays", input.PublishDays is < 1 or > 3650 ? "Publication must last 1 to 3650 days" : null);
        errors.ThrowIfAny();
        var notice = Publish(community!.Code, kind, input.Title!, input.Body!, input.Area, input.ObjectionDays ?? 0,
            input.PublishDays, null, Author);
        await db.SaveChangesAsync(ct);
        return notice;
    }

    /// <summary>Adds a notice to the context (saved by the caller), its first version written.</summary>
    public Notice Publish(string communityCode, NoticeKind kind, string title, string body, string? area, int objectionDays,
        int? publishDays, long? topicId, string author)
    {
        var now = Platform.Audit.AuditEntry.Truncate(Now);
        var notice = new Notice
        {
            CommunityCode = communityCode,
            Kind = kind,
            Area = string.IsNullOrWhiteSpace(area) ? null : area.Trim(),
            PublishedAt = now,
            PublishUntil = publishDays is { } days ? now.AddDays(days) : null,
            ObjectionUntil = objectionDays > 0 ? now.AddDays(objectionDays) : null,
            TopicId = topicId,
        };
        notice.Revise(db.Chain, title, body, author, null, now);
        db.Notices.Add(notice);
        return notice;
    }

    /// <summary>A notice in scope, with its versions, to change.</summary>
    public Task<Notice?> FindAsync(long id, CancellationToken ct) => db.Notices.Include(n => n.Versions).FirstOrDefaultAsync(n => n.Id == id, ct);

    /// <summary>Community staff correct a notice: a new version chained to the last, with the reason.</summary>
    public async Task ReviseAsync(Notice notice, ReviseInput input, CancellationToken ct = default)
    {
        user.Require(Policies.CommunityStaff);
        new FieldErrors()
            .Add("title", string.IsNullOrWhiteSpace(input.Title) ? "Title is required" : input.Title.Trim().Length > 200 ? "Title is too long (200 characters at most)" : null)
            .Add("body", string.IsNullOrWhiteSpace(input.Body) ? "Text is required" : input.Body.Length > 20000 ? "Text is too long" : null)
            .Add("reason", string.IsNullOrWhiteSpace(input.Reason) ? "Say why the notice is corrected" : input.Reason.Trim().Length > 500 ? "Text is too long" : null)
            .ThrowIfAny();
        notice.Revise(db.Chain, input.Title!, input.Body!, Author, input.Reason, Now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Replaces the text with a new version (an announcement kept current); saved by the caller.</summary>
    public async Task ReplaceAsync(long noticeId, string title, string body, string reason, string author, CancellationToken ct = default)
    {
        var notice = await db.Notices.IgnoreQueryFilters().Include(n => n.Versions).FirstAsync(n => n.Id == noticeId, ct);
        notice.Revise(db.Chain, title, body, author, reason, Now);
    }

    /// <summary>Appends a progress paragraph as a new version (implementation news of a decision).</summary>
    public async Task AppendAsync(long noticeId, string paragraph, string author, CancellationToken ct = default)
    {
        var notice = await db.Notices.IgnoreQueryFilters().Include(n => n.Versions).FirstAsync(n => n.Id == noticeId, ct);
        var current = notice.Versions.OrderBy(v => v.Number).LastOrDefault();
        notice.Revise(db.Chain, current?.Title ?? notice.Title, (current is null ? "" : current.Body + "\n\n") + paragraph, author, paragraph.Split('\n')[0], Now);
    }

    public async Task<List<NoticeListItem>> ListAsync(string? community, CancellationToken ct = default)
    {
        var query = db.Notices.AsNoTracking();
        if (!string.IsNullOrEmpty(community))
        {
            query = query.Where(n => n.CommunityCode == community);
        }
        return await query.OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id)
            .Select(n => new NoticeListItem(n.Id, n.Kind, n.Title, n.Area, n.PublishedAt, n.ObjectionUntil, n.CurrentVersion,
                n.Objections.Count, n.Objections.Count(o => o.Answer == null)))
            .ToListAsync(ct);
    }

    /// <summary>Staff view: every objection with the objector's name; phones masked.</summary>
    public async Task<NoticeDto?> GetAsync(long id, CancellationToken ct = default)
    {
        var notice = await db.Notices.AsNoTracking().Include(n => n.Versions).Include(n => n.Objections)
            .FirstOrDefaultAsync(n => n.Id == id, ct);
        return notice is null ? null : ToDto(notice, publicView: false);
    }

    public async Task<bool> CommunityExistsAsync(string community, CancellationToken ct = default) =>
        await names.CommunityAsync(community, ct) is not null;

    /// <summary>A community's name is public (its pages carry it); null when Huying has no such community.</summary>
    public Task<string?> CommunityNameAsync(string community, CancellationToken ct = default) =>
        names.CommunityAsync(community, ct);

    /// <summary>The public board of a community: what is published now, newest first. No login, no private data.</summary>
    public async Task<List<NoticeListItem>> PublicBoardAsync(string community, NoticeKind? kind, CancellationToken ct = default)
    {
        var now = Now;
        var query = db.Notices.IgnoreQueryFilters().AsNoTracking()
            .Where(n => n.CommunityCode == community && n.PublishedAt <= now && (n.PublishUntil == null || n.PublishUntil > now));
        if (kind is { } k)
        {
            query = query.Where(n => n.Kind == k);
        }
        return await query.OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id)
            .Select(n => new NoticeListItem(n.Id, n.Kind, n.Title, n.Area, n.PublishedAt, n.ObjectionUntil, n.CurrentVersion,
                n.Objections.Count(o => o.Status == ObjectionStatus.Published), 0))
            .ToListAsync(ct);
    }

    public async Task<NoticeDto?> PublicNoticeAsync(string community, long id, CancellationToken ct = default)
    {
        var now = Now;
        var notice = await db.Notices.IgnoreQueryFilters().AsNoTracking().Include(n => n.Versions).Include(n => n.Objections)
            .FirstOrDefaultAsync(n => n.Id == id && n.CommunityCode == community && n.PublishedAt <= now
                && (n.PublishUntil == null || n.PublishUntil > now), ct);
        return notice is null ? null : ToDto(notice, publicView: true);
    }

    /// <summary>A resident objects during the window; name and mobile are kept private. Null when the board has no such notice (404).</summary>
    public async Task<Objection?> ObjectAsync(string community, long id, ObjectionInput input, CancellationToken ct = default)
    {
        var now = Now;
        var notice = await db.Notices.IgnoreQueryFilters().FirstOrDefaultAsync(n => n.Id == id && n.CommunityCode == community
            && n.PublishedAt <= now && (n.PublishUntil == null || n.PublishUntil > now), ct);
        if (notice is null)
        {
            return null;
        }
        var errors = new FieldErrors();
        if (!notice.TakesObjections(now))
        {
            throw new FieldException("content", "The objection window of this notice has closed");
        }
        var content = input.Content?.Trim();
        errors.Add("content", string.IsNullOrEmpty(content) ? "Write your objection" : content.Length > 2000 ? "Objection is too long (2000 characters at most)" : null);
        errors.Add("name", string.IsNullOrWhiteSpace(input.Name) ? "Name is required" : input.Name.Trim().Length > 50 ? "Name is too long (50 characters at most)" : null);
        errors.Add("phone", Validators.Mobile(input.Phone));
        errors.ThrowIfAny();
        var phone = personal.ProtectPhone(input.Phone);
        var objection = new Objection
        {
            NoticeId = notice.Id,
            Content = content!,
            Name = input.Name!.Trim(),
            PhoneCipher = phone.Cipher,
            PhoneMasked = phone.Masked,
            CreatedAt = Platform.Audit.AuditEntry.Truncate(now),
            TrackingCode = TrackingCodes.New("YY"),
        };
        db.Objections.Add(objection);
        await db.SaveChangesAsync(ct);
        return objection;
    }

    /// <summary>An objection reached through a notice in scope; null otherwise.</summary>
    public async Task<Objection?> FindObjectionAsync(long id, CancellationToken ct)
    {
        var objection = await db.Objections.FirstOrDefaultAsync(o => o.Id == id, ct);
        return objection is not null && await db.Notices.AnyAsync(n => n.Id == objection.NoticeId, ct) ? objection : null;
    }

    /// <summary>Staff answer every objection, and choose whether its (moderated) text shows on the public page.</summary>
    public async Task AnswerAsync(Objection objection, AnswerInput input, CancellationToken ct = default)
    {
        user.Require(Policies.CommunityStaff);
        new FieldErrors()
            .Add("answer", string.IsNullOrWhiteSpace(input.Answer) ? "Write an answer" : input.Answer.Trim().Length > 2000 ? "Text is too long" : null)
            .Add("publicContent", input.PublicContent is { Length: > 2000 } ? "Text is too long" : null)
            .ThrowIfAny();
        objection.Answer = input.Answer!.Trim();
        objection.AnsweredBy = Author;
        objection.AnsweredAt = Platform.Audit.AuditEntry.Truncate(Now);
        objection.Status = input.Publish ? ObjectionStatus.Published : ObjectionStatus.Withheld;
        objection.PublicContent = string.IsNullOrWhiteSpace(input.PublicContent) ? null : input.PublicContent.Trim();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An objector follows the answer with the code they were given.</summary>
    public async Task<(Objection Objection, NoticeListItem Notice)?> TrackObjectionAsync(string community, string code, CancellationToken ct = default)
    {
        var objection = await db.Objections.AsNoTracking().FirstOrDefaultAsync(o => o.TrackingCode == code, ct);
        if (objection is null)
        {
            return null;
        }
        var notice = await db.Notices.IgnoreQueryFilters().AsNoTracking().Where(n => n.Id == objection.NoticeId && n.CommunityCode == community)
            .Select(n => new NoticeListItem(n.Id, n.Kind, n.Title, n.Area, n.PublishedAt, n.ObjectionUntil, n.CurrentVersion, 0, 0))
            .FirstOrDefaultAsync(ct);
        return notice is null ? null : (objection, notice);
    }

    private NoticeDto ToDto(Notice n, bool publicView)
    {
        var versions = n.Versions.OrderBy(v => v.Number).ToList();
        // A notice whose versions were deleted still answers: its chain reports the first missing version.
        var current = versions.LastOrDefault();
        var objections = n.Objections
            .Where(o => !publicView || o.Status == ObjectionStatus.Published)
            .OrderBy(o => o.CreatedAt)
            .Select(o => new ObjectionDto(o.Id,
                publicView ? PersonalData.MaskName(o.Name ?? "") : o.Name ?? "",
                publicView ? null : o.PhoneMasked,
                publicView ? o.PublicContent ?? o.Content : o.Content,
                o.PublicContent, o.Status, o.Answer, o.AnsweredAt, o.CreatedAt))
            .ToList();
        return new NoticeDto(n.Id, n.CommunityCode, n.Kind, current?.Title ?? n.Title, current?.Body ?? "", n.Area, n.PublishedAt,
            n.PublishUntil, n.ObjectionUntil, n.TakesObjections(Now), n.TopicId, n.CurrentVersion,
            NoticeVersion.FirstBroken(versions, db.Chain, n.CurrentVersion),
            [.. versions.Select(v => new VersionDto(v.Number, v.Title, v.Body, publicView ? "" : v.Author, v.Reason, v.CreatedAt, v.PreviousHash, v.Hash))],
            objections);
    }
}
