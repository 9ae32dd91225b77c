namespace Huying.Platform.Data;

/// <summary>
/// What the current caller may see. Every scoped entity is filtered by it in the data layer (query filters in
/// <see cref="HuyingDbContext"/>), so a page or endpoint cannot forget it.
/// </summary>
public sealed class DataScope : IScopeSource
{
    DataScope IScopeSource.Current => this;

    /// <summary>Background work, seeding and command-line tools see everything.</summary>
    public static DataScope System { get; } = new() { All = true, CareAll = true, Actor = new Actor(null, "system", null) };

    /// <summary>An anonymous web request sees nothing that is scoped.</summary>
    public static DataScope Nobody { get; } = new() { Actor = new Actor(null, "anonymous", null) };

    public bool All { get; init; }

    /// <summary>Community (12-digit) codes the caller may see.</summary>
    public IReadOnlyList<string> Communities { get; init; } = [];

    /// <summary>When set, grid-level records are further limited to <see cref="Grids"/>.</summary>
    public bool GridRestricted { get; init; }

    public IReadOnlyList<long> Grids { get; init; } = [];

    /// <summary>A partner-unit liaison sees its own unit only.</summary>
    public long? PartnerUnitId { get; init; }

    public long? PersonId { get; init; }

    /// <summary>
    /// The villages whose care records (health aid) the caller sees: those of its scope when it holds a care role,
    /// none otherwise — <see cref="All"/> (an administrator) does not reach them.
    /// </summary>
    public IReadOnlyList<string> CareCommunities { get; init; } = [];

    /// <summary>Background work, seeding and command-line tools only.</summary>
    public bool CareAll { get; init; }

    public Actor Actor { get; init; } = new(null, "anonymous", null);
}

/// <summary>Who acts, for the audit trail.</summary>
public sealed record Actor(long? UserId, string UserName, string? Address);

/// <summary>Where a context reads its scope at query time.</summary>
public interface IScopeSource
{
    DataScope Current { get; }
}
