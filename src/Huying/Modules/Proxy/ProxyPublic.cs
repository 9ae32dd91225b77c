using Huying.Modules.Organisation;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

/// <summary>What the resident sees by the tracking code: the item, the steps with dates, what is missing, the result or the reason — never the materials.</summary>
public sealed record TrackedApplication(string TrackingCode, string Service, string Office, ProxyMode Mode, ProxyState State, DateTime ReceivedAt, DateTime DueAt,
    string? Missing, string? Result, string? Reason, ProxyRating? Rating, IReadOnlyList<TrackedStep> Steps)
{
    public bool CanRate => Rating is null && State is ProxyState.Granted or ProxyState.NotGranted or ProxyState.Delivered;
}

public sealed record TrackedStep(DateTime At, ProxyState State, string? Note);

/// <summary>The resident's side, without an account: follow a case by its code and rate it once it is decided (好差评).</summary>
public sealed class ProxyTracking(HuyingContextFactory contexts, TimeProvider clock) : Platform.Composition.ITrackedRecords
{
    /// <summary>The look-up box's answer for a case's code.</summary>
    public async Task<string?> PageOfAsync(string code, CancellationToken ct)
    {
        if (!code.StartsWith("TB-", StringComparison.OrdinalIgnoreCase) || code.Length > 16)
        {
            return null;
        }
        await using var db = contexts.Create(DataScope.System);
        var normalized = code.Trim().ToUpperInvariant();
        return await db.Set<ProxyApplication>().AnyAsync(a => a.TrackingCode == normalized, ct) ? $"/proxy/track/{normalized}" : null;
    }

    public async Task<TrackedApplication?> TrackAsync(string? code, CancellationToken ct)
    {
        if (code is not { Length: > 3 and <= 16 })
        {
            return null;
        }
        await using var db = contexts.Create(DataScope.System);
        var a = await db.Set<ProxyApplication>().AsNoTracking().Include(x => x.Service).FirstOrDefaultAsync(x => x.TrackingCode == code.Trim().ToUpperInvariant(), ct);
        if (a is null)
        {
            return null;
        }
        var office = await db.PartnerUnits.AsNoTracking().Where(u => u.Id == a.OfficeUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        var steps = await db.Set<ProxyStep>().AsNoTracking().Where(s => s.ApplicationId == a.Id && !s.Internal).OrderBy(s => s.At).ThenBy(s => s.Id)
            .Select(s => new TrackedStep(s.At, s.State, s.State == ProxyState.Correction || s.State == ProxyState.NotGranted ? s.Note : null)).ToListAsync(ct);
        return new TrackedApplication(a.TrackingCode, a.Service!.Name, office, a.Mode, a.State, a.ReceivedAt, a.DueAt,
            a.State == ProxyState.Correction ? a.Missing : null, a.Result, a.Reason, a.Rating, steps);
    }

    /// <summary>好差评 once the case is decided, once per case; a low rating (不满意, 非常不满意) says why.</summary>
    public async Task RateAsync(string? code, RatingInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var rating = ProxyRating.Neutral;
        errors.Add("rating", !(Enum.TryParse(input.Rating, true, out rating) && Enum.IsDefined(rating) && !(input.Rating ?? "").All(char.IsDigit)) ? "Choose a rating" : null);
        var reason = input.Reason?.Trim() ?? "";
        errors.Add("reason", rating <= ProxyRating.Dissatisfied && errors.IsEmpty && reason.Length == 0 ? "Say what went wrong"
            : reason.Length > 500 ? new Message("Keep it under {0} characters", 500) : (Message?)null);
        errors.ThrowIfAny();
        await using var db = contexts.Create(DataScope.System);
        var normalized = code?.Trim().ToUpperInvariant() ?? "";
        var now = AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
        // One conditional update: a second rating (two taps, two phones) finds the case rated and changes nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rated = await db.Set<ProxyApplication>()
            .Where(a => a.TrackingCode == normalized && a.Rating == null
                && (a.State == ProxyState.Granted || a.State == ProxyState.NotGranted || a.State == ProxyState.Delivered))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Rating, rating).SetProperty(a => a.RatingReason, reason.Length == 0 ? null : reason)
                .SetProperty(a => a.RatedAt, now), ct);
        if (rated == 0)
        {
            throw new RuleViolationException("This case cannot be rated now: it is not decided yet, or it is rated already");
        }
        // The figures' tallies move in the same transaction (the update went around change tracking).
        await ProxyTallies.RatedAsync(db, await db.Set<ProxyApplication>().AsNoTracking().SingleAsync(a => a.TrackingCode == normalized, ct), ct);
        await transaction.CommitAsync(ct);
    }
}
