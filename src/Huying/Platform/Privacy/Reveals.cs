using System.Globalization;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;

namespace Huying.Platform.Privacy;

public static class PrivacySetup
{
    public static IServiceCollection AddHuyingPrivacy(this IServiceCollection services) =>
        services.AddSingleton<PersonalData>().AddScoped<Reveals>();
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

    /// <summary>A reason is required and short.</summary>
    public static void Check(string? reason) =>
        new FieldErrors().Add("reason", string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 2 ? "Give the reason for revealing"
            : reason.Trim().Length > MaxReason ? "Reason is too long (200 characters at most)" : null).ThrowIfAny();
}
