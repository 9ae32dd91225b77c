using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Notices;

[Localized]
public enum NoticeKind
{
    DeliberationResult = 1,
    ProjectProgress = 2,
    PledgeList = 3,
    PartyAffairs = 4,
    Finance = 5,
    /// <summary>议事会预告: a deliberation meeting announced before it is held.</summary>
    MeetingAnnouncement = 6,
}

/// <summary>
/// 公示: a public notice of a community. Its text lives in versions; each version carries the hash of the one
/// before, so a silent edit of stored text is detectable.
/// </summary>
public sealed class Notice : IAudited, ICommunityScoped, IVersioned
{
    /// <summary>Bumped by the context on every save; of two changes at once, the second is refused (409).</summary>
    public int Version { get; set; }
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public NoticeKind Kind { get; set; }
    /// <summary>Where it applies inside the community: a grid, an estate (晋海花园(一期)), or empty for all.</summary>
    public string? Area { get; set; }
    public DateTime PublishedAt { get; set; }
    public DateTime? PublishUntil { get; set; }
    /// <summary>Residents may object until then; null when the notice takes no objections.</summary>
    public DateTime? ObjectionUntil { get; set; }
    public long? TopicId { get; set; }
    public int CurrentVersion { get; set; }
    public string Title { get; set; } = "";
    public List<NoticeVersion> Versions { get; set; } = [];
    public List<Objection> Objections { get; set; } = [];

    public bool TakesObjections(DateTime now) => ObjectionUntil is { } until && now < until;

    public bool IsVisible(DateTime now) => PublishedAt <= now && (PublishUntil is null || now < PublishUntil);

    /// <summary>A new version of the text, chained to the last.</summary>
    public NoticeVersion Revise(ChainKey key, string title, string body, string author, string? reason, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(body))
        {
            throw new RuleViolationException("A notice needs a title and a text");
        }
        var previous = Versions.OrderBy(v => v.Number).LastOrDefault();
        var version = new NoticeVersion
        {
            Number = (previous?.Number ?? 0) + 1,
            Title = title.Trim(),
            Body = body.Trim(),
            Author = author,
            Reason = reason?.Trim(),
            CreatedAt = Huying.Platform.Audit.AuditEntry.Truncate(now),
            PreviousHash = previous?.Hash ?? NoticeVersion.Genesis,
            Hash = "",
        };
        version.Hash = version.ComputeHash(key);
        Versions.Add(version);
        CurrentVersion = version.Number;
        Title = version.Title;
        return version;
    }
}

public sealed class NoticeVersion
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Id { get; set; }
    public long NoticeId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public required string Author { get; set; }
    /// <summary>Why it was corrected (shown with the version history).</summary>
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    /// <summary>The version's keyed hash (<see cref="ChainKey"/>): its text and the hash of the version before.</summary>
    public string ComputeHash(ChainKey key) =>
        key.Mac(ChainKey.Join(Number, Title, Body, Author, Reason, CreatedAt, PreviousHash));

    /// <summary>
    /// The number of the first version whose keyed hash or link does not hold, or that is missing (the notice says
    /// it is at version <paramref name="currentVersion"/>), or null when the chain is intact.
    /// </summary>
    public static int? FirstBroken(IEnumerable<NoticeVersion> versions, ChainKey key, int currentVersion)
    {
        var previous = Genesis;
        var expected = 1;
        foreach (var v in versions.OrderBy(v => v.Number))
        {
            if (v.Number != expected || v.PreviousHash != previous || v.ComputeHash(key) != v.Hash)
            {
                return Math.Min(v.Number, expected);
            }
            previous = v.Hash;
            expected++;
        }
        if (expected - 1 != currentVersion)
        {
            return expected;
        }
        return null;
    }
}

[Localized]
public enum ObjectionStatus
{
    /// <summary>Received; not shown publicly until staff have looked at it.</summary>
    Pending = 1,
    /// <summary>Shown on the public page (content moderated).</summary>
    Published = 2,
    /// <summary>Not shown (abusive or personal content), but still answered to the objector.</summary>
    Withheld = 3,
}

/// <summary>异议: a resident's objection to a notice during its window. Name and mobile stay private.</summary>
public sealed class Objection : IAudited, IVersioned
{
    /// <summary>Bumped by the context on every save; of two changes at once, the second is refused (409).</summary>
    public int Version { get; set; }
    public long Id { get; set; }
    public long NoticeId { get; set; }
    public required string Content { get; set; }
    /// <summary>The text shown publicly after moderation (may be an edited version of the content).</summary>
    public string? PublicContent { get; set; }
    public string? Name { get; set; }
    public string? PhoneCipher { get; set; }
    public string? PhoneMasked { get; set; }
    public ObjectionStatus Status { get; set; } = ObjectionStatus.Pending;
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Given to the objector to follow the answer.</summary>
    public required string TrackingCode { get; set; }
}

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("Notices");
        b.Property(n => n.CommunityCode).HasMaxLength(12);
        b.Property(n => n.Area).HasMaxLength(100);
        b.Property(n => n.Title).HasMaxLength(200);
        b.HasIndex(n => new { n.CommunityCode, n.PublishedAt });
        b.HasMany(n => n.Versions).WithOne().HasForeignKey(v => v.NoticeId);
        b.HasMany(n => n.Objections).WithOne().HasForeignKey(o => o.NoticeId);
    }
}

public sealed class NoticeVersionConfiguration : IEntityTypeConfiguration<NoticeVersion>
{
    public void Configure(EntityTypeBuilder<NoticeVersion> b)
    {
        b.ToTable("NoticeVersions");
        b.Property(v => v.Title).HasMaxLength(200);
        b.Property(v => v.Body).HasMaxLength(20000);
        b.Property(v => v.Author).HasMaxLength(100);
        b.Property(v => v.Reason).HasMaxLength(500);
        b.Property(v => v.PreviousHash).HasMaxLength(64);
        b.Property(v => v.Hash).HasMaxLength(64);
        b.HasIndex(v => new { v.NoticeId, v.Number }).IsUnique();
    }
}

public sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> b)
    {
        b.ToTable("Objections");
        b.Property(o => o.Content).HasMaxLength(2000);
        b.Property(o => o.PublicContent).HasMaxLength(2000);
        b.Property(o => o.Name).HasMaxLength(50);
        b.Property(o => o.PhoneCipher).HasMaxLength(400);
        b.Property(o => o.PhoneMasked).HasMaxLength(11);
        b.Property(o => o.Answer).HasMaxLength(2000);
        b.Property(o => o.AnsweredBy).HasMaxLength(100);
        b.Property(o => o.TrackingCode).HasMaxLength(16);
        b.HasIndex(o => o.TrackingCode).IsUnique();
    }
}
