using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

public sealed record MeetingInput(string? CommunityCode, string? Title, DateTime? HeldAt, string? Venue, List<long>? AgendaNeedIds);

public sealed record DecisionInput(string? Title, string? Description, List<long>? NeedIds, List<long>? UnitIds, DateOnly? StartOn);

/// <summary>大党委联席会议: convened with open needs on the agenda, attendance and minutes, decisions that make projects.</summary>
public sealed class JointMeetingsService(HuyingDbContext db, CurrentUser user, ProjectWorkService work, TimeProvider clock)
{
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    public async Task<List<JointMeeting>> MeetingsAsync(string? community, CancellationToken ct) =>
        await db.JointMeetings.AsNoTracking().Include(m => m.Attendees)
            .Where(m => community == null || m.CommunityCode == community)
            .OrderByDescending(m => m.HeldAt).Take(200).ToListAsync(ct);

    public Task<JointMeeting?> MeetingAsync(long id, CancellationToken ct) =>
        db.JointMeetings.Include(m => m.Attendees).FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>Convenes a meeting: its attendees are the big committee's members and the units' contacts, absent until marked.</summary>
    public async Task<JointMeeting> ConveneAsync(MeetingInput input, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.CommunityCode) || !await db.Communities.AnyAsync(c => c.Code == input.CommunityCode, ct))
        {
            errors.Add("communityCode", "Choose a community");
        }
        errors.Add("title", ProjectRules.Required(input.Title, 100, "Give the meeting a title"));
        if (input.HeldAt is null)
        {
            errors.Add("heldAt", "Give the date and time of the meeting");
        }
        errors.Add("venue", ProjectRules.AtMost(input.Venue, 100));
        var agenda = input.AgendaNeedIds?.Distinct().ToList() ?? [];
        if (agenda.Count > 0 && await db.Needs.CountAsync(n => agenda.Contains(n.Id) && n.CommunityCode == input.CommunityCode, ct) != agenda.Count)
        {
            errors.Add("agendaNeedIds", "Put needs of this community on the agenda");
        }
        errors.ThrowIfAny();
        var meeting = new JointMeeting
        {
            CommunityCode = input.CommunityCode!, Title = input.Title!.Trim(), HeldAt = Display.ToUtc(input.HeldAt!.Value),
            Venue = input.Venue?.Trim(), AgendaNeedIds = agenda, CreatedAt = Now,
        };
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.CommunityCode == meeting.CommunityCode).ToListAsync(ct);
        foreach (var m in members.OrderBy(m => m.Role))
        {
            meeting.Attendees.Add(new JointMeetingAttendee
            {
                Name = m.Name, PartnerUnitId = m.PartnerUnitId,
                Role = m.Role switch { CommitteeRole.FirstSecretary => AttendeeRole.FirstSecretary, CommitteeRole.PartTimeMember => AttendeeRole.PartTimeMember, _ => AttendeeRole.CommunityStaff },
            });
        }
        var units = await db.PartnerUnits.AsNoTracking().IgnoreQueryFilters()
            .Where(u => u.Communities.Any(l => l.CommunityCode == meeting.CommunityCode))
            .Select(u => new { u.Id, u.Name, u.ContactName }).ToListAsync(ct);
        foreach (var u in units.Where(u => meeting.Attendees.All(a => a.PartnerUnitId != u.Id)))
        {
            meeting.Attendees.Add(new JointMeetingAttendee { Name = $"{u.Name} {u.ContactName}".Trim(), PartnerUnitId = u.Id, Role = AttendeeRole.UnitRepresentative });
        }
        db.JointMeetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>Attendance (and resident representatives added as guests) and the minutes.</summary>
    public async Task RecordAsync(JointMeeting meeting, IReadOnlyCollection<long> present, string? minutes, IReadOnlyCollection<string>? guests, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        var errors = new FieldErrors().Add("minutes", ProjectRules.AtMost(minutes, 4000));
        var named = Validators.Entries(guests);
        foreach (var guest in named)
        {
            errors.Add("guests", ProjectRules.AtMost(guest, 50));
        }
        errors.ThrowIfAny();
        foreach (var a in meeting.Attendees)
        {
            a.Present = present.Contains(a.Id);
        }
        foreach (var guest in named)
        {
            meeting.Attendees.Add(new JointMeetingAttendee { Name = guest, Role = AttendeeRole.ResidentRepresentative, Present = true });
        }
        meeting.Minutes = minutes?.Trim();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A decision of the meeting: the needs become a project adopted by one or more units.</summary>
    public async Task<Project> DecideAsync(JointMeeting meeting, DecisionInput input, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        var needIds = input.NeedIds?.Distinct().ToList() ?? [];
        if (needIds.Count == 0)
        {
            throw new FieldException("needIds", "Choose the needs the project answers");
        }
        var first = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id)).OrderBy(n => n.Id).FirstOrDefaultAsync(ct);
        return await work.CreateAsync(meeting.CommunityCode, input with { StartOn = input.StartOn ?? DateOnly.FromDateTime(Display.Local(meeting.HeldAt)) },
            meeting.Id, first?.BuildingId, first?.Place, ct);
    }
}
