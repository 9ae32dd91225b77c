using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Data;
using Microsoft.Extensions.Caching.Memory;

namespace Huying.Platform.Accounts;

/// <summary>Turns the signed-in user's claims into the <see cref="DataScope"/> the database filters by.</summary>
public sealed class ScopeResolver(ICommunityDirectory directory, IMemoryCache cache)
{
    public DataScope Resolve(HttpContext? http)
    {
        if (http is null)
        {
            return DataScope.System;
        }
        var address = http.Connection.RemoteIpAddress?.ToString();
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return new DataScope { Actor = new Actor(null, "anonymous", address) };
        }
        var actor = new Actor(
            user.UserId(),
            user.Identity.Name ?? "?", address);
        if (user.IsInRole(Roles.Admin))
        {
            return new DataScope { All = true, Actor = actor };
        }
        var prefixes = user.FindAll(ScopeClaims.Division).Select(c => c.Value).ToArray();
        var grids = user.FindAll(ScopeClaims.Grid)
            .Select(c => long.Parse(c.Value, CultureInfo.InvariantCulture)).ToArray();
        var communities = CommunitiesUnder(prefixes);
        return new DataScope
        {
            Communities = communities,
            CareCommunities = user.Holds(Policies.Care) ? communities : [],
            GridRestricted = grids.Length > 0 || user.IsInRole(Roles.UnitLiaison) || OnlyResidentLike(user),
            Grids = grids,
            PartnerUnitId = long.TryParse(user.FindFirstValue(ScopeClaims.Unit), out var unit) ? unit : null,
            PersonId = long.TryParse(user.FindFirstValue(ScopeClaims.Person), out var person) ? person : null,
            Actor = actor,
        };
    }

    /// <summary>Residents, members and volunteers see community-level records, never other people's households (the care
    /// roles see their villagers, whose records they keep).</summary>
    private static bool OnlyResidentLike(ClaimsPrincipal user) =>
        !user.Holds(Policies.Staff) && !user.Holds(Policies.Care);

    /// <summary>
    /// The communities on Huying beneath the given division prefixes, in code order. Cached with the codes (communities
    /// rarely change): every request of a signed-in user asks, so a set of prefixes is expanded once a minute, each by
    /// a binary search of the sorted codes, not by a scan of them all.
    /// </summary>
    public IReadOnlyList<string> CommunitiesUnder(IReadOnlyCollection<string> prefixes)
    {
        if (prefixes.Count == 0)
        {
            return [];
        }
        var codes = cache.GetOrCreate("community-codes", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return new Codes([.. directory.CommunityCodes().Order(StringComparer.Ordinal)]);
        })!;
        return codes.Under.GetOrAdd(prefixes.Count == 1 ? prefixes.First() : string.Join('\n', prefixes.Order(StringComparer.Ordinal)),
            static (_, state) => state.codes.Expand(state.prefixes), (codes, prefixes));
    }

    private sealed record Codes(string[] Sorted)
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> Under { get; } = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Expand(IReadOnlyCollection<string> prefixes)
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var prefix in prefixes)
            {
                var at = Array.BinarySearch(Sorted, prefix, StringComparer.Ordinal);
                for (var i = at < 0 ? ~at : at; i < Sorted.Length && Sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
                {
                    found.Add(Sorted[i]);
                }
            }
            return found.ToArray().AsReadOnly();
        }
    }

    public void Forget() => cache.Remove("community-codes");
}

/// <summary>The 12-digit codes of every community on Huying: what a division scope expands to.</summary>
public interface ICommunityDirectory
{
    IReadOnlyList<string> CommunityCodes();
}

/// <summary>
/// The request's scope, worked out from the user as it is when a query runs, and again whenever the user changes
/// (authentication may run after the context was made). Outside a request: everything.
/// </summary>
public sealed class ScopeAccessor(ScopeResolver resolver, IHttpContextAccessor accessor) : IScopeSource
{
    private ClaimsPrincipal? resolvedFor;
    private DataScope? scope;

    public DataScope Current
    {
        get
        {
            var http = accessor.HttpContext;
            if (http is null)
            {
                return DataScope.System;
            }
            if (scope is null || !ReferenceEquals(resolvedFor, http.User))
            {
                scope = resolver.Resolve(http);
                resolvedFor = http.User;
            }
            return scope;
        }
    }
}
