using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace Huying.Platform.Accounts;

/// <summary>
/// How long a sign-in must wait after failures, counted three ways so that a stranger slows guessing without locking
/// anybody out: per name and address (after <c>SignIn:FreeFailures</c>, 3), per address whatever the name (after
/// <c>SignIn:AddressFreeFailures</c>, 20) and per name whatever the address (after <c>SignIn:AccountFreeFailures</c>,
/// 10, waits capped at a minute, so a stranger can slow an account but never shut its owner out). Each failure past
/// the free ones doubles the wait (<c>SignIn:FirstWaitSeconds</c>, 1 s, then 2 s, 4 s … 15 minutes at most); a quiet
/// quarter of an hour forgets them.
/// Counted by the name as typed, so an unknown name behaves exactly as a known one. Kept in memory: each app
/// instance counts its own.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IConfiguration configuration)
{
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan LongestForAnAccount = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Failures> counters = new(StringComparer.Ordinal);
    private readonly int free = configuration.GetValue("SignIn:FreeFailures", 3);
    private readonly int addressFree = configuration.GetValue("SignIn:AddressFreeFailures", 20);
    private readonly int accountFree = configuration.GetValue("SignIn:AccountFreeFailures", 10);
    private readonly double firstWait = configuration.GetValue("SignIn:FirstWaitSeconds", 1.0);

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset Last;
        public DateTimeOffset NextAllowed;
    }

    /// <summary>How long this name from this address must still wait; zero when it may try now.</summary>
    public TimeSpan Wait(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var longest = TimeSpan.Zero;
        foreach (var key in Keys(userName, address))
        {
            if (counters.TryGetValue(key.Key, out var failures))
            {
                lock (failures)
                {
                    if (failures.NextAllowed > now && failures.NextAllowed - now > longest)
                    {
                        longest = failures.NextAllowed - now;
                    }
                }
            }
        }
        return longest;
    }

    public void Failed(string userName, string address)
    {
        var now = clock.GetUtcNow();
        if (counters.Count > 50_000)
        {
            foreach (var (key, stale) in counters.Where(c => now - c.Value.Last > Forget).ToList())
            {
                counters.TryRemove(key, out _);
            }
        }
        foreach (var (key, freeFailures, cap) in Keys(userName, address))
        {
            var failures = counters.GetOrAdd(key, _ => new Failures());
            lock (failures)
            {
                if (now - failures.Last > Forget)
                {
                    failures.Count = 0;
                }
                failures.Count++;
                failures.Last = now;
                var over = failures.Count - freeFailures;
                if (over > 0)
                {
                    var wait = TimeSpan.FromSeconds(firstWait * Math.Pow(2, Math.Min(over - 1, 20)));
                    failures.NextAllowed = now + (wait > cap ? cap : wait);
                }
            }
        }
    }

    /// <summary>The right password from this address clears what this name from it had counted.</summary>
    public void Succeeded(string userName, string address) => counters.TryRemove(Keys(userName, address)[0].Key, out _);

    private (string Key, int Free, TimeSpan Cap)[] Keys(string userName, string address)
    {
        var name = userName.Trim().ToUpperInvariant();
        return [($"n|{name}|{address}", free, Longest), ($"a|{address}", addressFree, Longest), ($"u|{name}", accountFree, LongestForAnAccount)];
    }
}

public enum SignInOutcome
{
    Succeeded,
    /// <summary>Unknown name or wrong password: one answer for both.</summary>
    Failed,
    /// <summary>Too many failures: try again after <see cref="SignInAttempt.RetryAfter"/>.</summary>
    Delayed,
}

public sealed record SignInAttempt(SignInOutcome Outcome, AppUser? User, TimeSpan RetryAfter)
{
    public int RetrySeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);
}

/// <summary>
/// The one way to check a password, for the sign-in page and the token endpoint alike: throttled by
/// <see cref="SignInThrottle"/>, the same answer for an unknown name as for a wrong password (the password is hashed
/// either way, so the time does not tell them apart), and every attempt written to the audit trail.
/// </summary>
public sealed class SignInGuard(UserManager<AppUser> users, SignInThrottle throttle, HuyingContextFactory contexts)
{
    private static readonly PasswordHasher<AppUser> Hasher = new();
    private static readonly string DummyHash = Hasher.HashPassword(new AppUser(), "not a password of anyone");

    public async Task<SignInAttempt> CheckAsync(string? userName, string? password, HttpContext http, string via, CancellationToken ct = default)
    {
        var name = Clean(userName ?? "", 64);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        var wait = throttle.Wait(name, address);
        if (wait > TimeSpan.Zero)
        {
            await AuditAsync(null, name, address, $"{via}: delayed", ct);
            return new(SignInOutcome.Delayed, null, wait);
        }
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        var right = false;
        // An account an administrator locked answers as a wrong password does.
        if (user is not null && !string.IsNullOrEmpty(password) && !await users.IsLockedOutAsync(user))
        {
            right = await users.CheckPasswordAsync(user, password);
        }
        else
        {
            Hasher.VerifyHashedPassword(new AppUser(), DummyHash, password ?? "");
        }
        if (!right)
        {
            throttle.Failed(name, address);
            await AuditAsync(user, name, address, $"{via}: failed", ct);
            return new(SignInOutcome.Failed, null, TimeSpan.Zero);
        }
        throttle.Succeeded(name, address);
        await AuditAsync(user, name, address, $"{via}: succeeded", ct);
        return new(SignInOutcome.Succeeded, user, TimeSpan.Zero);
    }

    private async Task AuditAsync(AppUser? user, string name, string address, string details, CancellationToken ct)
    {
        await using var db = contexts.Create(DataScope.System);
        db.Audit(details.EndsWith("succeeded", StringComparison.Ordinal) ? "sign-in" : "sign-in-failed", "Account",
            user?.Id.ToString(CultureInfo.InvariantCulture), details,
            new Actor(user?.Id, user?.UserName ?? name, Clean(address, 64)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A typed name as it may be written down: no control or format characters, bounded.</summary>
    private static string Clean(string text, int max)
    {
        var kept = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text.Trim())
        {
            if (kept.Length == max)
            {
                break;
            }
            var category = char.GetUnicodeCategory(c);
            if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }
}
