using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

public sealed record AgreementInput(string? CommunityCode, long? UnitId, DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? EndsOn,
    string? Commitments, long? RenewsId = null);

public sealed record AgreementDto(long Id, string CommunityCode, long UnitId, string Unit, DateOnly SignedOn, DateOnly StartsOn, DateOnly EndsOn,
    string Commitments, long? RenewsId, bool InForce, long? ScanId);

/// <summary>共驻共建协议: signed agreements with their term, commitments and scan; renewals follow the old one.</summary>
public sealed class AgreementsService(HuyingDbContext db, CurrentUser user, FileStore files, PlaceNames places, TimeProvider clock)
{
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    public DateOnly Today => DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));

    /// <summary>The agreements in scope (a unit: its own), with whether each is in force today.</summary>
    public async Task<List<AgreementDto>> ListAsync(string? community, CancellationToken ct)
    {
        var today = Today;
        var agreements = await db.Agreements.AsNoTracking().Where(a => community == null || a.CommunityCode == community).ToListAsync(ct);
        var names = await places.UnitsAsync(ct);
        var rows = agreements.Select(a => new { a, Name = names[a.PartnerUnitId] })
            .OrderBy(x => x.a.CommunityCode).ThenBy(x => x.Name, StringComparer.Ordinal).ThenByDescending(x => x.a.StartsOn).ToList();
        var ids = rows.Select(r => r.a.Id).ToList();
        var scans = await db.Attachments.AsNoTracking().Where(x => x.OwnerType == nameof(PartnershipAgreement) && ids.Contains(x.OwnerId))
            .ToDictionaryAsync(x => x.OwnerId, x => x.Id, ct);
        return [.. rows.Select(r => new AgreementDto(r.a.Id, r.a.CommunityCode, r.a.PartnerUnitId, r.Name, r.a.SignedOn, r.a.StartsOn, r.a.EndsOn,
            r.a.Commitments, r.a.RenewsId, r.a.InForceOn(today), scans.TryGetValue(r.a.Id, out var scan) ? scan : null))];
    }

    /// <summary>Community staff record a signed agreement (its scan a PDF), or renew one.</summary>
    public async Task<PartnershipAgreement> SignAsync(AgreementInput input, IFormFile? scan, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        var errors = new FieldErrors();
        PartnershipAgreement? renews = null;
        if (input.RenewsId is { } rid)
        {
            renews = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == rid, ct);
            if (renews is null)
            {
                errors.Add("renewsId", "Choose an agreement of this community to renew");
            }
        }
        var community = renews?.CommunityCode ?? input.CommunityCode;
        var unitId = renews?.PartnerUnitId ?? input.UnitId;
        if (string.IsNullOrWhiteSpace(community) || !await db.Communities.AnyAsync(c => c.Code == community, ct))
        {
            errors.Add("communityCode", "Choose a community");
        }
        else if (unitId is null || !await db.PartnerUnitCommunities.IgnoreQueryFilters().AnyAsync(l => l.CommunityCode == community && l.PartnerUnitId == unitId, ct))
        {
            errors.Add("unitId", "Choose partner units of this community");
        }
        if (input.SignedOn is null)
        {
            errors.Add("signedOn", "Give the day it was signed");
        }
        else if (input.SignedOn > Today)
        {
            errors.Add("signedOn", "The day signed cannot be in the future");
        }
        var starts = input.StartsOn ?? (renews is not null ? renews.EndsOn.AddDays(1) : input.SignedOn);
        if (input.EndsOn is null || starts is null || input.EndsOn <= starts)
        {
            errors.Add("endsOn", "The term must end after it starts");
        }
        else if (input.EndsOn > starts.Value.AddYears(10))
        {
            errors.Add("endsOn", "A term is at most ten years");
        }
        errors.Add("commitments", ProjectRules.Required(input.Commitments, 2000, "Write what the unit commits to"));
        if (scan is not null)
        {
            var (fileErrors, checkedFiles) = await files.CheckAsync([scan], "scan", ct);
            errors.AddAll(fileErrors);
            if (fileErrors.IsEmpty && checkedFiles.Count == 1 && checkedFiles[0].Type != "application/pdf")
            {
                errors.Add("scan", "Attach the signed agreement as a PDF");
            }
        }
        errors.ThrowIfAny();
        var agreement = new PartnershipAgreement
        {
            CommunityCode = community!, PartnerUnitId = unitId!.Value, SignedOn = input.SignedOn!.Value, StartsOn = starts!.Value,
            EndsOn = input.EndsOn!.Value, Commitments = input.Commitments!.Trim(), RenewsId = renews?.Id, CreatedAt = Now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Agreements.Add(agreement);
        await db.SaveChangesAsync(ct);
        if (scan is not null)
        {
            await files.SaveAsync(db, nameof(PartnershipAgreement), agreement.Id, [scan], "scan", ct);
        }
        await transaction.CommitAsync(ct);
        return agreement;
    }
}
