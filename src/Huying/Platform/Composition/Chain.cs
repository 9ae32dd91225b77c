using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Huying.Platform.Composition;

/// <summary>A record in a traceable chain (履历): its kind (a module's word, "matter", "need" …) and id.</summary>
public readonly record struct ChainRef(string Kind, long Id)
{
    public override string ToString() => $"{Kind}:{Id}";

    /// <summary>Reads "kind:id" (what a link or a form carries); null when it is not one.</summary>
    public static ChainRef? Parse(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && colon < 40 && long.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? new ChainRef(text![..colon], id) : null;
    }
}

/// <summary>
/// One record of a chain as its module shows it: the stage it stands for, what and when, where it is seen, its state,
/// and the records it knows it leads to or comes from. A hub (a meeting with many topics on its agenda) is shown but
/// not walked through, so one matter's chain does not pull in everything its meeting decided. <see cref="Text"/> is
/// what a next record starts from (a matter's words, a need's description, a topic's decision; null when there is none yet).
/// </summary>
public sealed record ChainRecord(ChainRef Ref, string Stage, string Title, DateTime At, string Link, string? State, string Community,
    IReadOnlyList<ChainRef> Links, bool Hub = false, string? Text = null, string? Place = null);

/// <summary>
/// How a module takes part in traceable chains without naming the others (register with <c>AddChainLinks&lt;T&gt;()</c>):
/// given the records reached so far, of any kind, it returns its own records among them and those of its records that
/// point at them, read in the caller's scope.
/// </summary>
public interface IChainLinks
{
    Task<IReadOnlyList<ChainRecord>> AroundAsync(IReadOnlyCollection<ChainRef> reached, CancellationToken ct);
}

/// <summary>Walks a chain from one record both ways through every module's links (breadth first, bounded).</summary>
public sealed class Chains(IEnumerable<IChainLinks> sources)
{
    /// <summary>The most records one chain shows: a chain is a story, not a listing.</summary>
    public const int MaxRecords = 120;

    /// <summary>The whole chain through a record in time order; null when the record is not there or not in scope.</summary>
    public async Task<IReadOnlyList<ChainRecord>?> WalkAsync(ChainRef start, CancellationToken ct) => await WalkAsync(start, 12, ct);

    /// <summary>The record itself; null when it is not there or not in scope.</summary>
    public async Task<ChainRecord?> RecordAsync(ChainRef start, CancellationToken ct)
    {
        foreach (var source in sources)
        {
            if ((await source.AroundAsync([start], ct)).FirstOrDefault(r => r.Ref == start) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>The record and those right before and after it (both directions), in time order; null when it is not in scope.</summary>
    public async Task<(ChainRecord Self, IReadOnlyList<ChainRecord> Around)?> NeighboursAsync(ChainRef start, CancellationToken ct)
    {
        var walked = await WalkAsync(start, 2, ct);
        if (walked?.FirstOrDefault(r => r.Ref == start) is not { } self)
        {
            return null;
        }
        return (self, [.. walked.Where(r => r.Ref != start && (self.Links.Contains(r.Ref) || r.Links.Contains(start)))]);
    }

    private async Task<IReadOnlyList<ChainRecord>?> WalkAsync(ChainRef start, int rounds, CancellationToken ct)
    {
        var found = new Dictionary<ChainRef, ChainRecord>();
        var asked = new HashSet<ChainRef>();
        var frontier = new List<ChainRef> { start };
        for (var round = 0; round < rounds && frontier.Count > 0 && found.Count < MaxRecords; round++)
        {
            asked.UnionWith(frontier);
            var next = new List<ChainRef>();
            // One after another: the sources share the request's DbContext.
            foreach (var source in sources)
            {
                foreach (var record in await source.AroundAsync(frontier, ct))
                {
                    if (found.Count >= MaxRecords || !found.TryAdd(record.Ref, record) || (record.Hub && record.Ref != start))
                    {
                        continue;
                    }
                    next.Add(record.Ref);
                    next.AddRange(record.Links);
                }
            }
            if (round == 0 && !found.ContainsKey(start))
            {
                return null;
            }
            frontier = [.. next.Distinct().Where(r => !asked.Contains(r))];
        }
        return [.. found.Values.OrderBy(r => r.At).ThenBy(r => r.Ref.Kind, StringComparer.Ordinal).ThenBy(r => r.Ref.Id)];
    }
}

/// <summary>
/// What a module offers to do with another module's record, shown with its chain links (a topic raised from a matter,
/// a need from a topic's decision): the label, the kinds it applies to, who may, and the page it opens given the record
/// and the records around it (null: not for this one — say, a topic was raised from it already).
/// </summary>
public sealed record ChainAction(string Id, string Label, IReadOnlyList<string> Kinds, string Policy, Func<ChainRecord, IReadOnlyList<ChainRecord>, string?> Link);

public static class ChainSetup
{
    /// <summary>Offers a next step on the records of other modules' kinds.</summary>
    public static IServiceCollection AddChainAction(this IServiceCollection services, ChainAction action) => services.AddSingleton(action);

    /// <summary>Lets a module take part in chains (the walker is registered with the first).</summary>
    public static IServiceCollection AddChainLinks<T>(this IServiceCollection services) where T : class, IChainLinks
    {
        services.TryAddScoped<Chains>();
        return services.AddScoped<IChainLinks, T>();
    }
}

/// <summary>A record of a chain as the API gives it.</summary>
public sealed record ChainRecordDto(string Kind, long Id, string Stage, string Title, DateTime At, string Link, string? State, string Community,
    IReadOnlyList<string> Links, bool Hub);

public static class ChainApi
{
    public static ChainRecordDto ToDto(this ChainRecord r) =>
        new(r.Ref.Kind, r.Ref.Id, r.Stage, r.Title, r.At, r.Link, r.State, r.Community, [.. r.Links.Select(l => l.ToString())], r.Hub);

    /// <summary>GET /api/chain/{kind}/{id}: the whole chain through a record, in time order, in the caller's scope.</summary>
    public static IEndpointRouteBuilder MapChainApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/chain/{kind}/{id:long}", async Task<Results<Ok<Web.ListOf<ChainRecordDto>>, NotFound<Web.ProblemDetailsBody>>> (string kind, long id,
            Chains chains, CancellationToken ct) =>
            await chains.WalkAsync(new ChainRef(kind, id), ct) is { } chain
                ? TypedResults.Ok(new Web.ListOf<ChainRecordDto>([.. chain.Select(r => r.ToDto())]))
                : Web.ProblemSetup.NotFound())
            .WithTags("Chain").RequireAuthorization(Accounts.Policies.Staff)
            .WithSummary("The traceable chain (履历) through a record: matters, needs, topics, meetings, projects, notices, commendations, linked both ways");
        return app;
    }
}
