using Huying.Platform.Accounts;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Ratings;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Matters;

/// <summary>One step of a matter's timeline: who (by role and unit), when, from which state to which, note, files.</summary>
public sealed class MatterEvent
{
    public long Id { get; set; }
    public long MatterId { get; set; }
    public DateTime At { get; set; }
    public required string Action { get; set; }
    public MatterState? FromState { get; set; }
    public MatterState ToState { get; set; }
    public long? ActorUserId { get; set; }
    /// <summary>The role acted in (GridWorker, UnitLiaison, Resident, System …): what the public timeline shows.</summary>
    public required string ActorRole { get; set; }
    public string? ActorUnit { get; set; }
    public string? Note { get; set; }
    /// <summary>Internal notes (e.g. a refused extension's reasoning) are shown to staff only.</summary>
    public bool Internal { get; set; }
}

public sealed class MatterConfiguration : IEntityTypeConfiguration<Matter>
{
    public void Configure(EntityTypeBuilder<Matter> b)
    {
        b.ToTable("Matters");
        b.Property(m => m.TrackingCode).HasMaxLength(16);
        b.Property(m => m.CommunityCode).HasMaxLength(12);
        b.Property(m => m.Address).HasMaxLength(200);
        b.Property(m => m.CategoryCode).HasMaxLength(40);
        b.Property(m => m.Description).HasMaxLength(2000);
        b.Property(m => m.ReporterName).HasMaxLength(50);
        b.Property(m => m.ReporterPhoneCipher).HasMaxLength(400);
        b.Property(m => m.ReporterPhoneHash).HasMaxLength(64);
        b.Property(m => m.ReporterPhoneMasked).HasMaxLength(20);
        b.Property(m => m.HotlineOrderNo).HasMaxLength(40);
        b.Property(m => m.AttributesJson).HasMaxLength(4000);
        b.Property(m => m.RejectReason).HasMaxLength(1000);
        b.Property(m => m.RatingComment).HasMaxLength(1000);
        b.Ignore(m => m.ActedBy);
        b.HasIndex(m => m.TrackingCode).IsUnique();
        b.Property(m => m.Open311Token).HasMaxLength(40);
        b.HasIndex(m => m.HotlineOrderNo).IsUnique().HasFilter("\"HotlineOrderNo\" IS NOT NULL");
        b.HasIndex(m => m.Open311Token).IsUnique().HasFilter("\"Open311Token\" IS NOT NULL");
        // A grid worker's queue, a community's queue, a unit's inbox, the deadline sweep and KPI edges. On the
        // community's, the scope filter's columns (grid, unit, reporter) ride along: the filter's branches are decided
        // by bound parameters the planner cannot fold, so without them every open matter's row is read from the table
        // to test a branch not taken (a city's overdue count: 184 ms reading rows, 34 ms from the index alone, at 1M
        // matters). The grid's stays narrow: made covering too, the planner took the community's for a grid worker's
        // workbench and read the whole community (80 → 500 ms).
        b.HasIndex(m => new { m.GridId, m.State, m.DueAt });
        b.HasIndex(m => new { m.CommunityCode, m.State, m.DueAt, m.UnitId, m.GridId, m.ReporterPersonId });
        b.HasIndex(m => new { m.UnitId, m.State }).HasFilter("\"UnitId\" IS NOT NULL");
        // What is overdue now, across a county or the city: the open matters by deadline (a tenth of all, closed
        // ones left out), with the scope filter's columns, so the count reads the index alone and the longest
        // overdue are its first entries. Without it a city's count read all its matters' community index (85 ms at 1M).
        b.HasIndex(m => new { m.DueAt, m.CommunityCode, m.GridId, m.UnitId, m.ReporterPersonId }, "IX_Matters_Open_DueAt")
            .HasFilter($"\"State\" <= {(int)MatterState.Verified} AND \"DueAt\" IS NOT NULL");
        // The few matters sent back for rework (their tab): without it, counting them read every matter's row (1.5 s at 1M).
        b.HasIndex(m => new { m.CommunityCode, m.GridId, m.UnitId, m.ReporterPersonId }, "IX_Matters_Reworked").HasFilter("\"ReopenCount\" > 0");
        b.HasIndex(m => new { m.CommunityCode, m.SubmittedAt });
        // A resident's own matters (their home card and the data layer's "own only" filter).
        b.HasIndex(m => m.ReporterPersonId).HasFilter("\"ReporterPersonId\" IS NOT NULL");
        // The few matters with an extension waiting for the secretary (their queue and home count).
        b.HasIndex(m => new { m.CommunityCode, m.ExtensionRequestedUntil }).HasFilter("\"ExtensionRequestedUntil\" IS NOT NULL");
        b.HasMany(m => m.Events).WithOne().HasForeignKey(e => e.MatterId);
        b.Ignore(m => m.Outbox);
    }
}

public sealed class MatterEventConfiguration : IEntityTypeConfiguration<MatterEvent>
{
    public void Configure(EntityTypeBuilder<MatterEvent> b)
    {
        b.ToTable("MatterEvents");
        b.Property(e => e.Action).HasMaxLength(30);
        b.Property(e => e.ActorRole).HasMaxLength(30);
        b.Property(e => e.ActorUnit).HasMaxLength(200);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.HasIndex(e => new { e.MatterId, e.Id });
    }
}
