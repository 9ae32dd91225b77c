using System.Globalization;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.Extensions.Caching.Memory;

namespace Huying.Platform.Privacy;

public static class PrivacySetup
{
    public static IServiceCollection AddHuyingPrivacy(this IServiceCollection services) =>
        services.AddSingleton<PersonalData>().AddScoped<Reveals>().AddSingleton<ExactSearches>();
}

public sealed record RevealInput(string? Reason);

public sealed record RevealedPhone(string? Phone);

/// <summary>
/// The one way a masked personal value is shown in full: the caller must hold the reveal permission and give a
/// reason, and the reveal is on the audit trail before the value leaves the service.
/// </summary>
public sealed class Reveals(HuyingDbContext db, CurrentUser user)
{
    public const int MaxReason = 200;

    public async Task<string?> RevealAsync(string entityType, long id, string field, string? reason, Func<string?> value, CancellationToken ct)
    {
        user.Require(Policies.RevealPersonalData);
        Check(reason);
        db.Audit("reveal", entityType, id.ToString(CultureInfo.InvariantCulture), $"{field}: {reason!.Trim()}");
        await db.SaveChangesAsync(ct);
        return value();
    }

    /// <summary>Reasons offered beside the field (free text is welcome too).</summary>
    public static readonly string[] CommonReasons =
        ["Follow up on how it was handled", "Arrange a home service", "Check details on a home visit", "Help with an application", "Reach the family in an emergency"];

    /// <summary>A reason says something: four characters at least, two of them letters (not "." or "..."), and short.</summary>
    public static void Check(string? reason)
    {
        var text = reason?.Trim() ?? "";
        new FieldErrors().Add("reason", text.Length < 4 || text.Count(char.IsLetter) < 2 ? "Give the reason for revealing (a few words)"
            : text.Length > MaxReason ? "Reason is too long (200 characters at most)" : null).ThrowIfAny();
    }
}

/// <summary>
/// Finding a person by a full ID number or mobile is a reveal in all but name (the hit confirms the number): it needs
/// the reveal permission, leaves an audit line (what kind of number, never the number) and is limited per user, so
/// numbers cannot be enumerated. Searching by name or the last four digits stays free.
/// </summary>
public sealed class ExactSearches(IMemoryCache cache, IConfiguration configuration, HuyingContextFactory contexts, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly Lock gate = new();

    private int Allowed => configuration.GetValue("Privacy:ExactSearchesPer10Minutes", 30);

    public async Task RecordAsync(HuyingDbContext db, CurrentUser user, string kind, CancellationToken ct)
    {
        user.Require(Policies.RevealPersonalData, "Searching by a full ID number or mobile needs the reveal permission; search by name or the last four digits");
        var key = "exact-search:" + (user.Principal?.Identity?.Name ?? "?");
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var times = cache.GetOrCreate(key, e => { e.SlidingExpiration = Window; return new Queue<DateTimeOffset>(); })!;
            while (times.Count > 0 && now - times.Peek() > Window)
            {
                times.Dequeue();
            }
            if (times.Count >= Allowed)
            {
                throw new TooManyRequestsException("Too many searches by full number; wait a few minutes");
            }
            times.Enqueue(now);
        }
        // Its own unit of work: the caller's may hold half-made changes that must not be saved with the line.
        await using var own = contexts.Create(db.Scope);
        own.Audit("search-exact", "Person", null, kind);
        await own.SaveChangesAsync(ct);
    }
}
