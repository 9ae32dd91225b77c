using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Organisation;

public enum Gender
{
    Unknown = 0,
    Male = 1,
    Female = 2,
}

/// <summary>
/// A resident. ID number and mobile are never stored in clear: a protected copy for permitted reveals, a keyed
/// hash for exact search and the masked form for display.
/// </summary>
public sealed class Person : IAudited, ICommunityScoped, IVersioned
{
    /// <summary>Bumped by the context on every save; of two changes at once, the second is refused (409).</summary>
    public int Version { get; set; }
    public long Id { get; set; }
    public required string Name { get; set; }
    public Gender Gender { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? IdNumberCipher { get; set; }
    public string? IdNumberHash { get; set; }
    public string? IdNumberMasked { get; set; }
    public string? PhoneCipher { get; set; }
    public string? PhoneHash { get; set; }
    public string? PhoneMasked { get; set; }
    /// <summary>The last four characters, which a masked number still shows: searchable through an index.</summary>
    public string? IdNumberTail { get; set; }
    public string? PhoneTail { get; set; }
    public required string CommunityCode { get; set; }
    public long GridId { get; set; }
    public long HouseholdId { get; set; }
    public Household? Household { get; set; }
    public List<string> Tags { get; set; } = [];
    /// <summary>户籍地: a division code that may differ from the residence.</summary>
    public string? RegistrationCode { get; set; }
    public bool IsPartyMember { get; set; }
    public long? PartyOrganisationId { get; set; }
    /// <summary>在职党员: the partner unit the member works for.</summary>
    public long? InServiceUnitId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public void SetIdNumber(Huying.Platform.Privacy.StoredValue value) =>
        (IdNumberCipher, IdNumberHash, IdNumberMasked, IdNumberTail) = (value.Cipher, value.Hash, value.Masked, value.Tail);

    public void SetPhone(Huying.Platform.Privacy.StoredValue value) =>
        (PhoneCipher, PhoneHash, PhoneMasked, PhoneTail) = (value.Cipher, value.Hash, value.Masked, value.Tail);

    public void MoveTo(Household household)
    {
        HouseholdId = household.Id;
        GridId = household.GridId;
        CommunityCode = household.CommunityCode;
    }
}

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("People");
        b.Property(p => p.Name).HasMaxLength(50);
        b.Property(p => p.CommunityCode).HasMaxLength(12);
        b.Property(p => p.RegistrationCode).HasMaxLength(12);
        b.Property(p => p.IdNumberCipher).HasMaxLength(400);
        b.Property(p => p.IdNumberHash).HasMaxLength(64);
        b.Property(p => p.IdNumberMasked).HasMaxLength(18);
        b.Property(p => p.PhoneCipher).HasMaxLength(400);
        b.Property(p => p.PhoneHash).HasMaxLength(64);
        b.Property(p => p.PhoneMasked).HasMaxLength(11);
        // One person per ID number in the installation: the check in code says so kindly, the index holds under races.
        b.HasIndex(p => p.IdNumberHash).IsUnique().HasFilter("\"IdNumberHash\" IS NOT NULL");
        b.HasIndex(p => p.PhoneHash);
        b.Property(p => p.IdNumberTail).HasMaxLength(4);
        b.Property(p => p.PhoneTail).HasMaxLength(4);
        b.HasIndex(p => new { p.CommunityCode, p.Name });
        // Counting residents and party members per community reads this index only.
        b.HasIndex(p => new { p.CommunityCode, p.IsPartyMember });
        b.HasIndex(p => p.IdNumberTail);
        b.HasIndex(p => p.PhoneTail);
        b.HasIndex(p => p.GridId);
        b.HasIndex(p => p.HouseholdId);
        b.HasOne(p => p.Household).WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}
