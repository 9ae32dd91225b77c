using Huying.Modules.Organisation;
using Huying.Modules.Projects;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.HealthAid;

public sealed record PurposeInput(string? Purpose);

public sealed record PatientDto(long RecordId, string Number, long PersonId, string Name, Gender Gender, int? Age);

public sealed record DueDto(long EnrolmentId, long RecordId, string Name, string Condition, DateOnly NextDueOn, DateOnly? LastFollowUpOn, bool Overdue);

public sealed record EnrolmentDto(long Id, long ConditionId, string Condition, DateOnly EnrolledOn, int IntervalDays, DateOnly NextDueOn,
    DateOnly? LastFollowUpOn, bool Overdue);

public sealed record FollowUpDto(long Id, long EnrolmentId, string Condition, DateOnly On, bool WithExpert, bool WithDoctor, bool WithTeam,
    int? Systolic, int? Diastolic, decimal? Glucose, decimal? WeightKg, ControlStatus? Control, string? Advice, DateOnly NextOn, string By);

public sealed record ReferralDto(long Id, long RecordId, string Patient, DateOnly ReferredOn, string Hospital, ReferralState State, string? Reason,
    string? Outcome, DateOnly? ReceivedOn, string? BackAdvice, DateOnly? BackOn);

public sealed record RecordDto(long Id, string Number, string CommunityCode, PatientDto Patient, string? Diagnosis, string? History, string? Allergies,
    string? Notes, DateOnly ConsentOn, string ConsentBy, IReadOnlyList<EnrolmentDto> Enrolments, IReadOnlyList<FollowUpDto> FollowUps,
    IReadOnlyList<ReferralDto> Referrals, int Version);

public sealed record ActivityDto(long Id, string CommunityCode, CareActivityKind Kind, DateOnly On, string Title, string? Team, int People);

public sealed record HomeVisitDto(long Id, long HouseholdId, string Household, DateOnly On, string? Team, string Findings);

public sealed record IndicatorDto(DateOnly Month, int Indicator, string Name, decimal Value);

public sealed record ConditionDto(long Id, string Name, string NameEn, int FollowUpsPerYear);

public sealed record NewRecord(long Id);

/// <summary>Health aid's API: everything but the figures answers 404 to all but the care roles (DESIGN §7).</summary>
public static class HealthAidApi
{
    private static PatientDto ToDto(PatientRow p) => new(p.RecordId, p.Number, p.PersonId, p.Name, p.Gender, p.Age);

    public static ReferralDto ToDto(ReferralView r) => new(r.Referral.Id, r.Referral.RecordId, r.Patient, r.Referral.ReferredOn, r.Referral.Hospital,
        r.Referral.State, r.Details.Reason, r.Details.Outcome, r.Referral.ReceivedOn, r.Details.BackAdvice, r.Referral.BackOn);

    private static RecordDto ToDto(PatientPlan p) => new(p.Record.Id, p.Record.Number, p.Record.CommunityCode, ToDto(p.Patient), p.Details.Diagnosis,
        p.Details.History, p.Details.Allergies, p.Details.Notes, p.Record.ConsentOn, p.Record.ConsentBy,
        [.. p.Enrolments.Select(e => new EnrolmentDto(e.Enrolment.Id, e.Enrolment.ConditionId, e.Condition, e.Enrolment.EnrolledOn, e.Enrolment.IntervalDays,
            e.Enrolment.NextDueOn, e.Enrolment.LastFollowUpOn, e.Overdue))],
        [.. p.FollowUps.Select(f => new FollowUpDto(f.FollowUp.Id, f.FollowUp.EnrolmentId, f.Condition, f.FollowUp.On, f.FollowUp.WithExpert,
            f.FollowUp.WithDoctor, f.FollowUp.WithTeam, f.Details.Systolic, f.Details.Diastolic, f.Details.Glucose, f.Details.WeightKg, f.Details.Control,
            f.Details.Advice, f.FollowUp.NextOn, f.FollowUp.By))],
        [.. p.Referrals.Select(ToDto)], p.Record.Version);

    public static IEndpointRouteBuilder MapHealthAidApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/health").WithTags("Health aid");
        var care = group.MapGroup("").RequireAuthorization(Policies.SignedIn).ProducesProblem(StatusCodes.Status404NotFound);

        care.MapPost("/purpose", async Task<NoContent> (PurposeInput input, CareAccess access, CancellationToken ct) =>
        {
            await access.ChooseAsync(input.Purpose, ct);
            return TypedResults.NoContent();
        }).ProducesValidationProblem()
            .WithSummary("Says why health records are read in this session (followUp|treatment|referral|recordKeeping|qualityReview); asked before the first read");
        care.MapGet("/records", async Task<Ok<ListOf<PatientDto>>> (string? find, HealthRecords records, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<PatientDto>([.. (await records.ListAsync(find, 50, ct)).Select(ToDto)])))
            .ProducesValidationProblem().WithSummary("The villages' health records by name or number, newest first (audited)");
        care.MapPost("/records", async Task<Created<NewRecord>> (RecordInput input, HealthRecords records, CancellationToken ct) =>
        {
            var r = await records.CreateAsync(input, ct);
            return TypedResults.Created($"/api/health/records/{r.Id}", new NewRecord(r.Id));
        }).ProducesValidationProblem().WithSummary("Opens a villager's health record, with their separate consent (consentGiven, consentOn)");
        care.MapGet("/records/{id:long}", async Task<Results<Ok<RecordDto>, NotFound<ProblemDetailsBody>>> (long id, HealthRecords records,
            CancellationToken ct) => await records.PlanAsync(id, ct) is { } plan ? TypedResults.Ok(ToDto(plan)) : ProblemSetup.NotFound())
            .ProducesValidationProblem().WithSummary("One patient's record and plan: enrolments, follow-ups, referrals (audited with the session's purpose)");
        care.MapPut("/records/{id:long}", async Task<NoContent> (long id, DetailsInput input, HealthRecords records, CancellationToken ct) =>
        {
            await records.UpdateAsync(id, input, ct);
            return TypedResults.NoContent();
        }).ProducesValidationProblem().WithSummary("Updates the record's diagnosis, history, allergies and notes");
        care.MapPost("/records/{id:long}/enrolments", async Task<Created<NewRecord>> (long id, EnrolInput input, HealthRecords records, CancellationToken ct) =>
        {
            var e = await records.EnrolAsync(id, input, ct);
            return TypedResults.Created($"/api/health/records/{id}", new NewRecord(e.Id));
        }).ProducesValidationProblem().WithSummary("Enrols the patient in the chronic-disease registry for a condition");
        care.MapPost("/enrolments/{id:long}/follow-ups", async Task<Created<NewRecord>> (long id, FollowUpInput input, HealthRecords records, CancellationToken ct) =>
        {
            var f = await records.FollowUpAsync(id, input, ct);
            return TypedResults.Created($"/api/health/records/{f.RecordId}", new NewRecord(f.Id));
        }).ProducesValidationProblem().WithSummary("Records a follow-up: who took part (withExpert, withDoctor, withTeam), measurements, control, next date");
        care.MapGet("/follow-ups/due", async Task<Ok<ListOf<DueDto>>> (int? days, HealthRecords records, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<DueDto>([.. (await records.DueAsync(days ?? 0, 200, ct)).Select(d => new DueDto(d.EnrolmentId, d.RecordId, d.Name,
                d.Condition, d.NextDueOn, d.LastFollowUpOn, d.Overdue))])))
            .ProducesValidationProblem().WithSummary("The overdue work list: follow-ups due by today (or within days=N), the most overdue first (audited)");
        care.MapPost("/records/{id:long}/referrals", async Task<Created<NewRecord>> (long id, ReferralInput input, CareWork work, CancellationToken ct) =>
        {
            var r = await work.ReferAsync(id, input, ct);
            return TypedResults.Created($"/api/health/referrals/{r.Id}", new NewRecord(r.Id));
        }).ProducesValidationProblem().WithSummary("Refers the patient through the green channel: hospital, reason");
        care.MapGet("/referrals", async Task<Ok<ListOf<ReferralDto>>> (bool? open, CareWork work, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<ReferralDto>([.. (await work.ReferralsAsync(open ?? false, 200, ct)).Select(ToDto)])))
            .ProducesValidationProblem().WithSummary("Referrals, newest first; open=true those not yet back in the village (audited)");
        care.MapGet("/referrals/{id:long}", async Task<Results<Ok<ReferralDto>, NotFound<ProblemDetailsBody>>> (long id, CareWork work, CancellationToken ct) =>
            await work.FindReferralAsync(id, ct) is { } r ? TypedResults.Ok(ToDto(r)) : ProblemSetup.NotFound())
            .ProducesValidationProblem().WithSummary("One referral (audited)");
        care.MapPost("/referrals/{id:long}/received", async Task<NoContent> (long id, ReferralStep input, CareWork work, CancellationToken ct) =>
        {
            await work.StepAsync(id, back: false, input, ct);
            return TypedResults.NoContent();
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).WithSummary("The hospital received the patient: its outcome");
        care.MapPost("/referrals/{id:long}/back", async Task<NoContent> (long id, ReferralStep input, CareWork work, CancellationToken ct) =>
        {
            await work.StepAsync(id, back: true, input, ct);
            return TypedResults.NoContent();
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Back-referral to the village, with advice for the village doctor");
        care.MapGet("/activities", async Task<Ok<ListOf<ActivityDto>>> (CareWork work, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<ActivityDto>([.. (await work.ActivitiesAsync(200, ct)).Select(a => new ActivityDto(a.Id, a.CommunityCode, a.Kind, a.On,
                a.Title, a.Team, a.People))]))).WithSummary("Clinic days, consultations, mobile rounds, remote consultations and trainings, newest first");
        care.MapPost("/activities", async Task<Created<NewRecord>> (ActivityInput input, CareWork work, CancellationToken ct) =>
        {
            var a = await work.AddActivityAsync(input, ct);
            return TypedResults.Created("/api/health/activities", new NewRecord(a.Id));
        }).ProducesValidationProblem()
            .WithSummary("Records what was held (kind=clinicDay|mdt|mobileTeam|remoteConsultation|staffTraining|firstAidTraining) with its 人次");
        care.MapGet("/home-visits", async Task<Ok<ListOf<HomeVisitDto>>> (CareWork work, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<HomeVisitDto>([.. (await work.VisitsAsync(200, ct)).Select(v => new HomeVisitDto(v.Visit.Id, v.Visit.HouseholdId,
                v.Household, v.Visit.On, v.Visit.Team, v.Findings))]))).ProducesValidationProblem().WithSummary("Home visits, newest first (audited)");
        care.MapPost("/home-visits", async Task<Created<NewRecord>> (HomeVisitInput input, CareWork work, CancellationToken ct) =>
        {
            var v = await work.VisitAsync(input, ct);
            return TypedResults.Created("/api/health/home-visits", new NewRecord(v.Id));
        }).ProducesValidationProblem().WithSummary("Records a home visit to a household, with what it found");
        care.MapGet("/indicators", async Task<Ok<ListOf<IndicatorDto>>> (int? year, CareWork work, CareAccess access, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<IndicatorDto>([.. (await work.IndicatorValuesAsync(year is >= 2000 and <= 2100 ? year.Value : access.Today.Year, ct))
                .Select(v => new IndicatorDto(v.Month, v.Indicator, DictionaryLocalizer.Translate(CareWork.Indicators[v.Indicator - 1]), v.Value))])))
            .WithSummary("The team's nine assessment indicators, month by month");
        care.MapPut("/indicators", async Task<NoContent> (IndicatorInput input, CareWork work, CancellationToken ct) =>
        {
            await work.SetIndicatorAsync(input, ct);
            return TypedResults.NoContent();
        }).ProducesValidationProblem().WithSummary("Sets a month's value of one indicator (1–9)");
        care.MapGet("/conditions", async Task<Ok<ListOf<ConditionDto>>> (HealthRecords records, CareAccess access, CancellationToken ct) =>
        {
            access.Require();
            return TypedResults.Ok(new ListOf<ConditionDto>([.. (await records.ConditionsAsync(ct)).Select(c => new ConditionDto(c.Id, c.Name, c.NameEn, c.FollowUpsPerYear))]));
        }).WithSummary("The registry's conditions and their follow-ups a year");
        care.MapPost("/conditions", async Task<Created<NewRecord>> (ConditionInput input, HealthRecords records, HealthExport export, CancellationToken ct) =>
        {
            var c = await records.AddConditionAsync(input, await export.IsLeadAsync(ct), ct);
            return TypedResults.Created("/api/health/conditions", new NewRecord(c.Id));
        }).ProducesValidationProblem().WithSummary("Adds a condition to the registry (the team lead)");
        care.MapGet("/records.xlsx", async Task<EmptyHttpResult> (HealthExport export, HttpContext http, CancellationToken ct) =>
        {
            using var buffer = new MemoryStream();
            await export.WriteAsync(buffer, ct);
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"health-records.xlsx\"";
            buffer.Position = 0;
            await buffer.CopyToAsync(http.Response.Body, ct);
            return TypedResults.Empty;
        }).WithSummary("The village's records as .xlsx, watermarked with the exporter and the time (the team lead; audited)");

        group.MapGet("/figures", async Task<Ok<HealthFigures>> (string? division, DateOnly? from, DateOnly? to, HealthFigureCounts figures, HuyingDbContext db,
            CancellationToken ct) => TypedResults.Ok(await figures.FiguresAsync(division!, from, to, HealthAidModule.Masked(db), ct)))
            .RequiresDivisionInScope().RequireAuthorization(HealthPolicies.Figures)
            .ReadsReplica().WithSummary("Health aid's figures for a division and period (this year to today unless told); counts of people under 5 are \"<5\" outside the team");
        group.MapGet("/aid-projects", async Task<Ok<FundedProjects>> (string? division, DateOnly? to, HealthFigureCounts figures, CancellationToken ct) =>
            TypedResults.Ok(await figures.AidProjectsAsync(division!, to ?? figures.Today, ct)))
            .RequiresDivisionInScope().RequireAuthorization(HealthPolicies.Figures)
            .WithSummary("The hospitals' aid projects in a division (Projects module): funds, outcomes and upkeep rules as of a day (today unless told)");
        group.MapGet("/trend", async Task<Ok<ListOf<HealthMonth>>> (string? division, DateOnly? to, HealthFigureCounts figures, HuyingDbContext db,
            CancellationToken ct) => TypedResults.Ok(new ListOf<HealthMonth>(await figures.TrendAsync(division!, to ?? figures.Today, HealthAidModule.Masked(db), ct))))
            .RequiresDivisionInScope().RequireAuthorization(HealthPolicies.Figures).WithSummary("Twelve months of consultations and follow-ups up to a day");
        return app;
    }
}
