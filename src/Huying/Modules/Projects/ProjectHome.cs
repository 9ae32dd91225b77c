using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

/// <summary>
/// The big committee's card on the home page: a partner unit's milestones that are late or due within a week; a party
/// member's service (reported or not, the tasks picked, the hours credited).
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
            return new HomeCard(20, "milestones", Tr.T("My unit's milestones"),
                [.. milestones.Select(m => new HomeItem(m.Title, $"/projects/{m.ProjectId}",
                    m.DueOn < today ? Tr.T("{0} days late", today.DayNumber - m.DueOn.DayNumber) : m.DueOn.ToString("M-d", CultureInfo.InvariantCulture),
                    Urgent: m.DueOn < today))],
                Tr.T("No milestone late or due this week."), new HomeItem(Tr.T("My unit's projects"), "/projects"));
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
