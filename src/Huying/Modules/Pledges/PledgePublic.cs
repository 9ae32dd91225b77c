using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Huying.Platform.Ratings;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Pledges;

/// <summary>A pledge as the public board shows it: the member's name (masked where the town says so), what, the result.</summary>
public sealed record PublicPledge(long Id, string Member, PledgeKind Kind, string Title, string DoneWhen, DateOnly DueOn, DateOnly Month, PledgeState State,
    PledgeRating? Rating, int ResidentRatings, int ResidentSatisfied);

/// <summary>The village's board for residents (no account): this month's and last month's pledges, and their ratings.</summary>
public sealed partial class PledgeService
{
    /// <summary>The pledges a village showed on its board in the last two months, newest month first.</summary>
    public async Task<List<PublicPledge>> PublicBoardAsync(string community, CancellationToken ct)
    {
        var town = await TownAsync(community, ct);
        var since = ThisMonth.AddMonths(-1);
        // A query of its own over public facts (the board's own text): the anonymous reader has no scope.
        var shown = await db.Pledges.IgnoreQueryFilters().AsNoTracking().Include(p => p.Member)
            .Where(p => p.CommunityCode == community && p.Month >= since && p.State >= PledgeState.Published)
            .OrderByDescending(p => p.Month).ThenBy(p => p.Kind).ThenBy(p => p.MemberId).ThenBy(p => p.Id).ToListAsync(ct);
        return [.. shown.Select(p => new PublicPledge(p.Id, town.MaskNames ? Platform.Privacy.PersonalData.MaskName(p.Member!.Name) : p.Member!.Name, p.Kind, p.Title,
            p.DoneWhen, p.DueOn, p.Month, p.State, p.Rating, p.ResidentRatings, p.ResidentSatisfied))];
    }

    /// <summary>
    /// A resident rates a pledge on the board with the tracking code of something they raised in the village (an
    /// opinion-list item, a matter, a topic): one rating per code and pledge, so ratings count people, not clicks; who
    /// rated is not kept.
    /// </summary>
    public async Task RateAsync(long pledgeId, string community, string? rating, string? code, CancellationToken ct)
    {
        var pledge = await db.Pledges.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == pledgeId && p.CommunityCode == community && p.State >= PledgeState.Published && p.Month >= ThisMonth.AddMonths(-1), ct)
            ?? throw new RuleViolationException("This pledge is not on the board to rate");
        var value = RatingText.Parse(rating);
        var hash = codes.Hash(code);
        var codeError = hash is null ? "Enter the tracking code of something you raised in this village (an opinion, a matter, a topic)"
            : await codes.CommunityOfAsync(code, ct) != community ? "Nothing raised in this village has this tracking code"
            // A query of its own: the rater sees no ratings, yet one code rates a pledge once.
            : await db.PledgeResidentRatings.IgnoreQueryFilters().AnyAsync(r => r.PledgeId == pledgeId && r.CodeHash == hash, ct) ? "This tracking code has already rated this pledge"
            : null;
        new FieldErrors().Add("rating", value is null ? "Choose satisfied, basically satisfied or unsatisfied" : null).Add("code", codeError).ThrowIfAny();
        db.PledgeResidentRatings.Add(new PledgeResidentRating { PledgeId = pledgeId, CommunityCode = community, Rating = value!.Value, CodeHash = hash!, At = Now });
        // The pledge's tallies move by an increment in the database, not a read-modify-write of the (versioned) pledge:
        // residents rating at the same moment neither conflict nor lose a count. One transaction with the rating row.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var satisfied = value == Rating.Unsatisfied ? 0 : 1;
        await db.Pledges.IgnoreQueryFilters().Where(p => p.Id == pledge.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ResidentRatings, p => p.ResidentRatings + 1).SetProperty(p => p.ResidentSatisfied, p => p.ResidentSatisfied + satisfied), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The village's name, for the public board; null when it is not a place on Huying.</summary>
    public Task<string?> PlaceNameAsync(string community, CancellationToken ct) =>
        db.Communities.IgnoreQueryFilters().AsNoTracking().Where(c => c.Code == community).Select(c => c.Name).FirstOrDefaultAsync(ct);
}

/// <summary>The sheet for the party meeting.</summary>
public sealed partial class PledgeService
{
    /// <summary>A branch's filed (and further) pledges of a month, names as its board shows them, and how many members it expected to pledge.</summary>
    public async Task<(List<PublicPledge> Rows, int Members, int Pledged)> SheetAsync(string community, DateOnly month, CancellationToken ct)
    {
        var town = await TownAsync(community, ct);
        var rows = await db.Pledges.AsNoTracking().Include(p => p.Member)
            .Where(p => p.CommunityCode == community && p.Month == month && p.State >= PledgeState.Filed)
            .OrderBy(p => p.MemberId).ThenBy(p => p.Id).ToListAsync(ct);
        var members = await ActiveIn([community], month).CountAsync(ct);
        return ([.. rows.Select(p => new PublicPledge(p.Id, town.MaskNames ? Platform.Privacy.PersonalData.MaskName(p.Member!.Name) : p.Member!.Name, p.Kind, p.Title,
            p.DoneWhen, p.DueOn, p.Month, p.State, p.Rating, p.ResidentRatings, p.ResidentSatisfied))], members,
            rows.Select(p => p.MemberId).Distinct().Count());
    }
}
