using Huying.Modules.Organisation;
using Huying.Platform.Composition;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Pledges;

/// <summary>An opinion-list item; <c>Origin</c> names the open ask it is taken from (matter-12, need-3), when it is.</summary>
public sealed record OpinionInput(string? CommunityCode, string? Title, string? Source, DateOnly? GatheredOn, string? RaisedBy, string? Place, string? Kind,
    string? Origin = null);

/// <summary>What the members and the branches read: the month's pledges and the opinion list.</summary>
public sealed partial class PledgeService
{
    /// <summary>A member's own pledges (of a month, or the last year's); for the branches in scope, theirs of a month.</summary>
    public async Task<List<Pledge>> ListAsync(string? community, DateOnly? month, CancellationToken ct)
    {
        if (user.Holds(PledgePolicies.Oversee))
        {
            var m = month ?? ThisMonth;
            return await db.Pledges.AsNoTracking().Include(p => p.Member).Where(p => p.Month == m && (community == null || p.CommunityCode.StartsWith(community)))
                .OrderBy(p => p.CommunityCode).ThenBy(p => p.MemberId).ThenBy(p => p.Id).Take(5000).ToListAsync(ct);
        }
        if (await MeAsync(ct) is not { } me)
        {
            return [];
        }
        var since = ThisMonth.AddMonths(-11);
        return await db.Pledges.IgnoreQueryFilters().AsNoTracking().Include(p => p.Member)
            .Where(p => p.MemberId == me.Id && (month == null ? p.Month >= since : p.Month == month))
            .OrderByDescending(p => p.Month).ThenByDescending(p => p.Id).ToListAsync(ct);
    }

    /// <summary>The opinion list of the last year: the member's branch's, or the branches' in scope.</summary>
    public async Task<List<OpinionItem>> OpinionsAsync(string? community, CancellationToken ct)
    {
        var since = Today.AddMonths(-12);
        List<OpinionItem> items;
        if (user.Holds(PledgePolicies.Oversee))
        {
            items = await db.OpinionItems.AsNoTracking().Where(o => o.GatheredOn >= since && (community == null || o.CommunityCode.StartsWith(community)))
                .OrderByDescending(o => o.GatheredOn).ThenByDescending(o => o.Id).Take(500).ToListAsync(ct);
        }
        else if (await MeAsync(ct) is { } me)
        {
            items = await db.OpinionItems.IgnoreQueryFilters().AsNoTracking().Where(o => o.CommunityCode == me.CommunityCode && o.GatheredOn >= since)
                .OrderByDescending(o => o.GatheredOn).ThenByDescending(o => o.Id).Take(200).ToListAsync(ct);
        }
        else
        {
            return [];
        }
        // How many took each up (a pledge carried on is the same claim), counted rather than kept: a query of its own
        // over counts only, so the member sees how popular an item is without seeing others' pledges.
        var ids = items.Select(o => (long?)o.Id).ToList();
        var claims = await db.Pledges.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.OpinionItemId) && p.CarriedFromId == null)
            .GroupBy(p => p.OpinionItemId!.Value).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        items.ForEach(o => o.Claims = claims.GetValueOrDefault(o.Id));
        return items;
    }

    /// <summary>An item gathered at a talk meeting or a door-to-door visit, added by the branch, its staff or the town.</summary>
    public async Task<OpinionItem> AddOpinionAsync(OpinionInput input, CancellationToken ct)
    {
        user.Require(PledgePolicies.Oversee);
        var errors = new FieldErrors();
        errors.Add("communityCode", input.CommunityCode is { Length: 12 } code && await db.Communities.AnyAsync(c => c.Code == code, ct) ? null : "Community not found");
        var title = input.Title?.Trim() ?? "";
        errors.Add("title", title.Length == 0 ? "Say what residents asked for" : title.Length > 200 ? new Message("Keep it under {0} characters", 200) : (Message?)null);
        var source = OpinionSource.TalkMeeting;
        errors.Add("source", input.Source is { Length: > 0 } s && !(Enum.TryParse(s, true, out source) && Enum.IsDefined(source) && !s.All(char.IsDigit)) ? "Unknown source" : null);
        errors.Add("gatheredOn", input.GatheredOn is not { } on ? "Give the date it was gathered" : on > Today ? "The date cannot be in the future" : null);
        errors.Add("raisedBy", input.RaisedBy?.Trim().Length > 50 ? new Message("Keep it under {0} characters", 50) : (Message?)null);
        errors.Add("place", input.Place?.Trim().Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null);
        var origin = string.IsNullOrWhiteSpace(input.Origin) ? null : input.Origin.Trim();
        errors.Add("origin", origin is { Length: > 40 } ? new Message("Keep it under {0} characters", 40)
            : origin is not null && await db.OpinionItems.AnyAsync(o => o.CommunityCode == input.CommunityCode && o.Origin == origin, ct) ? "Already on the opinion list" : (Message?)null);
        PledgeKind? kind = null;
        if (input.Kind is { Length: > 0 })
        {
            kind = ParseKind(input.Kind, errors);
        }
        errors.ThrowIfAny();
        var item = new OpinionItem
        {
            CommunityCode = input.CommunityCode!, Title = title, Source = source, GatheredOn = input.GatheredOn!.Value, Kind = kind,
            RaisedBy = string.IsNullOrWhiteSpace(input.RaisedBy) ? null : input.RaisedBy.Trim(), Place = string.IsNullOrWhiteSpace(input.Place) ? null : input.Place.Trim(),
            CreatedAt = Now, TrackingCode = TrackingCodes.New("YJ"), Origin = origin,
        };
        db.OpinionItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>A place's open matters and needs not yet on its opinion list: suggestions the branch can take onto it.</summary>
    public async Task<List<OpenAsk>> SuggestionsAsync(string community, IEnumerable<IOpenAsks> sources, CancellationToken ct)
    {
        var taken = (await db.OpinionItems.AsNoTracking().Where(o => o.CommunityCode == community && o.Origin != null).Select(o => o.Origin!).ToListAsync(ct)).ToHashSet();
        var all = new List<OpenAsk>();
        foreach (var source in sources)
        {
            all.AddRange((await source.OpenInAsync(community, 20, ct)).Where(a => !taken.Contains(a.Key)));
        }
        return [.. all.OrderByDescending(a => a.Since).Take(10)];
    }
}
