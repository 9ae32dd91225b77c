using CsCheck;
using Huying.Platform.Accounts;
using Microsoft.Extensions.Caching.Memory;

namespace Huying.Tests.Platform;

public sealed class ScopeResolverTests
{
    private sealed class Directory(IReadOnlyList<string> codes) : ICommunityDirectory
    {
        public int Reads { get; private set; }

        public IReadOnlyList<string> CommunityCodes()
        {
            Reads++;
            return codes;
        }
    }

    [Fact]
    public void ADivisionScopeExpandsToExactlyTheCommunitiesWhoseCodesStartWithOneOfItsPrefixes()
    {
        // Codes from a few digits so that prefixes nest and overlap; prefixes of any length, some matching nothing.
        var code = Gen.String[Gen.Char['1', '3'], 12, 12];
        var prefix = Gen.String[Gen.Char['1', '4'], 1, 6];
        Gen.Select(code.List[0, 60], prefix.List[1, 4]).Sample((codes, prefixes) =>
        {
            var resolver = new ScopeResolver(new Directory([.. codes.Distinct()]), new MemoryCache(new MemoryCacheOptions()));
            var expected = codes.Distinct().Where(c => prefixes.Any(p => c.StartsWith(p, StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal).ToList();
            return expected.SequenceEqual(resolver.CommunitiesUnder(prefixes))
                && expected.SequenceEqual(resolver.CommunitiesUnder([.. Enumerable.Reverse(prefixes)]));
        }, iter: 500);
    }

    [Fact]
    public void TheCodesAreReadOnceAndAScopeIsExpandedOnceUntilTheyAreForgotten()
    {
        var directory = new Directory(["140802001001", "140802001002", "140827100201"]);
        var resolver = new ScopeResolver(directory, new MemoryCache(new MemoryCacheOptions()));
        var first = resolver.CommunitiesUnder(["140802"]);
        Assert.Same(first, resolver.CommunitiesUnder(["140802"]));
        Assert.Equal(["140802001001", "140802001002", "140827100201"], resolver.CommunitiesUnder(["140827", "140802"]));
        Assert.Empty(resolver.CommunitiesUnder(["1409"]));
        Assert.Empty(resolver.CommunitiesUnder([]));
        Assert.Equal(1, directory.Reads);
        resolver.Forget();
        Assert.NotSame(first, resolver.CommunitiesUnder(["140802"]));
        Assert.Equal(2, directory.Reads);
    }

    [Fact]
    public void TheFirstRoleOfAListIsTheFirstOneIsInRoleSaysTheUserHasWhateverTheClaimsAndTheirIdentities()
    {
        var roles = new[] { "Admin", "GridWorker", "Resident", "UnitLiaison", "admin" };
        var role = Gen.Int[0, roles.Length - 1].Select(i => roles[i]);
        // Role claims (of each identity's own role type, written in any case) mixed with others, across one to three identities.
        var claim = Gen.Select(role, Gen.Int[0, 2], (value, kind) => kind switch
        {
            0 => new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, value),
            1 => new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role.ToUpperInvariant(), value),
            _ => new System.Security.Claims.Claim("other", value),
        });
        var identity = Gen.Select(claim.Array[0, 6], Gen.Bool, (claims, custom) => custom
            ? new System.Security.Claims.ClaimsIdentity(claims.Select(c => new System.Security.Claims.Claim(c.Type == "other" ? "other" : "r", c.Value)), "t", "n", "r")
            : new System.Security.Claims.ClaimsIdentity(claims, "t"));
        Gen.Select(identity.Array[1, 3], role.Array[0, 5]).Sample((identities, asked) =>
        {
            var user = new System.Security.Claims.ClaimsPrincipal(identities);
            return user.FirstRoleOf(asked) == asked.FirstOrDefault(user.IsInRole);
        }, iter: 2000);
    }
}
