using System.Text.Json;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Platform;

/// <summary>
/// A 200 is not enough: every list, asked by every demo user with and without another community's code, holds only
/// rows of the caller's scope (DESIGN §5, the demo accounts of §8, written here by hand). Each row is looked up in the
/// database by its id, so a list that leaked another community's rows fails whatever its DTO shows.
/// </summary>
public abstract class ListScopeTests(AppFixture app)
{
    private const string Fq = DemoRecords.Fuqian;
    private const string Xy = DemoRecords.Xueyuan;

    /// <summary>A row as the scope rules see it.</summary>
    private sealed record Row(string Community, long? Grid = null, IReadOnlyCollection<long>? Units = null, long? Reporter = null);

    /// <summary>Who a demo user is, for the rules: their communities, grids, unit and person.</summary>
    private sealed record Who(Func<string, bool> Community, IReadOnlyCollection<long>? Grids, long? Unit, long? Person);

    private sealed record ListOf(string Name, string[] Urls, string Array, string Id, Func<HuyingDbContext, List<long>, Task<Dictionary<long, Row>>> Rows,
        bool GridBound = false, bool PersonBound = false);

    private static readonly ListOf[] Lists =
    [
        new("matters", ["/api/matters", "/api/matters?view=closed", $"/api/matters?community={Xy}"], "items", "id",
            async (db, ids) => await db.Matters.Where(m => ids.Contains(m.Id))
                .ToDictionaryAsync(m => m.Id, m => new Row(m.CommunityCode, m.GridId, m.UnitId is { } u ? [u] : [], m.ReporterPersonId)),
            GridBound: true, PersonBound: true),
        new("people", [$"/api/people?community={Fq}", $"/api/people?community={Xy}"], "items", "id",
            async (db, ids) => await db.People.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new Row(p.CommunityCode, p.GridId)),
            GridBound: true),
        new("topics", ["/api/deliberation/topics", $"/api/deliberation/topics?community={Xy}", $"/api/deliberation/topics?community={Fq}"], "items", "id",
            async (db, ids) => await db.Topics.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => new Row(t.CommunityCode))),
        new("deliberation meetings", ["/api/deliberation/meetings", $"/api/deliberation/meetings?community={Xy}"], "items", "id",
            async (db, ids) => await db.Meetings.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => new Row(m.CommunityCode))),
        new("notices", [$"/api/notices?community={Xy}", $"/api/notices?community={Fq}"], "items", "id",
            async (db, ids) => await db.Notices.Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => new Row(n.CommunityCode))),
        new("needs", ["/api/projects/needs", $"/api/projects/needs?community={Fq}", $"/api/projects/needs?community={Xy}"], "items", "id",
            async (db, ids) =>
            {
                var offers = await db.NeedOffers.Where(o => ids.Contains(o.NeedId)).Select(o => new { o.NeedId, o.PartnerUnitId }).ToListAsync();
                var adopted = await db.ProjectNeeds.Where(pn => ids.Contains(pn.NeedId))
                    .Join(db.ProjectUnits, pn => pn.ProjectId, u => u.ProjectId, (pn, u) => new { pn.NeedId, u.PartnerUnitId }).ToListAsync();
                return await db.Needs.Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => new Row(n.CommunityCode, null,
                    [.. offers.Where(o => o.NeedId == n.Id).Select(o => o.PartnerUnitId), .. adopted.Where(a => a.NeedId == n.Id).Select(a => a.PartnerUnitId)]));
            }),
        new("project summary", ["/api/projects/summary", $"/api/projects/summary?community={Fq}", $"/api/projects/summary?community={Xy}"], "rows", "projectId",
            async (db, ids) =>
            {
                var units = await db.ProjectUnits.Where(u => ids.Contains(u.ProjectId)).Select(u => new { u.ProjectId, u.PartnerUnitId }).ToListAsync();
                return await db.Projects.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new Row(p.CommunityCode, null,
                    [.. units.Where(u => u.ProjectId == p.Id).Select(u => u.PartnerUnitId)]));
            }),
        new("agreements", ["/api/projects/agreements", $"/api/projects/agreements?community={Xy}"], "items", "id",
            async (db, ids) => await db.Agreements.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => new Row(a.CommunityCode, null, [a.PartnerUnitId]))),
        new("joint meetings", ["/api/projects/meetings", $"/api/projects/meetings?community={Xy}"], "items", "id",
            async (db, ids) =>
            {
                // A unit is in a meeting it was invited to.
                var invited = await db.JointMeetingAttendees.Where(a => ids.Contains(a.MeetingId) && a.PartnerUnitId != null)
                    .Select(a => new { a.MeetingId, Unit = a.PartnerUnitId!.Value }).ToListAsync();
                return await db.JointMeetings.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => new Row(m.CommunityCode, null,
                    [.. invited.Where(a => a.MeetingId == m.Id).Select(a => a.Unit)]));
            }),
    ];

    private async Task<Dictionary<string, Who>> WhoAsync()
    {
        await using var db = app.Database();
        var grids = await db.Grids.Where(g => g.CommunityCode == Fq).ToDictionaryAsync(g => g.Id, g => g.Name);
        var hebian = grids.Single(g => g.Value == "河边网格").Key;
        var units = await db.PartnerUnits.Where(u => u.Name == "垣曲县项目推进中心" || u.Name == "垣曲县发展和改革局").ToDictionaryAsync(u => u.Name, u => u.Id);
        var persons = await db.Users.Where(u => u.UserName == "resident" || u.UserName == "member" || u.UserName == "volunteer")
            .ToDictionaryAsync(u => u.UserName!, u => u.PersonId);
        bool Only(string code, string community) => code == community;
        return new()
        {
            ["resident"] = new(c => false, null, null, persons["resident"]),
            ["member"] = new(c => false, null, null, persons["member"]),
            ["volunteer"] = new(c => false, null, null, persons["volunteer"]),
            ["unit.xmtj"] = new(c => true, null, units["垣曲县项目推进中心"], null),
            ["unit.fgj"] = new(c => true, null, units["垣曲县发展和改革局"], null),
            ["fuqian.grid"] = new(c => Only(c, Fq), [hebian], null, null),
            ["fuqian.gridleader"] = new(c => Only(c, Fq), grids.Keys, null, null),
            ["fuqian.staff"] = new(c => Only(c, Fq), null, null, null),
            ["fuqian.secretary"] = new(c => Only(c, Fq), null, null, null),
            ["xueyuan.staff"] = new(c => Only(c, Xy), null, null, null),
            ["xueyuan.secretary"] = new(c => Only(c, Xy), null, null, null),
            ["town"] = new(c => c.StartsWith("140827400", StringComparison.Ordinal), null, null, null),
            ["county"] = new(c => c.StartsWith("140827", StringComparison.Ordinal), null, null, null),
            ["admin"] = new(c => true, null, null, null),
        };
    }

    /// <summary>Whether a row is the caller's: a unit's own, a person's own, a grid worker's grids, a community's.</summary>
    private static bool Sees(Who who, Row row, ListOf list) =>
        who.Unit is { } unit ? row.Units?.Contains(unit) == true
        : who.Person is { } person ? list.PersonBound && row.Reporter == person
        : who.Community(row.Community) && (!list.GridBound || who.Grids is null || (row.Grid is { } g && who.Grids.Contains(g))
            || (list.PersonBound && row.Reporter is not null && who.Person == row.Reporter));

    [Fact]
    public async Task EveryListHoldsOnlyRowsOfTheCallersScopeWhateverCommunityIsAskedFor()
    {
        var people = await WhoAsync();
        var leaks = new List<string>();
        var seen = Lists.ToDictionary(l => l.Name, _ => 0);
        foreach (var (user, who) in people)
        {
            var client = await app.As(user);
            foreach (var list in Lists)
            {
                foreach (var url in list.Urls)
                {
                    var response = await client.GetAsync(url);
                    if (response.StatusCode != System.Net.HttpStatusCode.OK)
                    {
                        continue; // who may read the list at all is the matrix's business
                    }
                    var ids = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty(list.Array)
                        .EnumerateArray().Select(x => x.GetProperty(list.Id).GetInt64()).ToList();
                    await using var db = app.Database();
                    var rows = await list.Rows(db, ids);
                    Assert.Equal(ids.Count, rows.Count);
                    seen[list.Name] += ids.Count;
                    leaks.AddRange(ids.Where(id => !Sees(who, rows[id], list)).Select(id => $"{user} · {url}: row {id} of {rows[id]}"));
                }
            }
        }
        Assert.True(leaks.Count == 0, "Rows outside the caller's scope:\n" + string.Join("\n", leaks.Take(50)));
        // Every list showed rows to somebody, so none of the checks above ran on nothing.
        Assert.All(seen, s => Assert.True(s.Value > 0, $"no rows of {s.Key} were seen at all"));
    }
}

[Collection(SqliteMatrixCollection.Name)]
public sealed class ListScopeTestsOnSqlite(SqliteMatrixApp app) : ListScopeTests(app);

[Collection(PostgresMatrixCollection.Name)]
public sealed class ListScopeTestsOnPostgres(PostgresMatrixApp app) : ListScopeTests(app);
