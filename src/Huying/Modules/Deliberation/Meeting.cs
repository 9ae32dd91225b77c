using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Deliberation;

/// <summary>议事亭 / 议事长廊: where residents deliberate; its quorum rule applies to every decision taken there.</summary>
public sealed class Venue : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Name { get; set; }
    public string? Place { get; set; }
    public int Capacity { get; set; }
    /// <summary>At least this many participants present.</summary>
    public int QuorumMinimum { get; set; } = 5;
    /// <summary>And more than this share (percent) of those invited.</summary>
    public int QuorumPercent { get; set; } = 50;

    public bool HasQuorum(int invited, int present) =>
        present >= QuorumMinimum && present * 100 > invited * QuorumPercent;
}

[Localized]
public enum ParticipantKind
{
    ResidentRepresentative = 1,
    BranchMember = 2,
    PropertyCommittee = 3,
    UnitRepresentative = 4,
    GridWorker = 5,
}

/// <summary>A participant's kind as people write it: its code (ResidentRepresentative) or its Chinese name (居民代表).</summary>
public static class ParticipantKinds
{
    public static ParticipantKind? Parse(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }
        if (!t.All(char.IsDigit) && Enum.TryParse<ParticipantKind>(t, true, out var kind) && Enum.IsDefined(kind))
        {
            return kind;
        }
        foreach (var k in Enum.GetValues<ParticipantKind>())
        {
            if (string.Equals(Huying.Platform.Localization.Tr.Public(k.ToString()), t, StringComparison.Ordinal))
            {
                return k;
            }
        }
        return null;
    }
}

public sealed class Meeting : IAudited, ICommunityScoped, IVersioned
{
    /// <summary>Bumped by the context on every save; of two changes at once, the second is refused (409).</summary>
    public int Version { get; set; }
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long VenueId { get; set; }
    public Venue? Venue { get; set; }
    public required string Title { get; set; }
    public DateTime ScheduledAt { get; set; }
    public DateTime? HeldAt { get; set; }
    public string? Minutes { get; set; }
    /// <summary>The announcement (议事会预告) on the notice board, kept current as topics join the agenda.</summary>
    public long? NoticeId { get; set; }
    public List<Participant> Participants { get; set; } = [];

    public int Invited => Participants.Count;
    public int Present => Participants.Count(p => p.Present);
    public bool HasQuorum => Venue is not null && Venue.HasQuorum(Invited, Present);
}

/// <summary>An invited participant; names stay inside the community's own pages.</summary>
public sealed class Participant
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    public required string Name { get; set; }
    public ParticipantKind Kind { get; set; }
    public bool Present { get; set; }
}

/// <summary>An option discussed for a topic, with its vote count (counted, or summed from named votes).</summary>
public sealed class DeliberationOption : IAudited
{
    public long Id { get; set; }
    public long TopicId { get; set; }
    public long MeetingId { get; set; }
    public required string Text { get; set; }
    public int For { get; set; }
    public int Against { get; set; }
    public int Abstain { get; set; }
}

public enum VoteChoice
{
    For = 1,
    Against = 2,
    Abstain = 3,
}

/// <summary>A named participant's vote on an option, when the meeting votes by name.</summary>
public sealed class Vote
{
    public long Id { get; set; }
    public long OptionId { get; set; }
    public long ParticipantId { get; set; }
    public VoteChoice Choice { get; set; }
}

public sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> b)
    {
        b.ToTable("Venues");
        b.Property(v => v.CommunityCode).HasMaxLength(12);
        b.Property(v => v.Name).HasMaxLength(100);
        b.Property(v => v.Place).HasMaxLength(200);
    }
}

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("Meetings");
        b.Property(m => m.CommunityCode).HasMaxLength(12);
        b.Property(m => m.Title).HasMaxLength(200);
        b.Property(m => m.Minutes).HasMaxLength(20000);
        b.HasOne(m => m.Venue).WithMany().HasForeignKey(m => m.VenueId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Participants).WithOne().HasForeignKey(p => p.MeetingId);
        b.HasIndex(m => new { m.CommunityCode, m.ScheduledAt });
        b.Ignore(m => m.Invited);
        b.Ignore(m => m.Present);
        b.Ignore(m => m.HasQuorum);
    }
}

public sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> b)
    {
        b.ToTable("Participants");
        b.Property(p => p.Name).HasMaxLength(50);
    }
}

public sealed class DeliberationOptionConfiguration : IEntityTypeConfiguration<DeliberationOption>
{
    public void Configure(EntityTypeBuilder<DeliberationOption> b)
    {
        b.ToTable("DeliberationOptions");
        b.Property(o => o.Text).HasMaxLength(1000);
        b.HasIndex(o => o.TopicId);
    }
}

public sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> b)
    {
        b.ToTable("Votes");
        b.HasIndex(v => new { v.OptionId, v.ParticipantId }).IsUnique();
    }
}
