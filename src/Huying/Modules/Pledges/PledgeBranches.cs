using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Pledges;

public sealed record TownSettingsInput(int? PublishBy, int? ProgressBy, bool? MaskNames);

public sealed record TownSettingsDto(string TownCode, int PublishBy, int ProgressBy, bool MaskNames);

/// <summary>A member added to a branch's list: the name, the day they joined, and their account (its user name) when they pledge on the phone.</summary>
public sealed record BranchMemberInput(string? Name, DateOnly? JoinedOn, string? Account);

public sealed record BranchMemberDto(long Id, string CommunityCode, string Name, DateOnly JoinedOn, DateOnly? LeftOn, bool HasAccount);

/// <summary>The town's dates and naming, and each branch's member list.</summary>
public sealed partial class PledgeService
{
    public static TownSettingsDto ToDto(PledgeTown t) => new(t.TownCode, t.PublishBy, t.ProgressBy, t.MaskNames);

    /// <summary>A town's settings when some branch of it is in the caller's scope; null otherwise (404).</summary>
    public async Task<PledgeTown?> TownInScopeAsync(string town, CancellationToken ct) =>
        town is { Length: 9 } && town.All(char.IsAsciiDigit) && await db.Communities.AnyAsync(c => c.Code.StartsWith(town), ct) ? await TownAsync(town, ct) : null;

    /// <summary>
    /// The town party committee sets by which day the boards go up (晒诺) and by which day progress is reported (督诺),
    /// and whether the public board masks the members' names. Boards of this month and last are shown again, as new
    /// versions, when the naming changes.
    /// </summary>
    public async Task<PledgeTown> SetTownAsync(string town, TownSettingsInput input, CancellationToken ct)
    {
        user.Require(PledgePolicies.File, "Only the town party committee sets its dates");
        var current = await TownAsync(town, ct);
        var publishBy = input.PublishBy ?? current.PublishBy;
        var progressBy = input.ProgressBy ?? current.ProgressBy;
        new FieldErrors()
            .Add("publishBy", publishBy is < 1 or > 10 ? "The board goes up between the 1st and the 10th" : null)
            .Add("progressBy", progressBy is < 5 or > 25 ? "Progress is due between the 5th and the 25th"
                : progressBy <= publishBy ? "Progress is due after the board goes up" : null)
            .ThrowIfAny();
        var stored = await db.PledgeTowns.FirstOrDefaultAsync(t => t.TownCode == town, ct);
        if (stored is null)
        {
            stored = new PledgeTown { TownCode = town };
            db.PledgeTowns.Add(stored);
        }
        var renamed = stored.MaskNames != (input.MaskNames ?? current.MaskNames);
        stored.PublishBy = publishBy;
        stored.ProgressBy = progressBy;
        stored.MaskNames = input.MaskNames ?? current.MaskNames;
        await db.SaveChangesAsync(ct);
        if (renamed)
        {
            var since = ThisMonth.AddMonths(-1);
            var boards = await db.PledgeBoards.AsNoTracking().Where(b => b.CommunityCode.StartsWith(town) && b.Month >= since)
                .Select(b => new { b.CommunityCode, b.Month }).ToListAsync(ct);
            foreach (var b in boards)
            {
                await BoardAsync(b.CommunityCode, b.Month, stored.MaskNames ? "Names masked" : "Names shown", ct);
            }
        }
        return stored;
    }

    /// <summary>Whether any branch under a division in the caller's scope keeps a member list.</summary>
    public Task<bool> KeepsMembersAsync(string division, CancellationToken ct) =>
        db.BranchMembers.AnyAsync(m => m.CommunityCode.StartsWith(division) && m.LeftOn == null, ct);

    /// <summary>A branch's members, those still in it first, then those who left in the last year.</summary>
    public async Task<List<BranchMember>> MembersAsync(string community, CancellationToken ct)
    {
        var since = Today.AddYears(-1);
        return await db.BranchMembers.AsNoTracking().Where(m => m.CommunityCode == community && (m.LeftOn == null || m.LeftOn >= since))
            .OrderBy(m => m.LeftOn != null).ThenBy(m => m.JoinedOn).ThenBy(m => m.Id).Take(1000).ToListAsync(ct);
    }

    /// <summary>The branch (its secretary or staff) adds a member; linking their account lets them pledge on the phone.</summary>
    public async Task<BranchMember> AddMemberAsync(string community, BranchMemberInput input, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff, "Only the branch keeps its member list");
        var errors = new FieldErrors();
        var name = input.Name?.Trim() ?? "";
        errors.Add("name", name.Length == 0 ? "Enter the member's name" : name.Length > 50 ? new Message("Keep it under {0} characters", 50) : (Message?)null);
        errors.Add("joinedOn", input.JoinedOn > Today ? "The date cannot be in the future" : null);
        long? userId = null;
        if (input.Account is { Length: > 0 } account)
        {
            var normalized = account.Trim().ToUpperInvariant();
            var found = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
            var member = found is { } id && await (from ur in db.UserRoles
                                                   join r in db.Roles on ur.RoleId equals r.Id
                                                   where ur.UserId == id && r.Name == Roles.PartyMember
                                                   select ur).AnyAsync(ct);
            // A query of its own over one account: is it on some branch's list already (wherever that branch is)?
            var taken = found is { } uid && await db.BranchMembers.IgnoreQueryFilters().AnyAsync(m => m.UserId == uid && m.LeftOn == null, ct);
            errors.Add("account", found is null ? "No account has this user name" : !member ? "This account is not a party member's"
                : taken ? "This account is already on a branch's member list" : null);
            userId = found;
        }
        errors.ThrowIfAny();
        var added = new BranchMember { CommunityCode = community, Name = name, UserId = userId, JoinedOn = input.JoinedOn ?? Today };
        db.BranchMembers.Add(added);
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>
    /// A member leaves the branch (moved, transferred): not expected to pledge from the next month; their pledges stay
    /// with the branch, and their account is freed to join another branch's list.
    /// </summary>
    public async Task<BranchMember?> RemoveMemberAsync(string community, long memberId, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff, "Only the branch keeps its member list");
        if (await db.BranchMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.CommunityCode == community, ct) is not { } member)
        {
            return null;
        }
        if (member.LeftOn is not null)
        {
            throw new RuleViolationException("This member has already left the branch");
        }
        member.LeftOn = Today;
        member.UserId = null;
        await db.SaveChangesAsync(ct);
        return member;
    }
}
