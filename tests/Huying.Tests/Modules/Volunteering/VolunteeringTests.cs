using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.Volunteering;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Modules.Volunteering.VolunteeringCalls;

namespace Huying.Tests.Modules.Volunteering;

public abstract class VolunteeringTests(AppFixture app)
{
    [Fact]
    public async Task TwentySimultaneousSignUpsForSixPlacesTakeExactlySixAndWaitListTheRest()
    {
        var organiser = await app.As("hejin.social");
        var start = Now().AddDays(5);
        var activity = await ActivityAsync(organiser, "并发报名测试", start, 3, [new { name = "河津中学 · 交通引导", capacity = 6 }]);
        var volunteers = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            volunteers.Add(await VolunteerAsync(organiser, $"骑手{i}"));
        }
        var answers = await Task.WhenAll(volunteers.Select(v =>
            organiser.PostAsJsonAsync($"/api/volunteering/activities/{Id(activity)}/signups", new { postId = Post(activity), volunteerId = v, waitlist = true })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var states = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(6, states.Count(s => s.GetProperty("state").GetString() == "taken"));
        Assert.Equal(14, states.Count(s => s.GetProperty("state").GetString() == "waiting"));
        await using (var db = app.Database())
        {
            var seats = await db.SignUps.Where(s => s.PostId == Post(activity) && s.Seat != null).Select(s => s.Seat!.Value).ToListAsync();
            Assert.Equal([1, 2, 3, 4, 5, 6], seats.Order());
        }

        var another = await VolunteerAsync(organiser, "迟到骑手");
        var full = await organiser.PostAsJsonAsync($"/api/volunteering/activities/{Id(activity)}/signups", new { postId = Post(activity), volunteerId = another });
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Equal("这个岗位已报满", (await full.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var listed = await Json(await organiser.GetAsync($"/api/volunteering/activities?division=140882&from={start.AddHours(8):yyyy-MM-dd}&to={start.AddHours(8):yyyy-MM-dd}"));
        var item = listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == Id(activity));
        Assert.Equal(6, item.GetProperty("posts")[0].GetProperty("taken").GetInt32());
        Assert.Equal(6, item.GetProperty("posts")[0].GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task CancellingAPlacePromotesTheFirstOnTheWaitingList()
    {
        var organiser = await app.As("hejin.social");
        var activity = await ActivityAsync(organiser, "候补测试", Now().AddDays(6), 2, [new { name = "补给点", capacity = 2 }]);
        var ids = new List<long>();
        int? firstSeat = null;
        foreach (var name in new[] { "甲", "乙", "丙", "丁" })
        {
            var v = await VolunteerAsync(organiser, "骑手" + name);
            var place = await Json(await organiser.PostAsJsonAsync($"/api/volunteering/activities/{Id(activity)}/signups",
                new { postId = Post(activity), volunteerId = v, waitlist = true }), HttpStatusCode.Created);
            ids.Add(Id(place));
            firstSeat ??= place.GetProperty("seat").GetInt32();
        }
        var cancelled = await Json(await organiser.PostAsync($"/api/volunteering/signups/{ids[0]}/cancel", null));
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        await using var db = app.Database();
        var third = await db.SignUps.SingleAsync(s => s.Id == ids[2]);
        var fourth = await db.SignUps.SingleAsync(s => s.Id == ids[3]);
        Assert.Equal(SignUpState.Taken, third.State);
        Assert.Equal(firstSeat, third.Seat);
        Assert.NotNull(third.PromotedAt);
        Assert.Equal(SignUpState.Waiting, fourth.State);
        // The promoted rider hears it by text message (the outbox).
        Assert.True(await db.Notifications.AnyAsync(n => n.SubjectType == "Volunteer" && n.Kind == "Volunteer place" && n.SubjectId == third.VolunteerId));
    }

    [Fact]
    public async Task AVolunteerCannotHoldTwoPostsThatOverlap()
    {
        var organiser = await app.As("hejin.social");
        var start = Now().AddDays(7);
        var first = await ActivityAsync(organiser, "重叠一", start, 3, [new { name = "交通引导", capacity = 5 }, new { name = "补给点", capacity = 5 }]);
        var second = await ActivityAsync(organiser, "重叠二", start.AddHours(2), 2, [new { name = "交通引导", capacity = 5 }]);
        var later = await ActivityAsync(organiser, "不重叠", start.AddHours(3), 2, [new { name = "交通引导", capacity = 5 }]);
        var v = await VolunteerAsync(organiser, "重叠骑手");
        await Json(await organiser.PostAsJsonAsync($"/api/volunteering/activities/{Id(first)}/signups", new { postId = Post(first), volunteerId = v }), HttpStatusCode.Created);
        var samePost = await organiser.PostAsJsonAsync($"/api/volunteering/activities/{Id(first)}/signups", new { postId = Post(first), volunteerId = v });
        Assert.Equal(HttpStatusCode.Conflict, samePost.StatusCode);
        var otherPost = await organiser.PostAsJsonAsync($"/api/volunteering/activities/{Id(first)}/signups", new { postId = Post(first, 1), volunteerId = v });
        Assert.Equal(HttpStatusCode.Conflict, otherPost.StatusCode);
        var overlapping = await organiser.PostAsJsonAsync($"/api/volunteering/activities/{Id(second)}/signups", new { postId = Post(second), volunteerId = v });
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal("同一时间您已报名了其他岗位", (await overlapping.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        await Json(await organiser.PostAsJsonAsync($"/api/volunteering/activities/{Id(later)}/signups", new { postId = Post(later), volunteerId = v }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task HoursCountOnlyOnceTheLeaderConfirmsACheckInWithinTheWindow()
    {
        var organiser = await app.As("hejin.social");
        var rider = await app.As("rider");
        var start = Now().AddMinutes(-20);
        var now = await ActivityAsync(organiser, "签到测试", start, 2, [new { name = "实验中学 · 交通引导", capacity = 6 }]);
        var soonStart = Now().AddHours(5);
        var soon = await ActivityAsync(organiser, "提前签到测试", soonStart, 1, [new { name = "实验中学 · 补给点", capacity = 2 }]);
        await Json(await rider.PostAsJsonAsync($"/api/volunteering/activities/{Id(now)}/signups", new { postId = Post(now) }), HttpStatusCode.Created);
        await Json(await rider.PostAsJsonAsync($"/api/volunteering/activities/{Id(soon)}/signups", new { postId = Post(soon) }), HttpStatusCode.Created);
        var before = await Json(await rider.GetAsync("/api/volunteering/me"));

        var code = await CheckInCodeAsync(organiser, Id(now), start);
        var checkedIn = await Json(await rider.PostAsJsonAsync("/api/volunteering/checkin", new { code }));
        Assert.NotEqual(JsonValueKind.Null, checkedIn.GetProperty("checkedInAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, checkedIn.GetProperty("hours").ValueKind);
        var mid = await Json(await rider.GetAsync("/api/volunteering/me"));
        Assert.Equal(before.GetProperty("confirmedHours").GetDecimal(), mid.GetProperty("confirmedHours").GetDecimal());

        var early = await rider.PostAsJsonAsync("/api/volunteering/checkin", new { code = await CheckInCodeAsync(organiser, Id(soon), soonStart) });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("签到时间为活动开始前 1 小时至活动结束", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        var forged = await rider.PostAsJsonAsync("/api/volunteering/checkin", new { code = code[..^4] + "AAAA" });
        Assert.Equal(HttpStatusCode.Conflict, forged.StatusCode);

        var places = await Json(await organiser.PostAsJsonAsync($"/api/volunteering/activities/{Id(now)}/occurrences/{At(start)}/hours", new { present = Array.Empty<long>() }));
        var place = places.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(0.5m, place.GetProperty("hours").GetDecimal());
        var after = await Json(await rider.GetAsync("/api/volunteering/me"));
        Assert.Equal(before.GetProperty("confirmedHours").GetDecimal() + 0.5m, after.GetProperty("confirmedHours").GetDecimal());

        // Another county's organiser does not see the activity to confirm it.
        var other = await app.As("county");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/volunteering/activities/{Id(now)}/occurrences/{At(start)}/hours", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/volunteering/activities/{Id(now)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/volunteering/figures?division=140882")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rider.PostAsJsonAsync($"/api/volunteering/activities/{Id(now)}/served", new { at = At(start), peopleServed = 5 })).StatusCode);
    }

    /// <summary>The code the activity page shows at the venue, read from the page's check-in link.</summary>
    private async Task<string> CheckInCodeAsync(HttpClient organiser, long activity, DateTime start)
    {
        var response = await organiser.GetAsync($"/volunteering/activities/{activity}?at={At(start)}");
        var page = await response.Content.ReadAsStringAsync();
        var link = System.Text.RegularExpressions.Regex.Match(page, "/volunteering/checkin/([A-Za-z0-9_-]+)\"").Groups[1].Value;
        Assert.True(link.Length > 0, $"{(int)response.StatusCode}: {System.Text.RegularExpressions.Regex.Match(page, "<main[^>]*>([\\s\\S]{0,1500})").Groups[1].Value}");
        return link;
    }

    [Fact]
    public async Task TheWeeklyRuleSkipsHolidayFridaysAndCancellingOneDateCancelsOnlyIt()
    {
        var staff = await app.As("hejin.social");
        // Fridays 15:30 from 4 September 2026: 25 September (中秋) and 2 October (国庆) are public holidays.
        var first = new DateTime(2026, 9, 4, 7, 30, 0, DateTimeKind.Utc);
        var weekly = await ActivityAsync(staff, "周五课业辅导（测试）", first, 2, [new { name = "辅导老师", capacity = 4 }],
            recurrence: "FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231", skipHolidays: true);
        var listed = await Json(await staff.GetAsync("/api/volunteering/activities?division=140882001001&from=2026-09-14&to=2026-10-17"));
        var days = listed.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetInt64() == Id(weekly))
            .Select(i => DateOnly.FromDateTime(i.GetProperty("startsAt").GetDateTime().ToUniversalTime().AddHours(8))).ToList();
        Assert.Equal([new DateOnly(2026, 9, 18), new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 16)], days);

        var next = NextFriday();
        await Json(await staff.PostAsJsonAsync($"/api/volunteering/activities/{Id(weekly)}/cancel-occurrence", new { at = At(next), reason = "教室维修" }));
        var after = await Json(await staff.GetAsync($"/api/volunteering/activities?division=140882001001&from={next.AddHours(8):yyyy-MM-dd}&to={next.AddHours(8).AddDays(14):yyyy-MM-dd}"));
        var remaining = after.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetInt64() == Id(weekly))
            .Select(i => i.GetProperty("startsAt").GetDateTime().ToUniversalTime()).ToList();
        Assert.DoesNotContain(next, remaining);
        Assert.Contains(next.AddDays(7), remaining);
    }

    /// <summary>The next Friday 15:30 in Beijing time (07:30 UTC) that is not a 2026 holiday, after today.</summary>
    private static DateTime NextFriday()
    {
        var d = DateTime.UtcNow.Date.AddDays(1);
        while (d.DayOfWeek != DayOfWeek.Friday || d.Year == 2026 && d.Month == 10 && d.Day == 2)
        {
            d = d.AddDays(1);
        }
        return d.AddHours(7.5);
    }

    [Fact]
    public async Task TheCommunityFeedCarriesTheRuleAndAnIndependentParserComputesTheSameFridays()
    {
        var staff = await app.As("hejin.social");
        var first = new DateTime(2026, 9, 4, 7, 30, 0, DateTimeKind.Utc);
        var weekly = await ActivityAsync(staff, "周五辅导（日历测试）", first, 2, [new { name = "辅导老师", capacity = 4 }],
            recurrence: "FREQ=WEEKLY;BYDAY=FR;COUNT=8", skipHolidays: true);
        var text = await app.Anonymous().GetStringAsync($"/c/{Hugang}/volunteering.ics");
        var calendar = Ical.Net.Calendar.Load(text)!;
        var ev = calendar.Events.Single(e => e.Uid == $"activity-{Id(weekly)}@huying");
        Assert.Equal("周五辅导（日历测试）", ev.Summary);
        var starts = ev.GetOccurrences().Select(o => o.Period.StartTime.AsUtc).ToList();
        var api = await Json(await staff.GetAsync("/api/volunteering/activities?division=140882001001&from=2026-09-01&to=2026-12-31"));
        var ours = api.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetInt64() == Id(weekly))
            .Select(i => i.GetProperty("startsAt").GetDateTime().ToUniversalTime()).ToList();
        Assert.Equal(6, starts.Count);
        Assert.Equal(ours, starts);
        Assert.DoesNotContain(new DateTime(2026, 9, 25, 7, 30, 0, DateTimeKind.Utc), starts);
    }

    [Fact]
    public async Task TheYuanquFiguresForThisYearWriteTheReportsSentence()
    {
        var county = await app.As("county");
        var figures = await Json(await county.GetAsync("/api/volunteering/figures?division=140827"));
        Assert.InRange(figures.GetProperty("activitiesWithUnits").GetInt32(), 30, 39);
        Assert.InRange(figures.GetProperty("peopleServed").GetInt32(), 13_000, 13_999);
        await using var db = app.Database();
        var year = DateTime.UtcNow.AddHours(8).Year;
        var yearStart = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-8);
        var now = DateTime.UtcNow;
        var oneOffWithUnits = await db.Activities.CountAsync(a => a.CommunityCode.StartsWith("140827") && a.Recurrence == null && a.CancelledAt == null
            && a.StartsAt >= yearStart && a.StartsAt < now && a.Units.Any());
        Assert.Equal(oneOffWithUnits, figures.GetProperty("activitiesWithUnits").GetInt32());
        var served = await db.Occurrences.Where(o => o.CommunityCode.StartsWith("140827") && !o.Cancelled && o.StartsAt >= yearStart).SumAsync(o => o.PeopleServed ?? 0);
        Assert.Equal(served, figures.GetProperty("peopleServed").GetInt32());
        var page = await county.GetStringAsync("/volunteering");
        Assert.Contains($"联动共驻单位开展志愿服务 {oneOffWithUnits} 次，覆盖辖区群众 {served:N0} 人", page);
        var byCommunity = await Json(await county.GetAsync("/api/volunteering/figures/rows?division=140827"));
        Assert.Equal(oneOffWithUnits, byCommunity.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("activitiesWithUnits").GetInt32()));
        Assert.Equal(served, byCommunity.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("peopleServed").GetInt32()));
        var byTeam = await Json(await county.GetAsync("/api/volunteering/figures/rows?division=140827&groupBy=team"));
        var mothers = byTeam.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "爱心妈妈团");
        Assert.InRange(mothers.GetProperty("activitiesWithUnits").GetInt32(), 8, 9);
        var bad = await county.GetAsync("/api/volunteering/figures/rows?division=140827&groupBy=weather");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var town = await app.As("xueyuan.staff");
        Assert.Equal(HttpStatusCode.NotFound, (await town.GetAsync("/api/volunteering/figures?division=140882")).StatusCode);
    }

    [Fact]
    public async Task VolunteersActiveInAnyPeriodAreCountedOnceEachAsTheConfirmedPlacesSay()
    {
        var county = await app.As("county");
        await using var db = app.Database();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        // Whole months, ragged ends on both sides, one day, a period running into today, last year into this one.
        foreach (var (from, to) in new[]
        {
            (new DateOnly(today.Year, 1, 1), today), (monthStart.AddMonths(-3).AddDays(9), monthStart.AddMonths(-1).AddDays(-12)),
            (monthStart.AddMonths(-2), monthStart.AddDays(-1)), (today.AddDays(-20), today.AddDays(-20)), (today.AddDays(-40), today),
            (new DateOnly(today.Year - 1, 12, 20), today.AddDays(-1)),
        })
        {
            var fromUtc = new DateTime(from, TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            var toUtc = new DateTime(to.AddDays(1), TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            var places = db.SignUps.Where(s => s.CommunityCode.StartsWith("140827") && s.HoursConfirmedAt != null && s.OccurrenceStart >= fromUtc && s.OccurrenceStart < toUtc);
            var figures = await Json(await county.GetAsync($"/api/volunteering/figures?division=140827&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
            Assert.Equal(await places.Select(s => s.VolunteerId).Distinct().CountAsync(), figures.GetProperty("volunteers").GetInt32());
            Assert.Equal(await places.SumAsync(s => s.Hours ?? 0), figures.GetProperty("volunteerHours").GetDecimal());
        }
    }

    [Fact]
    public async Task TheDailyTalliesAgreeWithARecountFromTheRows()
    {
        await using var db = app.Database();
        var kept = await db.Set<VolunteeringDay>().AsNoTracking().Where(d => d.Activities != 0 || d.PeopleServed != 0 || d.HourTenths != 0)
            .OrderBy(d => d.CommunityCode).ThenBy(d => d.Day).ToListAsync();
        var people = await db.Set<ActiveVolunteer>().AsNoTracking().Where(d => d.Places != 0).OrderBy(d => d.CommunityCode).ThenBy(d => d.Span).ThenBy(d => d.Start).ThenBy(d => d.VolunteerId).ToListAsync();
        Assert.NotEmpty(kept);
        await new VolunteeringTallies().RecountAsync(db, default);
        var recounted = await db.Set<VolunteeringDay>().AsNoTracking().Where(d => d.Activities != 0 || d.PeopleServed != 0 || d.HourTenths != 0)
            .OrderBy(d => d.CommunityCode).ThenBy(d => d.Day).ToListAsync();
        Assert.Equal(recounted.Select(d => (d.CommunityCode, d.Day, d.Activities, d.WithUnits, d.PeopleServed, d.HourTenths)),
            kept.Select(d => (d.CommunityCode, d.Day, d.Activities, d.WithUnits, d.PeopleServed, d.HourTenths)));
        Assert.Contains(people, d => d.Span == TallySpan.Month);
        Assert.Equal((await db.Set<ActiveVolunteer>().AsNoTracking().OrderBy(d => d.CommunityCode).ThenBy(d => d.Span).ThenBy(d => d.Start).ThenBy(d => d.VolunteerId).ToListAsync())
            .Select(d => (d.CommunityCode, d.Span, d.Start, d.VolunteerId, d.Places)), people.Select(d => (d.CommunityCode, d.Span, d.Start, d.VolunteerId, d.Places)));
    }

    [Fact]
    public async Task BadActivitiesAreRefusedBesideTheirFieldsAndNothingIsSaved()
    {
        var staff = await app.As("hejin.social");
        await using var db = app.Database();
        var before = await db.Activities.CountAsync();
        var bad = await staff.PostAsJsonAsync("/api/volunteering/activities", new
        {
            communityCode = Hugang, title = "", venue = new string('地', 300), startsAt = "2026-12-20T10:00:00", endsAt = "2026-12-20T09:00:00",
            recurrence = "FREQ=YEARLY;BYMONTH=6", posts = new[] { new { name = "", capacity = 0 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "title", "venue", "endsAt", "recurrence", "posts[0].name", "posts[0].capacity" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        Assert.Equal(before, await db.Activities.CountAsync());
        var noPost = await staff.PostAsJsonAsync($"/api/volunteering/activities/999999999/signups", new { postId = 1 });
        Assert.Equal(HttpStatusCode.NotFound, noPost.StatusCode);
    }

    [Fact]
    public async Task PublicPagesShowActivitiesAndMaskedLeadersButNoPhoneOrFullName()
    {
        await using var db = app.Database();
        var team = await db.VolunteerTeams.Include(t => t.Leader).SingleAsync(t => t.Name == "爱心妈妈团");
        var page = await app.Anonymous().GetStringAsync($"/c/{team.CommunityCode}/volunteering");
        Assert.Contains("爱心妈妈团", page);
        Assert.Contains(Huying.Platform.Privacy.PersonalData.MaskName(team.Leader!.Name), page);
        Assert.DoesNotContain(team.Leader.Name, page);
        Assert.DoesNotContain(team.Leader.PhoneMasked!, page);
        var feed = await app.Anonymous().GetStringAsync($"/c/{team.CommunityCode}/volunteering.ics");
        Assert.DoesNotContain(team.Leader.Name, feed);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class VolunteeringTestsOnSqlite(SqliteApp app) : VolunteeringTests(app);

[Collection(PostgresCollection.Name)]
public sealed class VolunteeringTestsOnPostgres(PostgresApp app) : VolunteeringTests(app);
