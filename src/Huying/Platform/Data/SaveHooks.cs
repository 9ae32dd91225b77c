namespace Huying.Platform.Data;

/// <summary>
/// Work a module does inside every save: <see cref="Capture"/> reads the tracked changes before the rows are
/// written and returns what to do after them, in the same transaction (or null when the save concerns it not).
/// </summary>
public interface ISaveHook
{
    Func<CancellationToken, Task>? Capture(HuyingDbContext db);

    /// <summary>Rebuilds what the hook keeps from the rows themselves (after bulk SQL, or to check it): `recount`.</summary>
    Task RecountAsync(HuyingDbContext db, CancellationToken ct);
}

/// <summary>
/// An entity guarded by optimistic concurrency: the context bumps <see cref="Version"/> whenever the entity is
/// saved changed, so of two people changing it at once the second save fails (409).
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>
/// Told, after a transaction commits, which communities' records it changed (what a public page of theirs may show):
/// a cache of those pages forgets them. Never told of a rolled-back change; told nothing of raw SQL.
/// </summary>
public interface ICommitListener
{
    Task CommittedAsync(IReadOnlyCollection<string> communities, CancellationToken ct);
}
