using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Tests.Infrastructure;
using static Huying.Tests.Modules.Volunteering.VolunteeringCalls;

namespace Huying.Tests.Modules.Volunteering;

public abstract class TeamAndRecordTests(AppFixture app)
{
    private static long[] Members(JsonElement team) => [.. team.GetProperty("memberIds").EnumerateArray().Select(m => m.GetInt64())];

    [Fact]
    public async Task OrganisersAddAndRemoveTeamMembersAndChooseTheLeaderButNeverLeaveATeamWithoutOne()
    {
        var staff = await app.As("hejin.social");
        var first = await VolunteerAsync(staff, "骑手甲");
        var second = await VolunteerAsync(staff, "骑手乙");
        var team = await Json(await staff.PostAsJsonAsync("/api/volunteering/teams", new
        {
            communityCode = Hugang, name = "湖岗骑手服务队", kind = "newEmploymentGroup", leaderId = first,
        }), HttpStatusCode.Created);
        var id = Id(team);
        Assert.Equal([first], Members(team));

        var added = await Json(await staff.PostAsJsonAsync($"/api/volunteering/teams/{id}/members", new { volunteerId = second }));
        Assert.Equal([first, second], Members(added).Order());
        var again = await Json(await staff.PostAsJsonAsync($"/api/volunteering/teams/{id}/members", new { volunteerId = second }));
        Assert.Equal(2, Members(again).Length);
        var unknown = await staff.PostAsJsonAsync($"/api/volunteering/teams/{id}/members", new { volunteerId = 987_654_321 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("volunteerId", await unknown.Content.ReadAsStringAsync());

        // The leader stays until another is chosen; then the old one may go.
        var leaderOff = await staff.DeleteAsync($"/api/volunteering/teams/{id}/members/{first}");
        Assert.Equal(HttpStatusCode.Conflict, leaderOff.StatusCode);
        var stranger = await staff.PostAsJsonAsync($"/api/volunteering/teams/{id}/leader", new { volunteerId = 987_654_321 });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        var led = await Json(await staff.PostAsJsonAsync($"/api/volunteering/teams/{id}/leader", new { volunteerId = second }));
        Assert.Equal(second, led.GetProperty("leaderId").GetInt64());
        var removed = await Json(await staff.DeleteAsync($"/api/volunteering/teams/{id}/members/{first}"));
        Assert.Equal([second], Members(removed));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"/api/volunteering/teams/{id}/members/{first}")).StatusCode);
        Assert.Equal([second], Members(await Json(await staff.GetAsync($"/api/volunteering/teams/{id}"))));

        // Another county's organisers do not see the team; a volunteer cannot change it.
        var yuanqu = await app.As("county");
        Assert.Equal(HttpStatusCode.NotFound, (await yuanqu.GetAsync($"/api/volunteering/teams/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await yuanqu.PostAsJsonAsync($"/api/volunteering/teams/{id}/members", new { volunteerId = first })).StatusCode);
        var rider = await app.As("rider");
        Assert.Equal(HttpStatusCode.Forbidden, (await rider.PostAsJsonAsync($"/api/volunteering/teams/{id}/members", new { volunteerId = first })).StatusCode);
    }

    [Fact]
    public async Task TheTeamPageAddsAMemberMakesThemLeaderAndRefusesToRemoveTheLeader()
    {
        var staff = await app.As("hejin.social");
        var first = await VolunteerAsync(staff, "司机丙");
        var second = await VolunteerAsync(staff, "司机丁");
        var id = Id(await Json(await staff.PostAsJsonAsync("/api/volunteering/teams", new { communityCode = Hugang, name = "湖岗司机服务队", leaderId = first }),
            HttpStatusCode.Created));
        var url = $"/volunteering/teams/{id}";
        var page = await staff.GetStringAsync(url);
        Assert.Contains($"<option value=\"{second}\">", page);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(url, new() { ["volunteerId"] = second.ToString() }, "AddMember")).StatusCode);
        page = await staff.GetStringAsync(url);
        Assert.Contains("司机丁", page[page.IndexOf("id=\"members\"", StringComparison.Ordinal)..page.IndexOf("id=\"add-member\"", StringComparison.Ordinal)]);
        Assert.DoesNotContain($"<option value=\"{second}\">", page);

        var refused = await staff.SubmitAsync(url, new() { ["volunteerId"] = first.ToString() }, "RemoveMember");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Texts.Zh("Choose another leader before taking the leader off the team"), await refused.Content.ReadAsStringAsync());
        var empty = await staff.SubmitAsync(url, new() { ["volunteerId"] = "" }, "AddMember");
        Assert.Contains(Texts.Zh("Volunteer not found"), await empty.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(url, new() { ["volunteerId"] = second.ToString() }, "SetLeader")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(url, new() { ["volunteerId"] = first.ToString() }, "RemoveMember")).StatusCode);
        var team = await Json(await staff.GetAsync($"/api/volunteering/teams/{id}"));
        Assert.Equal(second, team.GetProperty("leaderId").GetInt64());
        Assert.Equal([second], Members(team));
    }

    [Fact]
    public async Task ACommendationAppearsOnTheRecordTheVolunteersOwnPageAndTheCertificateAndCanBeWithdrawn()
    {
        var staff = await app.As("hejin.social");
        var rider = await app.As("rider");
        var me = await Json(await rider.GetAsync("/api/volunteering/me"));
        var id = me.GetProperty("volunteer").GetProperty("id").GetInt64();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var bad = await staff.PostAsJsonAsync($"/api/volunteering/volunteers/{id}/commendations", new { title = "", awardedBy = new string('单', 101), awardedOn = today.AddDays(2) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"title\"", errors);
        Assert.Contains("\"awardedBy\"", errors);
        Assert.Contains("\"awardedOn\"", errors);
        Assert.DoesNotContain((await Json(await staff.GetAsync($"/api/volunteering/volunteers/{id}"))).GetProperty("commendations").EnumerateArray(),
            c => c.GetProperty("awardedBy").GetString()!.StartsWith('单'));

        var made = await Json(await staff.PostAsJsonAsync($"/api/volunteering/volunteers/{id}/commendations",
            new { title = "高考护航优秀志愿者", awardedBy = "河津市委社会工作部", awardedOn = today, note = "河津中学交通引导" }), HttpStatusCode.Created);
        var record = await Json(await rider.GetAsync("/api/volunteering/me"));
        Assert.Contains(record.GetProperty("commendations").EnumerateArray(), c => c.GetProperty("id").GetInt64() == Id(made));
        Assert.Contains("高考护航优秀志愿者", await rider.GetStringAsync("/volunteering/me"));
        Assert.Contains("高考护航优秀志愿者", await staff.GetStringAsync($"/volunteering/volunteers/{id}"));
        var pdf = PdfReading.Readable(PdfReading.Text(await rider.GetByteArrayAsync("/volunteering/me/certificate.pdf")));
        Assert.Contains("获得表彰", pdf);
        Assert.Contains("高考护航优秀志愿者", pdf);

        // Only the volunteer's organisers record or withdraw; the volunteer cannot commend themselves.
        Assert.Equal(HttpStatusCode.Forbidden, (await rider.PostAsJsonAsync($"/api/volunteering/volunteers/{id}/commendations",
            new { title = "自封", awardedBy = "自己", awardedOn = today })).StatusCode);
        var yuanqu = await app.As("county");
        Assert.Equal(HttpStatusCode.NotFound, (await yuanqu.DeleteAsync($"/api/volunteering/volunteers/{id}/commendations/{Id(made)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.DeleteAsync($"/api/volunteering/volunteers/{id}/commendations/{Id(made)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"/api/volunteering/volunteers/{id}/commendations/{Id(made)}")).StatusCode);
        Assert.DoesNotContain("高考护航优秀志愿者", await rider.GetStringAsync("/volunteering/me"));
    }

    [Fact]
    public async Task TheVolunteerPageRecordsAnHonourAndKeepsWhatWasTypedWhenRefused()
    {
        var staff = await app.As("hejin.social");
        var id = await VolunteerAsync(staff, "骑手戊");
        var url = $"/volunteering/volunteers/{id}";
        var refused = await staff.SubmitAsync(url, new() { ["Commend.Title"] = "最美骑手", ["Commend.AwardedBy"] = "", ["Commend.AwardedOn"] = "" }, "Commend");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains(Texts.Zh("Say who gave it"), html);
        Assert.Contains("value=\"最美骑手\"", html);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(url,
            new() { ["Commend.Title"] = "最美骑手", ["Commend.AwardedBy"] = "河津市委社会工作部", ["Commend.AwardedOn"] = "2026-06-07" }, "Commend")).StatusCode);
        var record = await Json(await staff.GetAsync($"/api/volunteering/volunteers/{id}"));
        var honour = Assert.Single(record.GetProperty("commendations").EnumerateArray());
        Assert.Equal("最美骑手", honour.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(url, new() { ["commendationId"] = Id(honour).ToString() }, "Withdraw")).StatusCode);
        Assert.Empty((await Json(await staff.GetAsync($"/api/volunteering/volunteers/{id}"))).GetProperty("commendations").EnumerateArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TeamAndRecordTestsOnSqlite(SqliteApp app) : TeamAndRecordTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TeamAndRecordTestsOnPostgres(PostgresApp app) : TeamAndRecordTests(app);
