using System.Security.Claims;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

public sealed record MemberInput(string? CommunityCode, long? UnitId, string? Name, string? Phone);

public sealed record TaskInput(string? CommunityCode, string? Title, string? Kind, long? NeedId, long? ProjectId, DateOnly? On, string? Place, int? Places);

public sealed record ServiceInput(decimal? Hours, DateOnly? ServedOn, string? Note);

/// <summary>在职党员进社区 (双报到): members of county units report to their home community, pick its tasks, and are credited hours.</summary>
public sealed class InServiceService(HuyingDbContext db, CurrentUser user, PersonalData personal, Reveals reveals, TimeProvider clock)
{
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    public DateOnly Today => DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));

    /// <summary>A party member working for a county unit reports to the home community (双报到), once.</summary>
    public async Task<InServiceMember> ReportSelfAsync(CancellationToken ct)
    {
        user.Require(Policies.PartyMember, "Members report themselves; community staff record reports");
        var person = long.TryParse(user.Principal?.FindFirstValue(ScopeClaims.Person), out var pid)
            ? await db.People.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.Id == pid, ct)
            : null;
        if (person?.InServiceUnitId is not { } unitId)
        {
            throw new RuleViolationException("Only a party member working for a county unit reports in service");
        }
        if (await db.InServiceMembers.AnyAsync(m => m.PersonId == person.Id, ct))
        {
            throw new RuleViolationException("You have already reported to the community");
        }
        return await AddAsync(person.CommunityCode, unitId, person.Id, person.Name, null, ct);
    }

    /// <summary>Community staff record a member's report for them (a member without an account, or on paper).</summary>
    public async Task<InServiceMember> RecordReportAsync(MemberInput input, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff, "Members report themselves; community staff record reports");
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.CommunityCode) || !await db.Communities.AnyAsync(c => c.Code == input.CommunityCode, ct))
        {
            errors.Add("communityCode", "Choose a community");
        }
        if (input.UnitId is not { } unitId || !await db.PartnerUnits.IgnoreQueryFilters().AnyAsync(u => u.Id == unitId, ct))
        {
            errors.Add("unitId", "Choose the member's unit");
        }
        errors.Add("name", ProjectRules.Required(input.Name, 50, "Enter the member's name"));
        errors.Add("phone", string.IsNullOrWhiteSpace(input.Phone) ? null : Validators.Mobile(input.Phone));
        errors.ThrowIfAny();
        return await AddAsync(input.CommunityCode!, input.UnitId!.Value, null, input.Name!.Trim(), input.Phone, ct);
    }

    private async Task<InServiceMember> AddAsync(string community, long unitId, long? personId, string name, string? phone, CancellationToken ct)
    {
        var stored = personal.ProtectPhone(string.IsNullOrWhiteSpace(phone) ? null : phone.Trim());
        var member = new InServiceMember
        {
            CommunityCode = community, PartnerUnitId = unitId, PersonId = personId, Name = name,
            PhoneCipher = stored.Cipher, PhoneHash = stored.Hash, PhoneMasked = stored.Masked, ReportedOn = Today,
        };
        db.InServiceMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>Reveals an in-service member's phone, with a reason; the reveal is audited before it is shown.</summary>
    public Task<string?> RevealPhoneAsync(InServiceMember member, string? reason, CancellationToken ct) =>
        reveals.RevealAsync(nameof(InServiceMember), member.Id, "phone", reason, () => personal.Reveal(member.PhoneCipher), ct);

    /// <summary>Community staff offer a task: help with a need, a project task or an activity, with places.</summary>
    public async Task<ServiceTask> AddTaskAsync(TaskInput input, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        var community = input.CommunityCode;
        var errors = new FieldErrors().Add("title", ProjectRules.Required(input.Title, 100, "Name the task"));
        if (string.IsNullOrWhiteSpace(community) || !await db.Communities.AnyAsync(c => c.Code == community, ct))
        {
            errors.Add("communityCode", "Choose a community");
        }
        if (!Enum.TryParse<ServiceTaskKind>(input.Kind, true, out var kind) || !Enum.IsDefined(kind))
        {
            errors.Add("kind", "Choose a need, a project task or an activity");
        }
        if (input.NeedId is { } n && !await db.Needs.AnyAsync(x => x.Id == n && x.CommunityCode == community, ct))
        {
            errors.Add("needId", "Choose a need of this community");
        }
        if (input.ProjectId is { } p && !await db.Projects.AnyAsync(x => x.Id == p && x.CommunityCode == community, ct))
        {
            errors.Add("projectId", "Choose a project of this community");
        }
        if (input.On is null)
        {
            errors.Add("on", "Give the day of the task");
        }
        if (input.Places is null or < 1 or > 1000)
        {
            errors.Add("places", "Places must be between 1 and 1000");
        }
        errors.Add("place", ProjectRules.AtMost(input.Place, 100));
        errors.ThrowIfAny();
        var task = new ServiceTask
        {
            CommunityCode = community!, Title = input.Title!.Trim(), Kind = kind, NeedId = input.NeedId, ProjectId = input.ProjectId,
            On = input.On!.Value, Place = input.Place?.Trim(), Places = input.Places!.Value,
        };
        db.ServiceTasks.Add(task);
        await db.SaveChangesAsync(ct);
        return task;
    }

    /// <summary>A reported member picks a task of the home community.</summary>
    public async Task<ServiceRecord> SignUpAsync(ServiceTask task, CancellationToken ct)
    {
        user.Require(Policies.PartyMember, "Only an in-service party member picks a task");
        var personId = long.TryParse(user.Principal?.FindFirstValue(ScopeClaims.Person), out var pid) ? pid : (long?)null;
        var member = personId is null ? null : await db.InServiceMembers.FirstOrDefaultAsync(m => m.PersonId == personId, ct);
        if (member is null)
        {
            throw new RuleViolationException("Report to the community before picking a task");
        }
        if (task.CommunityCode != member.CommunityCode)
        {
            throw new FieldException("taskId", "Choose a task of your community");
        }
        if (task.On < Today)
        {
            throw new RuleViolationException("The task is over");
        }
        if (await db.ServiceRecords.IgnoreQueryFilters().AnyAsync(r => r.TaskId == task.Id && r.MemberId == member.Id, ct))
        {
            throw new RuleViolationException("You have already picked this task");
        }
        if (await db.ServiceRecords.IgnoreQueryFilters().CountAsync(r => r.TaskId == task.Id, ct) >= task.Places)
        {
            throw new RuleViolationException("The task is full");
        }
        var record = new ServiceRecord { CommunityCode = task.CommunityCode, TaskId = task.Id, MemberId = member.Id, PartnerUnitId = member.PartnerUnitId, SignedUpAt = Now };
        db.ServiceRecords.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>Community staff record the hours a member served on a task.</summary>
    public async Task RecordAsync(ServiceRecord record, ServiceInput input, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        var errors = new FieldErrors();
        if (input.Hours is null or <= 0 or > 24)
        {
            errors.Add("hours", "Hours must be more than 0 and at most 24");
        }
        if (input.ServedOn is { } d && d > Today)
        {
            errors.Add("servedOn", "The day served cannot be in the future");
        }
        errors.Add("note", ProjectRules.AtMost(input.Note, 500));
        errors.ThrowIfAny();
        record.Hours = input.Hours;
        record.ServedOn = input.ServedOn ?? Today;
        record.Note = input.Note?.Trim();
        await db.SaveChangesAsync(ct);
    }

    public static string Invariant(decimal value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
