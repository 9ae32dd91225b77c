using Huying.Modules.Projects;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Modules.Projects;

public abstract class ProjectFigureTests(AppFixture app)
{
    [Fact]
    public async Task TheCommunitiesSideBySideCountWhatTheirProjectsNeedsAndUnitLinksAreAndTheTotalsAreTheirSums()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        using var scope = app.Factory.Services.CreateScope();
        var (total, lines) = await scope.ServiceProvider.GetRequiredService<ProjectFigures>()
            .ComputeWithCommunitiesAsync(null, new DateOnly(today.Year, 1, 1), today, default);

        // Counted row by row here, the way a reader would count them off the lists.
        await using var db = app.Database();
        var projects = await db.Projects.Select(p => new { p.CommunityCode, p.Status, p.NextDueOn }).ToListAsync();
        var open = await db.Needs.Where(n => n.Status == NeedStatus.Open).Select(n => n.CommunityCode).ToListAsync();
        var links = await db.PartnerUnitCommunities.Select(l => l.CommunityCode).ToListAsync();
        bool Late(ProjectStatus status, DateOnly? due) => status != ProjectStatus.Accepted && due < today;

        Assert.True(lines.Count > 1, "the demo has projects in more than one community");
        Assert.Equal(projects.Select(p => p.CommunityCode).Union(links).Distinct().Order(StringComparer.Ordinal), lines.Select(l => l.CommunityCode));
        foreach (var line in lines)
        {
            var mine = projects.Where(p => p.CommunityCode == line.CommunityCode).ToList();
            Assert.Equal(mine.Count, line.Projects);
            Assert.Equal(mine.Count(p => p.Status == ProjectStatus.Accepted), line.Accepted);
            Assert.Equal(mine.Count(p => p.Status != ProjectStatus.Accepted), line.UnderWay);
            Assert.Equal(mine.Count(p => Late(p.Status, p.NextDueOn)), line.Late);
            Assert.Equal(open.Count(c => c == line.CommunityCode), line.NeedsOpen);
            Assert.Equal(links.Count(c => c == line.CommunityCode), line.UnitsLinked);
        }
        Assert.Equal(projects.Count, total.Projects);
        Assert.Equal(projects.Count(p => p.Status == ProjectStatus.InProgress), total.InProgress);
        Assert.Equal(projects.Count(p => Late(p.Status, p.NextDueOn)), total.Late);
        Assert.Equal(open.Count, total.NeedsOpen);
        Assert.Equal(links.Count, total.UnitsLinked);
        Assert.Equal(lines.Sum(l => l.UnitsWithAgreement), total.UnitsWithAgreement);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectFigureTestsOnSqlite(SqliteApp app) : ProjectFigureTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProjectFigureTestsOnPostgres(PostgresApp app) : ProjectFigureTests(app);
