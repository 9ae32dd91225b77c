using System.Collections.Concurrent;

namespace Huying.Platform.Composition;

/// <summary>
/// Counts made once per request and read by whoever asks again: the dashboard and the briefing's sections ask for the
/// same KPI report and organisation summary. A request's scope has one; a briefing's sections, each in a scope of
/// its own, are given the request's (<see cref="ShareWith"/>), so a count asked by two of them at once is made once
/// and both await it. Keys name the count and everything it depends on.
/// </summary>
public sealed class SharedCounts
{
    private ConcurrentDictionary<object, Lazy<Task<object?>>> counts = new();

    /// <summary>From now on, reads and keeps counts in <paramref name="other"/>'s (a child scope joining its request).</summary>
    public void ShareWith(SharedCounts other) => counts = other.counts;

    public async Task<T> GetAsync<T>(object key, Func<Task<T>> count) =>
        (T)(await counts.GetOrAdd(key, _ => new Lazy<Task<object?>>(async () => await count())).Value)!;
}
