using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Localization;
using Huying.Platform.Notifications;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

/// <summary>An application as the counter takes it: who, which item, 帮办 or 代办, the checks ticked, the materials received.</summary>
public sealed record ApplicationInput(string? CommunityCode, long? ServiceId, long? PersonId, string? ApplicantName, string? Phone, string? RegistrationCode,
    string? Mode, IReadOnlyList<int>? ChecksTicked, IReadOnlyList<long>? MaterialIds, IReadOnlyDictionary<string, string>? Answers = null);

public sealed record MaterialsInput(IReadOnlyList<long>? MaterialIds);

public sealed record MissingInput(string? Missing);

/// <summary>The office's decision: granted (with the result) or not (the reason, which the resident sees).</summary>
public sealed record DecisionInput(bool? Grant, string? Result, string? Reason);

public sealed record RatingInput(string? Rating, string? Reason);

/// <summary>
/// 同城通办: the community takes an application for a resident registered elsewhere, checks the materials (补正 when
/// one is missing), forwards it to the office that decides; the office accepts, asks for a missing paper or decides;
/// the community hands the result over; the resident follows every step by the tracking code and rates the case.
/// Every step is authorized here, for pages and endpoints alike; a step out of order answers 409.
/// </summary>
public sealed class ProxyCases(HuyingDbContext db, CurrentUser user, PersonalData personal, FileStore files, WorkCalendars calendars, TimeProvider clock)
{
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    private string By => user.Principal?.DisplayName() is { Length: > 0 } name ? name : user.Principal?.Identity?.Name ?? "system";

    /// <summary>The county's active catalogue (with each item's materials), for the county of a community or a 6-digit code.</summary>
    public Task<List<ProxyService>> CatalogueAsync(string county, CancellationToken ct)
    {
        var code = county[..Math.Min(6, county.Length)];
        return db.Set<ProxyService>().AsNoTracking().Include(s => s.Materials.OrderBy(m => m.Order))
            .Where(s => s.CountyCode == code && s.Active).OrderBy(s => s.IsExample).ThenBy(s => s.Id).ToListAsync(ct);
    }

    /// <summary>The county an office decides for (from its catalogue items), for its liaison's view of the catalogue.</summary>
    public Task<string?> OfficeCountyAsync(CancellationToken ct) =>
        db.Scope.PartnerUnitId is { } unit
            ? db.Set<ProxyService>().AsNoTracking().Where(s => s.OfficeUnitId == unit).Select(s => s.CountyCode).FirstOrDefaultAsync(ct)
            : Task.FromResult<string?>(null);

    /// <summary>A case the caller may see: the community's (staff in scope) or the office's once forwarded to it (its liaison).</summary>
    public Task<ProxyApplication?> FindAsync(long id, CancellationToken ct) =>
        db.Set<ProxyApplication>().Include(a => a.Service!).ThenInclude(s => s.Materials).FirstOrDefaultAsync(a => a.Id == id, ct);

    public Task<List<ProxyStep>> StepsAsync(long id, CancellationToken ct) =>
        db.Set<ProxyStep>().AsNoTracking().Where(s => s.ApplicationId == id).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);

    public Task<List<ProxyDocument>> DocumentsAsync(long id, CancellationToken ct) =>
        db.Set<ProxyDocument>().AsNoTracking().Where(d => d.ApplicationId == id).OrderBy(d => d.Id).ToListAsync(ct);

    /// <summary>Staff take an application at the counter or on a home visit; it is prechecked at once (补正 when a required material is missing).</summary>
    public async Task<ProxyApplication> TakeAsync(ApplicationInput input, IReadOnlyList<IFormFile> scans, IReadOnlyList<IFormFile> authorisation, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff, "Only community staff take an application");
        var errors = new FieldErrors();
        var community = input.CommunityCode is { Length: 12 } code ? await db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct) : null;
        errors.Add("communityCode", community is null ? "Community not found" : null);
        var service = input.ServiceId is { } sid && community is not null
            ? await db.Set<ProxyService>().AsNoTracking().Include(s => s.Materials).FirstOrDefaultAsync(s => s.Id == sid && s.Active && s.CountyCode == community.Code.Substring(0, 6), ct)
            : null;
        errors.Add("serviceId", service is null ? "Choose an item of the county's catalogue" : null);
        Person? person = null;
        if (input.PersonId is { } pid)
        {
            person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct);
            errors.Add("personId", person is null ? "Person not found" : null);
        }
        var name = (input.ApplicantName?.Trim() is { Length: > 0 } typed ? typed : person?.Name) ?? "";
        errors.Add("applicantName", name.Length == 0 ? "Enter the applicant's name" : name.Length > 50 ? new Message("Keep it under {0} characters", 50) : (Message?)null);
        var phone = input.Phone?.Trim() is { Length: > 0 } p ? p : null;
        errors.Add("phone", phone is not null ? Validators.Mobile(phone) : null);
        var registration = input.RegistrationCode?.Trim() is { Length: > 0 } r ? r : person?.RegistrationCode;
        errors.Add("registrationCode", registration is not null && !(registration.Length is 6 or 9 or 12 && registration.All(char.IsAsciiDigit))
            ? "Give the registration place as a division code" : null);
        var answers = service is null ? [] : FormQuestions.Check(service.Fields, input.Answers, errors, "answers");
        var mode = ProxyMode.Assisted;
        errors.Add("mode", !(Enum.TryParse(input.Mode, true, out mode) && Enum.IsDefined(mode) && !(input.Mode ?? "").All(char.IsDigit)) ? "Choose assisted or by proxy" : null);
        if (service is not null)
        {
            var ticked = input.ChecksTicked ?? [];
            errors.Add("checksTicked", service.Checks.Count > 0 && Enumerable.Range(0, service.Checks.Count).Any(i => !ticked.Contains(i))
                ? "Tick every eligibility check before taking the application" : null);
            errors.Add("materialIds", (input.MaterialIds ?? []).Any(m => service.Materials.All(x => x.Id != m)) ? "A material is not on this item's checklist" : null);
        }
        var (scanErrors, _) = await files.CheckAsync(scans, "scans", ct);
        var (authErrors, _) = await files.CheckAsync(authorisation, "authorisation", ct);
        errors.AddAll(scanErrors).AddAll(authErrors).ThrowIfAny();

        var now = Now;
        var calendar = await calendars.GetAsync(ct);
        var stored = personal.ProtectPhone(phone);
        var application = new ProxyApplication
        {
            TrackingCode = TrackingCodes.New("TB"), CommunityCode = community!.Code, ServiceId = service!.Id, OfficeUnitId = service.OfficeUnitId, PersonId = person?.Id,
            ApplicantName = name, PhoneCipher = stored.Cipher, PhoneMasked = stored.Masked, RegistrationCode = registration, Mode = mode, State = ProxyState.Received,
            AnswersJson = answers.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(answers),
            MaterialsReceived = [.. (input.MaterialIds ?? []).Distinct()], ReceivedAt = now, UpdatedAt = now,
            DueAt = calendar.Add(now, service.LimitDays * 24 * 60, workingTime: true),
        };
        db.Set<ProxyApplication>().Add(application);
        Step(application, ProxyState.Received, Tr.Public(mode == ProxyMode.Assisted ? "Assisted" : "ByProxy"));
        Precheck(application, service);
        Text(application, Tr.Public("Your application for {0} was received; follow it with the code {1}", service.Name, application.TrackingCode));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await AttachAsync(application, null, ProxyDocumentKind.Material, scans, "scans", ct);
        await AttachAsync(application, null, ProxyDocumentKind.Authorisation, authorisation, "authorisation", ct);
        await transaction.CommitAsync(ct);
        return application;
    }

    /// <summary>Materials brought later (补正): ticked with their scans; a complete checklist moves the case to 已预审.</summary>
    public async Task<ProxyApplication> AddMaterialsAsync(ProxyApplication application, MaterialsInput input, IReadOnlyList<IFormFile> scans, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff, "Only community staff handle the materials");
        var service = application.Service!;
        var ids = input.MaterialIds ?? [];
        var (errors, _) = await files.CheckAsync(scans, "scans", ct);
        errors.Add("materialIds", ids.Count == 0 && scans.Count(f => f.Length > 0) == 0 ? "Tick the materials received"
            : ids.Any(m => service.Materials.All(x => x.Id != m)) ? "A material is not on this item's checklist" : null);
        errors.ThrowIfAny();
        if (application.State is not (ProxyState.Received or ProxyState.Correction or ProxyState.Prechecked))
        {
            throw new RuleViolationException("Materials are added before the case is forwarded");
        }
        application.MaterialsReceived = [.. application.MaterialsReceived.Union(ids)];
        application.UpdatedAt = Now;
        if (application.State == ProxyState.Correction)
        {
            Precheck(application, service);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await AttachAsync(application, ids.Count == 1 ? ids[0] : null, ProxyDocumentKind.Material, scans, "scans", ct);
        await transaction.CommitAsync(ct);
        return application;
    }

    /// <summary>The resident's written authorisation for 代办, scanned (it may come after the application is taken, before it is forwarded).</summary>
    public async Task<ProxyApplication> AddAuthorisationAsync(ProxyApplication application, IReadOnlyList<IFormFile> scans, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff, "Only community staff handle the materials");
        var (errors, _) = await files.CheckAsync(scans, "authorisation", ct);
        errors.Add("authorisation", scans.Count(f => f.Length > 0) == 0 ? "Scan the authorisation" : null).ThrowIfAny();
        if (application.ForwardedAt is not null || application.Finished)
        {
            throw new RuleViolationException("Materials are added before the case is forwarded");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AttachAsync(application, null, ProxyDocumentKind.Authorisation, scans, "authorisation", ct);
        await transaction.CommitAsync(ct);
        return application;
    }

    /// <summary>To the office: never with a required material missing, never 代办 without the authorisation.</summary>
    public async Task<ProxyApplication> ForwardAsync(ProxyApplication application, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff, "Only community staff forward a case");
        if (MissingMaterials(application, application.Service!).Count > 0)
        {
            throw new RuleViolationException("A required material is missing: it cannot be forwarded");
        }
        if (application.Mode == ProxyMode.ByProxy && application.Service!.ProxyNeedsAuthorisation
            && !await db.Set<ProxyDocument>().AnyAsync(d => d.ApplicationId == application.Id && d.Kind == ProxyDocumentKind.Authorisation, ct))
        {
            throw new RuleViolationException("代办 needs the resident's written authorisation (scan it)");
        }
        Move(application, ProxyState.Forwarded, ProxyState.Prechecked);
        application.ForwardedAt = Now;
        await db.SaveChangesAsync(ct);
        return application;
    }

    /// <summary>The office accepts (受理) a case forwarded to it.</summary>
    public async Task<ProxyApplication> AcceptAsync(ProxyApplication application, CancellationToken ct)
    {
        RequireOffice(application);
        Move(application, ProxyState.OfficeAccepted, ProxyState.Forwarded);
        application.AcceptedAt = Now;
        await db.SaveChangesAsync(ct);
        return application;
    }

    /// <summary>The office asks for a missing paper: back to the community (补正), which contacts the resident.</summary>
    public async Task<ProxyApplication> AskForMaterialAsync(ProxyApplication application, MissingInput input, CancellationToken ct)
    {
        RequireOffice(application);
        var missing = input.Missing?.Trim() ?? "";
        new FieldErrors().Add("missing", missing.Length == 0 ? "Say what is missing" : missing.Length > 500 ? new Message("Keep it under {0} characters", 500) : (Message?)null)
            .ThrowIfAny();
        Guard(application, ProxyState.Forwarded, ProxyState.OfficeAccepted);
        application.Missing = missing;
        Move(application, ProxyState.Correction, ProxyState.Forwarded, ProxyState.OfficeAccepted);
        application.ForwardedAt = null;
        application.AcceptedAt = null;
        Text(application, Tr.Public("Your application for {0} needs: {1}", application.Service!.Name, missing));
        await db.SaveChangesAsync(ct);
        return application;
    }

    /// <summary>The office decides: granted with the result (and its scan), or not granted with the reason.</summary>
    public async Task<ProxyApplication> DecideAsync(ProxyApplication application, DecisionInput input, IReadOnlyList<IFormFile> result, CancellationToken ct)
    {
        RequireOffice(application);
        var (errors, _) = await files.CheckAsync(result, "result", ct);
        errors.Add("grant", input.Grant is null ? "Grant or refuse" : null);
        var text = (input.Grant == true ? input.Result : input.Reason)?.Trim() ?? "";
        errors.Add(input.Grant == false ? "reason" : "result", input.Grant is null ? null
            : text.Length == 0 ? (input.Grant == true ? "Say what was granted" : "Say why it is not granted")
            : text.Length > 500 ? new Message("Keep it under {0} characters", 500) : (Message?)null);
        errors.ThrowIfAny();
        Move(application, input.Grant == true ? ProxyState.Granted : ProxyState.NotGranted, ProxyState.OfficeAccepted);
        application.Result = input.Grant == true ? text : null;
        application.Reason = input.Grant == true ? null : text;
        application.Decided(Now, Math.Round((await calendars.GetAsync(ct)).WorkingDaysBetween(application.ReceivedAt, Now), 2));
        Text(application, input.Grant == true ? Tr.Public("Your application for {0} is granted: {1}", application.Service!.Name, text)
            : Tr.Public("Your application for {0} is not granted: {1}", application.Service!.Name, text));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await AttachAsync(application, null, ProxyDocumentKind.Result, result, "result", ct);
        await transaction.CommitAsync(ct);
        return application;
    }

    /// <summary>The community hands the result to the resident (送达).</summary>
    public async Task<ProxyApplication> DeliverAsync(ProxyApplication application, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff, "Only community staff hand the result over");
        Move(application, ProxyState.Delivered, ProxyState.Granted, ProxyState.NotGranted);
        application.DeliveredAt = Now;
        Text(application, Tr.Public("The result of your application for {0} is with the community; rate it with the code {1}", application.Service!.Name,
            application.TrackingCode));
        await db.SaveChangesAsync(ct);
        return application;
    }

    // ---- Helpers

    public static List<ProxyMaterial> MissingMaterials(ProxyApplication application, ProxyService service) =>
        [.. service.Materials.Where(m => m.Required && !application.MaterialsReceived.Contains(m.Id)).OrderBy(m => m.Order)];

    /// <summary>已预审 when every required material is there; else 补正 naming what is missing.</summary>
    private void Precheck(ProxyApplication application, ProxyService service)
    {
        var missing = MissingMaterials(application, service);
        if (missing.Count == 0)
        {
            application.Missing = null;
            application.State = ProxyState.Prechecked;
            Step(application, ProxyState.Prechecked, null);
            return;
        }
        application.Missing = string.Join("、", missing.Select(m => m.Name));
        if (application.State != ProxyState.Correction)
        {
            application.State = ProxyState.Correction;
            Step(application, ProxyState.Correction, application.Missing);
        }
    }

    private void RequireOffice(ProxyApplication application)
    {
        if (!user.Holds(Policies.UnitLiaison) || db.Scope.PartnerUnitId != application.OfficeUnitId)
        {
            throw new NotAllowedException("Only the office's liaison decides a case");
        }
    }

    /// <summary>A step out of order answers 409 with the present state.</summary>
    private static void Guard(ProxyApplication application, params ProxyState[] from)
    {
        if (!from.Contains(application.State))
        {
            throw new RuleViolationException("This step does not follow the case's present state",
                new Dictionary<string, object?> { ["state"] = application.State.ToString() });
        }
    }

    private void Move(ProxyApplication application, ProxyState to, params ProxyState[] from)
    {
        Guard(application, from);
        application.State = to;
        application.UpdatedAt = Now;
        Step(application, to, to == ProxyState.Correction ? application.Missing : null);
    }

    private void Step(ProxyApplication application, ProxyState state, string? note) =>
        db.Set<ProxyStep>().Add(new ProxyStep
        {
            Application = application, CommunityCode = application.CommunityCode, At = Now, By = By, State = state, Note = note,
        });

    /// <summary>A text message to the applicant through the outbox (written with the step, sent and retried by the dispatcher).</summary>
    private void Text(ProxyApplication application, string subject)
    {
        if (application.PhoneCipher is null)
        {
            return;
        }
        db.Notifications.Add(new Notification
        {
            CreatedAt = Now, SubjectType = nameof(ProxyApplication), SubjectId = application.Id == 0 ? null : application.Id, Link = $"/track/{application.TrackingCode}",
            Kind = "Application update", Subject = subject.Length > 200 ? subject[..200] : subject, CommunityCode = application.CommunityCode,
            Audience = Audience.Resident, Channel = NotificationChannel.Sms, PhoneCipher = application.PhoneCipher, NextAttemptAt = Now,
        });
    }

    private async Task AttachAsync(ProxyApplication application, long? materialId, ProxyDocumentKind kind, IReadOnlyList<IFormFile> scans, string field,
        CancellationToken ct)
    {
        if (scans.Count(f => f.Length > 0) == 0)
        {
            return;
        }
        var document = new ProxyDocument
        {
            ApplicationId = application.Id, CommunityCode = application.CommunityCode, MaterialId = materialId, Kind = kind, AddedAt = Now, AddedBy = By,
        };
        db.Set<ProxyDocument>().Add(document);
        await db.SaveChangesAsync(ct);
        await files.SaveAsync(db, nameof(ProxyDocument), document.Id, scans, field, ct);
    }
}
