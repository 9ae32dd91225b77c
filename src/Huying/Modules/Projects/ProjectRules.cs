using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Web;

namespace Huying.Modules.Projects;

/// <summary>What the big committee's services share: who acts for which unit, and the text checks of their forms.</summary>
public static class ProjectRules
{
    /// <summary>The partner unit a liaison acts for; null for everyone else.</summary>
    public static long? UnitOf(ClaimsPrincipal? user) =>
        user is not null && user.IsInRole(Roles.UnitLiaison) && long.TryParse(user.FindFirstValue(ScopeClaims.Unit), out var unit) ? unit : null;

    /// <summary>A required text of at most <paramref name="max"/> characters: the message key of what is wrong, or null.</summary>
    public static Message? Required(string? value, int max, string missing) =>
        string.IsNullOrWhiteSpace(value) ? missing : AtMost(value, max);

    /// <summary>An optional text of at most <paramref name="max"/> characters.</summary>
    public static Message? AtMost(string? value, int max) =>
        value is { } v && v.Trim().Length > max ? new Message("Keep it under {0} characters", max) : default(Message?);

    /// <summary>
    /// The unit a change is made for: a liaison acts for the own unit only (403 for another), community staff for any
    /// unit of the project; nobody else changes a project.
    /// </summary>
    public static long ActingUnit(Project project, ClaimsPrincipal user, long? requested)
    {
        if (UnitOf(user) is { } own)
        {
            if (requested is not null && requested != own)
            {
                throw new NotAllowedException("A unit plans and reports its own work only");
            }
            return own;
        }
        if (!user.Holds(Policies.CommunityStaff))
        {
            throw new NotAllowedException("Only the project's units and community staff change a project");
        }
        return requested is { } unit && project.Units.Any(u => u.PartnerUnitId == unit) ? unit
            : requested is null && project.Units.Count > 0 ? project.Units[0].PartnerUnitId
            : throw new FieldException("unitId", "Choose one of the project's units");
    }
}
