using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Huying.Modules.HealthAid;

/// <summary>
/// The one gate of health data (PIPL: sensitive personal information). Only the care roles pass, and only to their
/// villages' records (the data layer's care filter); everyone else is told there is nothing (404), an
/// administrator included. A care worker says once per session why they read (the purpose), and every read of a
/// record or a list of patients leaves an audit line naming who, which patients and why. Clinical fields are sealed
/// with Data Protection before they reach the database.
/// </summary>
public sealed class CareAccess(HuyingDbContext db, CurrentUser user, IDataProtectionProvider protection, IOptions<IdentityOptions> identity,
    TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = Sealer(protection);

    /// <summary>The protector health fields are sealed with (its purpose string is part of the key: never change it).</summary>
    public static IDataProtector Sealer(IDataProtectionProvider protection) => protection.CreateProtector("Huying.HealthAid.v1");

    public static string Seal<T>(IDataProtector sealer, T value) => sealer.Protect(JsonSerializer.Serialize(value, Json));

    public DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
    public DateOnly Today => DateOnly.FromDateTime(Display.Local(Now));
    public string By => user.Principal?.DisplayName() is { Length: > 0 } name ? name : user.Principal?.Identity?.Name ?? "system";
    public long? UserId => user.Principal?.UserId();

    /// <summary>Whether the caller holds a care role (background work does).</summary>
    public bool IsCare => user.Holds(Policies.Care);

    /// <summary>Refuses with 404 unless the caller holds a care role: to anyone else health records do not exist.</summary>
    public void Require()
    {
        if (!IsCare)
        {
            throw new NotFoundException();
        }
    }

    /// <summary>The villages whose care records the caller keeps.</summary>
    public IReadOnlyList<string> Villages => db.Scope.CareCommunities;

    /// <summary>Whether the village's care records are the caller's (a care role with the village in scope).</summary>
    public bool Serves(string village) => db.Scope.CareAll || db.Scope.CareCommunities.Contains(village);

    public string Seal<T>(T value) => Seal(protector, value);

    public T Open<T>(string sealedValue) => JsonSerializer.Deserialize<T>(protector.Unprotect(sealedValue), Json)!;

    /// <summary>The purpose chosen in this session, if any.</summary>
    public async Task<HealthPurpose?> PurposeAsync(CancellationToken ct)
    {
        Require();
        if (UserId is not { } id)
        {
            return HealthPurpose.QualityReview;
        }
        var key = SessionKey();
        return await db.Set<CarePurpose>().AsNoTracking().Where(p => p.UserId == id && p.SessionKey == key)
            .Select(p => (HealthPurpose?)p.Purpose).FirstOrDefaultAsync(ct);
    }

    /// <summary>Chooses (or changes) the session's purpose; the choice itself is on the audit trail.</summary>
    public async Task ChooseAsync(string? purpose, CancellationToken ct)
    {
        Require();
        if (!EnumNames.TryName<HealthPurpose>(purpose, out var chosen))
        {
            throw new FieldException("purpose", "Choose why you read health records");
        }
        var id = UserId ?? throw new NotFoundException();
        var key = SessionKey();
        var row = await db.Set<CarePurpose>().FirstOrDefaultAsync(p => p.UserId == id && p.SessionKey == key, ct);
        if (row is null)
        {
            db.Add(new CarePurpose { UserId = id, SessionKey = key, Purpose = chosen, ChosenAt = Now });
        }
        else
        {
            row.Purpose = chosen;
            row.ChosenAt = Now;
        }
        db.Audit("health-purpose", "CarePurpose", id.ToString(CultureInfo.InvariantCulture), chosen.ToString());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The session's purpose, or a field error asking for one: no health record is read without it.</summary>
    public async Task<HealthPurpose> RequirePurposeAsync(CancellationToken ct) =>
        await PurposeAsync(ct) ?? throw new FieldException("purpose", "Choose why you read health records");

    /// <summary>Writes the read's audit line (who is the actor of the line; which patients; why) and saves it before anything is shown.</summary>
    public async Task AuditReadAsync(HealthPurpose purpose, string what, IReadOnlyCollection<long> records, CancellationToken ct)
    {
        var ids = string.Join(",", records.Select(r => r.ToString(CultureInfo.InvariantCulture)));
        db.Audit("health-read", what, records.Count == 1 ? ids : null, $"{purpose}: {(records.Count == 1 ? "" : ids)}".TrimEnd(' ', ':'));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A session is the sign-in its security stamp belongs to (a sign-out or password change starts another).</summary>
    private string SessionKey()
    {
        var stamp = user.Principal?.FindFirst(identity.Value.ClaimsIdentity.SecurityStampClaimType)?.Value ?? "";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stamp)))[..32];
    }
}
