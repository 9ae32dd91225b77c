using Huying.Platform.Composition;
using Huying.Modules.Matters;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

/// <summary>A need to add; <paramref name="TopicId"/> names the decided deliberation topic it carries out, when it came from one.</summary>
public sealed record NeedInput(string? CommunityCode, string? CategoryCode, string? Title, string? Description, long? BuildingId,
    string? Place, int? PeopleAffected, string? Source, List<long>? MatterIds = null, long? TopicId = null);

/// <summary>A place where the same kind of matter keeps coming back: what a need may be made of.</summary>
public sealed record NeedSuggestion(string CommunityCode, long BuildingId, string Place, long? GridId, string CategoryCode,
    string CategoryName, List<long> MatterIds, DateTime First, DateTime Last);

/// <summary>需求清单: needs raised, suggested by recurring matters, offered to partner units, dropped or adopted.</summary>
public sealed class NeedsService(HuyingDbContext db, CurrentUser user, MatterCatalogue catalogue, FileStore files, ProjectWorkService work,
    TimeProvider clock, Chains chains)
{
    /// <summary>Three matters of one category at one place within 90 days suggest a need.</summary>
    public const int SuggestAfter = 3;
    public const int SuggestWithinDays = 90;

    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    public async Task<List<Need>> NeedsAsync(string? community, NeedStatus? status, CancellationToken ct) =>
        await db.Needs.AsNoTracking().Include(n => n.Offers)
            .Where(n => community == null || n.CommunityCode == community)
            .Where(n => status == null || n.Status == status)
            .OrderBy(n => n.Status).ThenByDescending(n => n.CreatedAt)
            .Take(1000)
            .ToListAsync(ct);

    public Task<Need?> NeedAsync(long id, CancellationToken ct) => db.Needs.Include(n => n.Offers).FirstOrDefaultAsync(n => n.Id == id, ct);

    /// <summary>
    /// Places where matters of one category came back <see cref="SuggestAfter"/> or more times within
    /// <see cref="SuggestWithinDays"/> days, unless a need of that category at that place (not dropped) was raised
    /// since the first of them.
    /// </summary>
    public async Task<List<NeedSuggestion>> SuggestionsAsync(string? community, CancellationToken ct)
    {
        var since = Now.AddDays(-SuggestWithinDays);
        var groups = await db.Matters.AsNoTracking()
            .Where(m => m.SubmittedAt >= since && m.BuildingId != null && m.State != MatterState.Merged && m.State != MatterState.Rejected)
            .Where(m => community == null || m.CommunityCode == community)
            .GroupBy(m => new { m.CommunityCode, BuildingId = m.BuildingId!.Value, m.CategoryCode })
            .Where(g => g.Count() >= SuggestAfter)
            .Select(g => new { g.Key.CommunityCode, g.Key.BuildingId, g.Key.CategoryCode, First = g.Min(m => m.SubmittedAt), Last = g.Max(m => m.SubmittedAt) })
            .ToListAsync(ct);
        if (groups.Count == 0)
        {
            return [];
        }
        var buildingIds = groups.Select(g => g.BuildingId).Distinct().ToList();
        var covered = await db.Needs.AsNoTracking()
            .Where(n => n.BuildingId != null && buildingIds.Contains(n.BuildingId.Value) && n.Status != NeedStatus.Dropped)
            .Select(n => new { n.BuildingId, n.CategoryCode, n.CreatedAt })
            .ToListAsync(ct);
        var places = await db.Buildings.AsNoTracking().IgnoreQueryFilters().Where(b => buildingIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => new { b.Name, b.GridId }, ct);
        // The matters of those places, in one query, to name each suggestion's matters.
        var matters = (await db.Matters.AsNoTracking()
            .Where(m => m.SubmittedAt >= since && m.BuildingId != null && buildingIds.Contains(m.BuildingId.Value)
                && m.State != MatterState.Merged && m.State != MatterState.Rejected)
            .OrderBy(m => m.SubmittedAt)
            .Select(m => new { m.Id, BuildingId = m.BuildingId!.Value, m.CategoryCode })
            .ToListAsync(ct)).ToLookup(m => (m.BuildingId, m.CategoryCode), m => m.Id);
        var snapshot = await catalogue.GetAsync(ct);
        var result = new List<NeedSuggestion>();
        foreach (var g in groups.OrderByDescending(g => g.Last))
        {
            if (covered.Any(n => n.BuildingId == g.BuildingId && SameKind(n.CategoryCode, g.CategoryCode, snapshot) && n.CreatedAt >= g.First))
            {
                continue;
            }
            var ids = matters[(g.BuildingId, g.CategoryCode)].ToList();
            var place = places.GetValueOrDefault(g.BuildingId);
            result.Add(new NeedSuggestion(g.CommunityCode, g.BuildingId, place?.Name ?? "", place?.GridId, g.CategoryCode,
                snapshot.Find(g.CategoryCode)?.Name ?? g.CategoryCode, ids, g.First, g.Last));
        }
        return result;
    }

    private static bool SameKind(string a, string b, MatterCatalogue.Snapshot snapshot) =>
        a == b || snapshot.Find(a)?.ParentCode == b || snapshot.Find(b)?.ParentCode == a;

    /// <summary>Community staff add a need (with photos: checked with the fields, saved with the need).</summary>
    public async Task<Need> CreateAsync(NeedInput input, IReadOnlyList<IFormFile>? photos, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        var (errors, _) = await files.CheckAsync(photos ?? [], "photos", ct);
        var snapshot = await catalogue.GetAsync(ct);
        if (string.IsNullOrWhiteSpace(input.CommunityCode) || !await db.Communities.AnyAsync(c => c.Code == input.CommunityCode, ct))
        {
            errors.Add("communityCode", "Choose a community");
        }
        if (input.CategoryCode is null || snapshot.Find(input.CategoryCode) is null)
        {
            errors.Add("categoryCode", "Choose a category");
        }
        errors.Add("title", ProjectRules.Required(input.Title, 100, "Give the need a short title"));
        errors.Add("description", ProjectRules.AtMost(input.Description, 2000));
        errors.Add("place", ProjectRules.AtMost(input.Place, 200));
        if (input.PeopleAffected is < 0 or > 100000)
        {
            errors.Add("peopleAffected", "People affected must be between 0 and 100000");
        }
        if (!Enum.TryParse<NeedSource>(input.Source, true, out var source) || !Enum.IsDefined(source))
        {
            errors.Add("source", "Choose where the need came from");
        }
        var building = input.BuildingId is { } bid
            ? await db.Buildings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bid && b.CommunityCode == input.CommunityCode, ct)
            : null;
        if (input.BuildingId is not null && building is null)
        {
            errors.Add("buildingId", "Choose a place of the community");
        }
        if (building is null && string.IsNullOrWhiteSpace(input.Place))
        {
            errors.Add("place", "Pick a building, courtyard or alley, or describe the place");
        }
        var matterIds = input.MatterIds ?? [];
        if (matterIds.Count > 0 && await db.Matters.CountAsync(m => matterIds.Contains(m.Id) && m.CommunityCode == input.CommunityCode, ct) != matterIds.Distinct().Count())
        {
            errors.Add("matterIds", "Some of the matters are not of this community");
        }
        if (input.TopicId is { } topicId)
        {
            // A topic the adder can see, of this community, decided: the need carries its decision out.
            var topic = await chains.RecordAsync(new ChainRef("topic", topicId), ct);
            errors.Add("topicId", topic is null ? "The deliberation topic was not found"
                : topic.Community != input.CommunityCode ? "The deliberation topic is of another community"
                : topic.Text is null ? "The topic has no decision yet" : null);
        }
        errors.ThrowIfAny();
        var need = new Need
        {
            CommunityCode = input.CommunityCode!, CategoryCode = input.CategoryCode!, Title = input.Title!.Trim(),
            Description = input.Description?.Trim(), BuildingId = building?.Id, GridId = building?.GridId,
            Place = building?.Name ?? input.Place!.Trim(), PeopleAffected = input.PeopleAffected ?? 0, Source = source,
            MatterIds = [.. matterIds.Distinct()], TopicId = input.TopicId, CreatedAt = Now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Needs.Add(need);
        await db.SaveChangesAsync(ct);
        if (photos is { Count: > 0 })
        {
            await files.SaveAsync(db, nameof(Need), need.Id, photos, "photos", ct);
        }
        await transaction.CommitAsync(ct);
        return need;
    }

    /// <summary>Community staff offer a need to partner units of its community.</summary>
    public async Task OfferAsync(Need need, IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        if (need.Status is NeedStatus.Dropped or NeedStatus.Met)
        {
            throw new RuleViolationException("A need that was dropped or met is not offered");
        }
        await work.RequireUnitsOfAsync(need.CommunityCode, unitIds, ct);
        foreach (var unit in unitIds.Distinct().Where(u => need.Offers.All(o => o.PartnerUnitId != u)))
        {
            need.Offers.Add(new NeedOffer { PartnerUnitId = unit, CommunityCode = need.CommunityCode, OfferedAt = Now });
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task DropAsync(Need need, string? reason, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        new FieldErrors().Add("reason", ProjectRules.Required(reason, 500, "Say why the need is dropped")).ThrowIfAny();
        if (await db.ProjectNeeds.AnyAsync(pn => pn.NeedId == need.Id, ct))
        {
            throw new RuleViolationException("A need answered by a project cannot be dropped");
        }
        need.Drop(reason!.Trim());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A unit liaison adopts a need offered to it: a project of that unit answering the need.</summary>
    public async Task<Project> AdoptAsync(Need need, CancellationToken ct)
    {
        var unit = ProjectRules.UnitOf(user.Principal) ?? throw new NotAllowedException("Only a partner unit adopts a need");
        if (need.Status is not (NeedStatus.Open or NeedStatus.Adopted))
        {
            throw new RuleViolationException("Only an open need can be adopted");
        }
        var units = db.ProjectUnits;
        if (await db.ProjectNeeds.AnyAsync(pn => pn.NeedId == need.Id && units.Any(u => u.ProjectId == pn.ProjectId && u.PartnerUnitId == unit), ct))
        {
            throw new RuleViolationException("Your unit has already adopted this need");
        }
        return await work.CreateAsync(need.CommunityCode, new DecisionInput(need.Title, need.Description, [need.Id], [unit], work.Today),
            null, need.BuildingId, need.Place, ct);
    }
}
