using Huying.Platform.Data;

namespace Huying.Platform.Ratings;

/// <summary>A module's tracking codes: the community of the record a code was issued for, or null when none has it.</summary>
public sealed record ResidentCodeSource(Func<HuyingDbContext, string, CancellationToken, Task<string?>> CommunityOfAsync);

/// <summary>
/// The tracking codes residents were given (of a matter they reported, a topic they raised): something a resident
/// has, so that a public rating counts a person, not a browser. Each module that issues codes adds its source; a code
/// is looked up across all, on a context of its own that sees every community (the answer says only which one).
/// </summary>
public sealed class ResidentCodes(IEnumerable<ResidentCodeSource> sources, HuyingContextFactory contexts, Privacy.PersonalData personal)
{
    /// <summary>What is kept of a code: its keyed hash (the code itself would trace a rating to a person).</summary>
    public string? Hash(string? code) => Normalize(code) is { } normalized ? personal.Hash(normalized) : null;

    /// <summary>The community of the record with this code, or null.</summary>
    public async Task<string?> CommunityOfAsync(string? code, CancellationToken ct)
    {
        var normalized = Normalize(code);
        if (normalized is null)
        {
            return null;
        }
        await using var db = contexts.Create(DataScope.System);
        foreach (var source in sources)
        {
            if (await source.CommunityOfAsync(db, normalized, ct) is { } community)
            {
                return community;
            }
        }
        return null;
    }

    /// <summary>Upper case without spaces; null when it cannot be a code (empty or longer than any).</summary>
    public static string? Normalize(string? code)
    {
        var trimmed = code?.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return trimmed is { Length: > 0 and <= 16 } ? trimmed : null;
    }
}

public static class ResidentCodeSetup
{
    /// <summary>Registers a module's tracking codes as something a resident has.</summary>
    public static IServiceCollection AddResidentCodes(this IServiceCollection services, Func<HuyingDbContext, string, CancellationToken, Task<string?>> communityOf) =>
        services.AddSingleton(new ResidentCodeSource(communityOf));
}
