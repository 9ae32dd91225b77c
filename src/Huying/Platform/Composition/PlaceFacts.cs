namespace Huying.Platform.Composition;

/// <summary>A figure a module shows on a community's page: what it is, its value, and the records behind it.</summary>
public sealed record PlaceFact(string Id, string Label, string Value, string? Link);

/// <summary>
/// How a module adds its figures to a community's page without that page reading the module's tables (register
/// with AddScoped&lt;IPlaceFacts, …&gt;; the page shows every module's, in the caller's scope).
/// </summary>
public interface IPlaceFacts
{
    Task<IReadOnlyList<PlaceFact>> ForCommunityAsync(string community, CancellationToken ct);
}

/// <summary>Something residents asked for in a place that is still open (a matter, a need): what, since when, where it is seen.</summary>
public sealed record OpenAsk(string Key, string Source, string Title, DateOnly Since, string? Link);

/// <summary>
/// How a module offers a place's open asks to another (the pledges' opinion list suggests them) without either naming
/// the other (register with AddScoped&lt;IOpenAsks, …&gt;; read in the caller's scope).
/// </summary>
public interface IOpenAsks
{
    Task<IReadOnlyList<OpenAsk>> OpenInAsync(string community, int max, CancellationToken ct);
}

/// <summary>
/// A module whose records residents follow by a tracking code of its own: the public look-up box (/track) asks each
/// for the page of a code it does not know itself.
/// </summary>
public interface ITrackedRecords
{
    Task<string?> PageOfAsync(string code, CancellationToken ct);
}

/// <summary>A card on a community's public page leading to a module's public page: its title, what it offers, where.</summary>
public sealed record PublicEntry(string Id, string Title, string Text, string Link);

/// <summary>
/// How a module offers its public pages on a community's public page where they apply (the heritage report where the
/// city keeps sites), without that page naming the module (register with AddScoped&lt;IPublicEntries, …&gt;).
/// </summary>
public interface IPublicEntries
{
    Task<IReadOnlyList<PublicEntry>> ForCommunityAsync(string community, CancellationToken ct);
}
