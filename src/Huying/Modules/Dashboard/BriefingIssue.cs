using System.Text.RegularExpressions;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Dashboard;

public enum BriefingStatus
{
    Draft = 1,
    Published = 2,
}

/// <summary>The saved briefings, as members of the context.</summary>
public static class BriefingData
{
    extension(HuyingDbContext db)
    {
        public DbSet<BriefingIssue> BriefingIssues => db.Set<BriefingIssue>();
        public DbSet<BriefingSection> BriefingSections => db.Set<BriefingSection>();
    }
}

/// <summary>
/// A briefing kept to be edited and published (一期简报): the generated text of a division and period as it was written,
/// each paragraph's edited text beside it, and — once published — the notices it went out as. Who may read it is
/// decided by its division (every community under it in the reader's scope), in <see cref="BriefingIssues"/>.
/// </summary>
public sealed class BriefingIssue : IAudited, IVersioned
{
    public int Version { get; set; }
    public long Id { get; set; }
    public required string Division { get; set; }
    public required string DivisionName { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public required string Title { get; set; }
    public BriefingStatus Status { get; set; } = BriefingStatus.Draft;
    /// <summary>Drafted by the monthly schedule (on the 1st, for last month) rather than by a person.</summary>
    public bool Scheduled { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>How many community notice boards it went out on (党务公开), and the first notice.</summary>
    public int NoticeCount { get; set; }
    public long? FirstNoticeId { get; set; }
    public List<BriefingSection> Sections { get; set; } = [];
}

/// <summary>One practice's paragraph of a saved briefing: as generated, as edited, and the figures behind it (JSON).</summary>
public sealed class BriefingSection : IAudited
{
    public long Id { get; set; }
    public long IssueId { get; set; }
    public int Order { get; set; }
    public required string Practice { get; set; }
    public required string Generated { get; set; }
    public required string Text { get; set; }
    public required string FiguresJson { get; set; }

    public bool Edited => Text != Generated;

    /// <summary>The numbers the editor took out and put in (empty when the edit changed words only).</summary>
    public (IReadOnlyList<string> Removed, IReadOnlyList<string> Added) ChangedNumbers() => BriefingNumbers.Changed(Generated, Text);
}

/// <summary>The numbers of a text as such reports write them ("2400余", "95%", "780万", "7"), to tell an edit that changes one.</summary>
public static partial class BriefingNumbers
{
    public static IReadOnlyList<string> Of(string text) => [.. Number().Matches(text).Select(m => m.Value)];

    public static (IReadOnlyList<string> Removed, IReadOnlyList<string> Added) Changed(string before, string after)
    {
        var (was, now) = (Of(before).ToList(), Of(after).ToList());
        var removed = new List<string>();
        foreach (var n in was)
        {
            if (!now.Remove(n))
            {
                removed.Add(n);
            }
        }
        return (removed, now);
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)*(?:余|多)?(?:万|亿)?(?:%|％)?")]
    private static partial Regex Number();
}

public sealed class BriefingIssueConfiguration : IEntityTypeConfiguration<BriefingIssue>
{
    public void Configure(EntityTypeBuilder<BriefingIssue> b)
    {
        b.ToTable("BriefingIssues");
        b.Property(x => x.Division).HasMaxLength(12);
        b.Property(x => x.DivisionName).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.PublishedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.Division, x.To });
        b.HasMany(x => x.Sections).WithOne().HasForeignKey(s => s.IssueId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BriefingSectionConfiguration : IEntityTypeConfiguration<BriefingSection>
{
    public void Configure(EntityTypeBuilder<BriefingSection> b)
    {
        b.ToTable("BriefingSections");
        b.Property(x => x.Practice).HasMaxLength(50);
        b.Property(x => x.Generated).HasMaxLength(8000);
        b.Property(x => x.Text).HasMaxLength(8000);
        b.Property(x => x.FiguresJson).HasMaxLength(20000);
        b.Ignore(x => x.Edited);
        b.HasIndex(x => new { x.IssueId, x.Order }).IsUnique();
    }
}
