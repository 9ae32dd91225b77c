using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Platform.Notifications;

public enum NotificationChannel
{
    InApp = 1,
    Sms = 2,
}

public enum Audience
{
    Handler = 1,
    Resident = 2,
    Supervisor = 3,
}

/// <summary>
/// The outbox: written in the same transaction as what it reports, so nothing acknowledged is lost; in-app
/// notifications are visible at once, text messages are delivered (and retried) by the dispatcher.
/// </summary>
public sealed class Notification : ICommunityScoped
{
    public long Id { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The kind of record it is about (Matter, Project …) and that record's id.</summary>
    public string? SubjectType { get; set; }
    public long? SubjectId { get; set; }
    /// <summary>Where the record is seen (/matters/12); empty when there is nothing to open.</summary>
    public string? Link { get; set; }
    /// <summary>An English key of the localization dictionary (e.g. "Matter overdue").</summary>
    public required string Kind { get; set; }
    public required string Subject { get; set; }
    public required string CommunityCode { get; set; }
    public long? GridId { get; set; }
    public long? UnitId { get; set; }
    public Audience Audience { get; set; }
    public NotificationChannel Channel { get; set; }
    public string? PhoneCipher { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Someone of the audience it is not for: the one whose act it reports (a resolver is not asked to verify).</summary>
    public long? NotForUserId { get; set; }
    /// <summary>One person it is for alone (a party member's reminder): only they read it, whatever their scope.</summary>
    public long? ForUserId { get; set; }
}

/// <summary>One person's read mark on one notification (marks above the person's cursor).</summary>
public sealed class NotificationRead
{
    public long UserId { get; set; }
    public long NotificationId { get; set; }
    public DateTime ReadAt { get; set; }
}

/// <summary>A person's "all read up to here": every notification with an id at or below it counts as read.</summary>
public sealed class NotificationCursor
{
    public long UserId { get; set; }
    public long ReadToId { get; set; }
}

public sealed class NotificationReadConfiguration : IEntityTypeConfiguration<NotificationRead>, IEntityTypeConfiguration<NotificationCursor>
{
    public void Configure(EntityTypeBuilder<NotificationRead> b)
    {
        b.ToTable("NotificationReads");
        b.HasKey(x => new { x.UserId, x.NotificationId });
    }

    public void Configure(EntityTypeBuilder<NotificationCursor> b)
    {
        b.ToTable("NotificationCursors");
        b.HasKey(x => x.UserId);
        b.Property(x => x.UserId).ValueGeneratedNever();
    }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(x => x.Kind).HasMaxLength(60);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.SubjectType).HasMaxLength(40);
        b.Property(x => x.Link).HasMaxLength(200);
        b.Property(x => x.CommunityCode).HasMaxLength(12);
        b.Property(x => x.PhoneCipher).HasMaxLength(400);
        b.Property(x => x.LastError).HasMaxLength(500);
        b.HasIndex(x => new { x.Channel, x.DeliveredAt, x.NextAttemptAt });
        b.HasIndex(x => new { x.CommunityCode, x.CreatedAt });
        b.HasIndex(x => new { x.SubjectType, x.SubjectId });
        b.HasIndex(x => new { x.ForUserId, x.Id }).HasFilter("\"ForUserId\" IS NOT NULL");
    }
}
