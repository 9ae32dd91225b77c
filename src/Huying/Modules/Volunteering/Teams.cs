using Huying.Modules.Organisation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

public sealed record MemberInput(long? VolunteerId);

/// <summary>Teams: made with their leader, members and partner units; members joined, removed and a new leader chosen by the organisers.</summary>
public sealed partial class VolunteeringService
{
    public async Task<VolunteerTeam> CreateTeamAsync(TeamInput input, CancellationToken ct)
    {
        user.Require(VolunteeringPolicies.Organise);
        var errors = new FieldErrors();
        errors.Add("communityCode", await db.Communities.AnyAsync(c => c.Code == input.CommunityCode, ct) ? null : "Community not found");
        var name = input.Name?.Trim() ?? "";
        errors.Add("name", name.Length == 0 ? "Name is required" : name.Length > 100 ? "Name is too long (100 characters at most)" : null);
        var kind = TeamKind.ServiceTeam;
        if (input.Kind is { Length: > 0 } k && !(Enum.TryParse(k, true, out kind) && Enum.IsDefined(kind) && !k.All(char.IsDigit)))
        {
            errors.Add("kind", "Unknown team kind");
        }
        errors.Add("focus", Long(input.Focus, 100)).Add("organiser", Long(input.Organiser, 100)).Add("brand", Long(input.Brand, 100));
        var members = (input.MemberIds ?? []).Distinct().ToList();
        if (input.LeaderId is { } leader && !members.Contains(leader))
        {
            members.Add(leader);
        }
        var found = await db.Volunteers.Where(v => members.Contains(v.Id)).Select(v => v.Id).ToListAsync(ct);
        errors.Add("memberIds", found.Count != members.Count ? "Volunteer not found" : null);
        var units = (input.UnitIds ?? []).Distinct().ToList();
        errors.Add("unitIds", await db.PartnerUnits.CountAsync(u => units.Contains(u.Id), ct) != units.Count ? "Partner unit not found" : null);
        errors.ThrowIfAny();
        var today = DateOnly.FromDateTime(Display.Local(Now));
        var team = new VolunteerTeam
        {
            CommunityCode = input.CommunityCode!, Name = name, Kind = kind, Focus = input.Focus?.Trim() ?? "", Organiser = input.Organiser?.Trim(),
            Brand = input.Brand?.Trim(), LeaderId = input.LeaderId,
            Members = [.. members.Select(m => new TeamMember { VolunteerId = m, JoinedOn = today })],
            Units = [.. units.Select(u => new TeamUnit { PartnerUnitId = u })],
        };
        db.VolunteerTeams.Add(team);
        await db.SaveChangesAsync(ct);
        return team;
    }

    public Task<List<VolunteerTeam>> TeamsAsync(string? community, CancellationToken ct) =>
        db.VolunteerTeams.AsNoTracking().Include(t => t.Leader).Include(t => t.Members)
            .Where(t => community == null || t.CommunityCode.StartsWith(community)).OrderBy(t => t.CommunityCode).ThenBy(t => t.Id).ToListAsync(ct);

    /// <summary>A team in the caller's scope, its members read whatever community they belong to (a talent-pool expert may live elsewhere in the county).</summary>
    public async Task<VolunteerTeam?> TeamAsync(long id, CancellationToken ct)
    {
        if (await db.VolunteerTeams.Include(t => t.Members).Include(t => t.Units).FirstOrDefaultAsync(t => t.Id == id, ct) is not { } team)
        {
            return null;
        }
        // A query of its own: lifting the scope filter here lifts it for these rows only, not for the team.
        var ids = team.Members.Select(m => m.VolunteerId).Concat(team.LeaderId is { } l ? [l] : []).Distinct().ToList();
        var people = await db.Volunteers.IgnoreQueryFilters().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        team.Members.ForEach(m => m.Volunteer = people[m.VolunteerId]);
        team.Leader = team.LeaderId is { } leader ? people.GetValueOrDefault(leader) : null;
        return team;
    }

    /// <summary>A team as the public or its members see it (name, kind, focus), any community.</summary>
    public Task<VolunteerTeam?> PublicTeamAsync(long id, CancellationToken ct) =>
        db.VolunteerTeams.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>Adds a volunteer of the caller's scope (the community's, or the county's talent pool) to a team; adding a member again changes nothing.</summary>
    public async Task<VolunteerTeam> AddMemberAsync(VolunteerTeam team, MemberInput input, CancellationToken ct)
    {
        user.Require(VolunteeringPolicies.Organise);
        new FieldErrors().Add("volunteerId", input.VolunteerId is { } v && await db.Volunteers.AnyAsync(x => x.Id == v, ct) ? null : "Volunteer not found").ThrowIfAny();
        if (team.Members.All(m => m.VolunteerId != input.VolunteerId))
        {
            team.Members.Add(new TeamMember { TeamId = team.Id, VolunteerId = input.VolunteerId!.Value, JoinedOn = DateOnly.FromDateTime(Display.Local(Now)) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Added at the same moment by someone else: the unique (team, volunteer) index kept one; show the team as it is.
                db.ChangeTracker.Clear();
                return (await TeamAsync(team.Id, ct))!;
            }
        }
        return (await TeamAsync(team.Id, ct))!;
    }

    /// <summary>Takes a volunteer off a team (their record keeps what they did); null when they are not a member. The leader stays until another is chosen.</summary>
    public async Task<VolunteerTeam?> RemoveMemberAsync(VolunteerTeam team, long volunteerId, CancellationToken ct)
    {
        user.Require(VolunteeringPolicies.Organise);
        if (team.Members.FirstOrDefault(m => m.VolunteerId == volunteerId) is not { } member)
        {
            return null;
        }
        if (team.LeaderId == volunteerId)
        {
            throw new RuleViolationException("Choose another leader before taking the leader off the team");
        }
        team.Members.Remove(member);
        db.Remove(member);
        await db.SaveChangesAsync(ct);
        return team;
    }

    /// <summary>Makes a member the team's leader (who may then run its activities).</summary>
    public async Task<VolunteerTeam> SetLeaderAsync(VolunteerTeam team, MemberInput input, CancellationToken ct)
    {
        user.Require(VolunteeringPolicies.Organise);
        new FieldErrors().Add("volunteerId", team.Members.Any(m => m.VolunteerId == input.VolunteerId) ? null : "Only a member can lead the team").ThrowIfAny();
        team.LeaderId = input.VolunteerId;
        team.Leader = team.Members.First(m => m.VolunteerId == input.VolunteerId).Volunteer;
        await db.SaveChangesAsync(ct);
        return team;
    }
}
