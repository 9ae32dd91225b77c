using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

/// <summary>
/// The big committee's card on the home page: for community staff and the officers above, the needs no unit has
/// taken, the late milestones and the acceptance requests; a partner unit's milestones that are late or due within a
/// week, the needs offered to it and the projects sent back at acceptance; a party member's service (reported or
/// not, the tasks picked, the hours credited).
/// </summary>
public sealed class ProjectHome(HuyingDbContext db, TimeProvider clock) : IHomeSection
{
    public async Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));
        if (user.IsInRole(Roles.UnitLiaison) && long.TryParse(user.FindFirstValue(ScopeClaims.Unit), out var unit))
        {
            var soon = today.AddDays(7);
            var milestones = await db.Milestones.AsNoTracking()
                .Where(m => m.PartnerUnitId == unit && m.DoneOn == null && m.DueOn <= soon)
                .OrderBy(m => m.DueOn).Take(8)
                .Select(m => new { m.ProjectId, m.Title, m.DueOn }).ToListAsync(ct);
            var offered = await db.NeedOffers.AsNoTracking().Where(o => o.PartnerUnitId == unit)
                .Join(db.Needs.Where(n => n.Status == NeedStatus.Open), o => o.NeedId, n => n.Id, (o, n) => new { n.Id, n.Title })
                .OrderByDescending(n => n.Id).Take(4).ToListAsync(ct);
            var sentBack = await db.Projects.AsNoTracking()
                .Where(p => p.SentBackReason != null && p.Status != ProjectStatus.Accepted && p.Status != ProjectStatus.AwaitingAcceptance
                    && p.Units.Any(u => u.PartnerUnitId == unit))
                .OrderByDescending(p => p.Id).Take(4).Select(p => new { p.Id, p.Title }).ToListAsync(ct);
            return new HomeCard(20, "milestones", Tr.T("My unit's milestones"),
                [.. sentBack.Select(p => new HomeItem(p.Title, $"/projects/{p.Id}", Tr.T("Sent back at acceptance"), Urgent: true)),
                 .. milestones.Select(m => new HomeItem(m.Title, $"/projects/{m.ProjectId}",
                    m.DueOn < today ? Tr.T("{0} days late", today.DayNumber - m.DueOn.DayNumber) : m.DueOn.ToString("M-d", CultureInfo.InvariantCulture),
                    Urgent: m.DueOn < today)),
                 .. offered.Select(n => new HomeItem(n.Title, $"/projects/needs/{n.Id}", Tr.T("Offered to my unit")))],
                Tr.T("No milestone late or due this week."), new HomeItem(Tr.T("My unit's projects"), "/projects"));
        }
        if (user.Holds(Policies.CommunityStaff) || user.IsInRole(Roles.TownOfficer) || user.IsInRole(Roles.CountyOfficer))
        {
            var untaken = await db.Needs.CountAsync(n => n.Status == NeedStatus.Open, ct);
            var late = await db.Projects.CountAsync(p => p.Status != ProjectStatus.Accepted && p.NextDueOn != null && p.NextDueOn < today, ct);
            var acceptance = await db.Projects.CountAsync(p => p.Status == ProjectStatus.AwaitingAcceptance, ct);
            string N(int n) => n.ToString(CultureInfo.CurrentCulture);
            return new HomeCard(20, "projects", Tr.T("Needs and projects"),
                [new HomeItem(Tr.T("Needs no unit has taken"), "/projects/needs?status=open", N(untaken)),
                 new HomeItem(Tr.T("Projects with a late milestone"), "/projects?status=late", N(late), Urgent: late > 0),
                 new HomeItem(Tr.T("Awaiting acceptance"), "/projects?status=awaitingacceptance", N(acceptance))],
                Tr.T("Nothing waiting."), new HomeItem(Tr.T("Project list"), "/projects"));
        }
        if (user.IsInRole(Roles.PartyMember) && long.TryParse(user.FindFirstValue(ScopeClaims.Person), out var person))
        {
            var member = await db.InServiceMembers.AsNoTracking().Where(m => m.PersonId == person).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
            if (member is null)
            {
                return new HomeCard(20, "service", Tr.T("My service in the community"), [], Tr.T("You have not reported to your home community yet."),
                    new HomeItem(Tr.T("Report in"), "/projects/service"));
            }
            var records = await db.ServiceRecords.AsNoTracking().Where(r => r.MemberId == member)
                .Join(db.ServiceTasks, r => r.TaskId, t => t.Id, (r, t) => new { t.Title, t.On, r.Hours })
                .OrderByDescending(r => r.On).Take(5).ToListAsync(ct);
            var hours = await db.ServiceRecords.Where(r => r.MemberId == member).SumAsync(r => r.Hours ?? 0, ct);
            return new HomeCard(20, "service", Tr.T("My service in the community"),
                [.. records.Select(r => new HomeItem(r.Title, "/projects/service",
                    r.Hours is { } h ? Tr.T("{0} hours", h.ToString("0.#", CultureInfo.InvariantCulture)) : r.On.ToString("M-d", CultureInfo.InvariantCulture)))],
                Tr.T("No task picked yet."),
                new HomeItem(Tr.T("Pick a task ({0} hours so far)", hours.ToString("0.#", CultureInfo.InvariantCulture)), "/projects/service"));
        }
        return null;
    }
}
