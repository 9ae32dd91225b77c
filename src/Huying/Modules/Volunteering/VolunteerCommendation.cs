using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Volunteering;

public sealed record CommendationInput(string? Title, string? AwardedBy, DateOnly? AwardedOn, string? Note);

/// <summary>
/// A commendation on a volunteer's record (优秀志愿者, 最美志愿者 …): what it was, who gave it and when. Organisers record
/// it; it appears on the volunteer's record, their own page and the service-record certificate.
/// </summary>
public sealed class VolunteerCommendation : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public long VolunteerId { get; set; }

    /// <summary>The volunteer's community: who may see and withdraw it.</summary>
    public required string CommunityCode { get; set; }

    public required string Title { get; set; }
    public required string AwardedBy { get; set; }
    public DateOnly AwardedOn { get; set; }
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

public sealed class VolunteerCommendationConfiguration : IEntityTypeConfiguration<VolunteerCommendation>
{
    public void Configure(EntityTypeBuilder<VolunteerCommendation> b)
    {
        b.ToTable("VolunteerCommendations");
        b.Property(c => c.CommunityCode).HasMaxLength(12);
        b.Property(c => c.Title).HasMaxLength(60);
        b.Property(c => c.AwardedBy).HasMaxLength(100);
        b.Property(c => c.Note).HasMaxLength(300);
        b.Property(c => c.RecordedBy).HasMaxLength(100);
        b.HasOne<Volunteer>().WithMany().HasForeignKey(c => c.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.VolunteerId);
        b.HasIndex(c => c.CommunityCode);
    }
}

/// <summary>Commendations: recorded and withdrawn by the volunteer's organisers, read with the record.</summary>
public sealed partial class VolunteeringService
{
    public async Task<VolunteerCommendation> CommendAsync(Volunteer volunteer, CommendationInput input, CancellationToken ct)
    {
        user.Require(VolunteeringPolicies.Organise);
        var title = input.Title?.Trim() ?? "";
        var by = input.AwardedBy?.Trim() ?? "";
        var today = DateOnly.FromDateTime(Display.Local(Now));
        var errors = new FieldErrors()
            .Add("title", title.Length == 0 ? "Name the commendation" : Long(title, 60))
            .Add("awardedBy", by.Length == 0 ? "Say who gave it" : Long(by, 100))
            .Add("awardedOn", input.AwardedOn is not { } on ? "Give the date it was awarded"
                : on > today ? "The date cannot be in the future" : on.Year < 1950 ? "The date is too early" : null)
            .Add("note", Long(input.Note, 300));
        errors.ThrowIfAny();
        var commendation = new VolunteerCommendation
        {
            VolunteerId = volunteer.Id, CommunityCode = volunteer.CommunityCode, Title = title, AwardedBy = by, AwardedOn = input.AwardedOn!.Value,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(), RecordedBy = user.Principal?.Identity?.Name ?? "system", RecordedAt = Now,
        };
        db.Add(commendation);
        await db.SaveChangesAsync(ct);
        return commendation;
    }

    /// <summary>Withdraws a commendation recorded by mistake (the audit trail keeps it); null when the volunteer has no such one.</summary>
    public async Task<VolunteerCommendation?> WithdrawCommendationAsync(Volunteer volunteer, long id, CancellationToken ct)
    {
        user.Require(VolunteeringPolicies.Organise);
        if (await db.Set<VolunteerCommendation>().FirstOrDefaultAsync(c => c.Id == id && c.VolunteerId == volunteer.Id, ct) is not { } commendation)
        {
            return null;
        }
        db.Remove(commendation);
        await db.SaveChangesAsync(ct);
        return commendation;
    }

    /// <summary>A volunteer's commendations, newest first (the volunteer was found in scope, or is the caller).</summary>
    public Task<List<VolunteerCommendation>> CommendationsAsync(long volunteerId, CancellationToken ct) =>
        db.Set<VolunteerCommendation>().IgnoreQueryFilters().AsNoTracking().Where(c => c.VolunteerId == volunteerId)
            .OrderByDescending(c => c.AwardedOn).ThenByDescending(c => c.Id).ToListAsync(ct);
}
