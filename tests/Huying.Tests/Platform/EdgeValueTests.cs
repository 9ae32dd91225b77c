using System.Net;
using System.Net.Http.Json;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Modules.Deliberation.DeliberationCalls;

namespace Huying.Tests.Platform;

/// <summary>The edge values a probe found answering 500: each now answers 400 or 409 and changes nothing.</summary>
public abstract class EdgeValueTests(AppFixture app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Theory]
    [InlineData("county", "/api/kpis/matters?from=0001-01-01&to=9999-12-31")]
    [InlineData("county", "/api/kpis/matters?from=0001-01-01")]
    [InlineData("county", "/api/projects/figures?from=0001-01-01&to=9999-12-31")]
    [InlineData("county", "/api/deliberation/figures?division=140827&from=0001-01-01&to=9999-12-31")]
    [InlineData("admin", "/api/audit?from=0001-01-01&to=9999-12-31")]
    [InlineData("", "/open311/v2/requests.json?api_key=demo-open311-key&end_date=0001-01-01T00:00:00Z")]
    [InlineData("", "/open311/v2/requests.xml?api_key=demo-open311-key&start_date=9999-12-31T00:00:00Z")]
    public async Task AFarDateInAQueryIsRefusedBesideItsFieldNeverA500(string user, string url)
    {
        var client = user == "" ? app.Anonymous() : await app.As(user);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("1900", StringComparison.Ordinal), body);
    }

    [Theory]
    [InlineData("county", "/api/people?q=%20&page=2147483647")]
    [InlineData("county", "/api/matters?page=2147483647")]
    [InlineData("admin", "/api/audit?page=2147483647")]
    public async Task APageFarPastTheLastIsEmptyNeverA500(string user, string url)
    {
        // Found by the fuzzing: page × size overflowed the offset, which PostgreSQL refuses.
        var response = await (await app.As(user)).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"items\":[]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASignUpForAnOccurrenceBeforeTheCalendarBeginsIsRefusedNeverA500()
    {
        // Found by the fuzzing: the smallest occurrence key overflowed the calendar.
        await using var db = app.Database();
        var activity = await db.Set<Huying.Modules.Volunteering.Activity>().Where(a => a.CommunityCode == DemoRecords.Fuqian && a.CancelledAt == null).Select(a => a.Id).FirstAsync();
        var response = await (await app.As("fuqian.staff")).PostAsJsonAsync($"/api/volunteering/activities/{activity}/signups",
            new { postId = 0, at = long.MinValue, volunteerId = 1 });
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task AMeetingDatedInTheYear9999IsRefused()
    {
        var staff = await app.As("xueyuan.staff");
        await using var db = app.Database();
        var venue = await db.Venues.Where(v => v.CommunityCode == DemoRecords.Xueyuan).Select(v => v.Id).FirstAsync();
        var before = await db.Meetings.CountAsync();
        var response = await staff.PostAsJsonAsync("/api/deliberation/meetings", new
        {
            communityCode = DemoRecords.Xueyuan, venueId = venue, title = "远期议事会", scheduledAt = "9999-12-31T00:00:00Z",
            participants = new[] { new { name = "代表甲", kind = "residentRepresentative" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await db.Meetings.CountAsync());
    }

    [Fact]
    public async Task ATallyOfTheLargestNumberIsRefusedAndParallelVotesOfOneParticipantCountOnce()
    {
        var staff = await app.As("xueyuan.staff");
        var (topic, meeting, option, participants) = await ArrangeAsync(staff, "边界值测试");
        await Json(await staff.PostAsJsonAsync($"/api/deliberation/meetings/{meeting}/attendance", new { present = participants[..9] }), HttpStatusCode.OK);
        var huge = await Act(staff, topic, "tally", new { optionId = option, @for = int.MaxValue, against = int.MaxValue, abstain = int.MaxValue });
        Assert.Equal(HttpStatusCode.Conflict, huge.StatusCode);
        Assert.Contains("票数多于到会人数", await huge.Content.ReadAsStringAsync());

        // A vote again replaces the participant's vote; at once, the ones that lose the race answer 409.
        var votes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Act(staff, topic, "vote", new { optionId = option, participantId = participants[0], choice = "for" })));
        Assert.All(votes, v => Assert.True(v.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, v.StatusCode.ToString()));
        Assert.Contains(votes, v => v.StatusCode == HttpStatusCode.OK);
        await using var db = app.Database();
        Assert.Equal(1, await db.Votes.CountAsync(v => v.OptionId == option && v.ParticipantId == participants[0]));
        Assert.Equal(1, await db.DeliberationOptions.Where(o => o.Id == option).Select(o => o.For).SingleAsync());
    }

    [Fact]
    public async Task ParallelSignUpsOfOneMemberForOneTaskCountOnce()
    {
        var staff = await app.As("fuqian.staff");
        var task = (await Json(await staff.PostAsJsonAsync("/api/projects/in-service/tasks", new
        {
            communityCode = DemoRecords.Fuqian, title = "边界值测试：清扫活动", kind = "activity", on = Today.AddDays(5), place = "社区党群服务中心", places = 10,
        }), HttpStatusCode.Created)).GetInt64();
        // A party member of their own (the demo's member reports once, in another test).
        long person;
        await using (var arrange = app.Database())
        {
            var unit = await arrange.PartnerUnits.Where(u => u.Name == "垣曲县项目推进中心").Select(u => u.Id).SingleAsync();
            var taken = await arrange.Users.Where(u => u.PersonId != null).Select(u => u.PersonId!.Value).ToListAsync();
            person = await arrange.People.Where(p => p.CommunityCode == DemoRecords.Fuqian && p.IsPartyMember && !taken.Contains(p.Id))
                .OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync();
            await arrange.People.Where(p => p.Id == person).ExecuteUpdateAsync(u => u.SetProperty(p => p.InServiceUnitId, unit));
        }
        var member = await app.NewAccountAsync($"member.edge{person}", Huying.Platform.Accounts.Roles.PartyMember, DemoRecords.Fuqian, person);
        await Json(await member.PostAsJsonAsync("/api/projects/in-service/members", new { }), HttpStatusCode.Created);
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => member.PostAsync($"/api/projects/in-service/tasks/{task}/sign-up", null)));
        Assert.DoesNotContain(answers, a => a.StatusCode == HttpStatusCode.InternalServerError);
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Created) == 1, await answers[0].Content.ReadAsStringAsync());
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        await using var db = app.Database();
        Assert.Equal(1, await db.ServiceRecords.CountAsync(r => r.TaskId == task));
    }

    [Fact]
    public async Task TheLanguageSwitchStaysOnThisSite()
    {
        var client = app.Anonymous();
        var token = Pages.AntiforgeryToken(await client.GetStringAsync("/account/login"));
        foreach (var evil in new[] { "/\\evil.example", "//evil.example", "https://evil.example/", "/\\/evil.example" })
        {
            var switched = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["culture"] = "en-US", ["returnUrl"] = evil, ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            Assert.Equal("/", switched.Headers.Location!.OriginalString);
        }
        // Whether it needs its token (a signed-in person's does, an anonymous visitor's not): PublicPageCacheTests.
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EdgeValueTestsOnSqlite(SqliteApp app) : EdgeValueTests(app);

[Collection(PostgresCollection.Name)]
public sealed class EdgeValueTestsOnPostgres(PostgresApp app) : EdgeValueTests(app);
