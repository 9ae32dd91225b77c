using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.Pledges;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Pledges;

public abstract class PledgeTests(AppFixture app)
{
    private const string Town = "140823109";
    private const string Peishe = "140823109200";

    private static string ThisMonth => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    private static string State(JsonElement e) => e.GetProperty("state").GetString()!;

    private static object Claim(string title, long? opinion = null, long? memberId = null) => new
    {
        memberId, month = ThisMonth, kind = "livelihoodService", title, doneWhen = "路灯全部亮起", dueOn = Today.AddDays(20), opinionItemId = opinion,
    };

    [Fact]
    public async Task AMembersWholeMonthGoesFromTheOpinionListThroughTheBranchAndTheTownToTheBoardAndItsEvaluation()
    {
        var member = await app.As("peishe.member");
        var branch = await app.As("peishe.branch");
        var town = await app.As("peishe.town");
        var opinions = await Json(await member.GetAsync("/api/pledges/opinions"));
        var opinion = opinions.GetProperty("items").EnumerateArray().First();
        var claims = opinion.GetProperty("claims").GetInt32();

        var pledge = await Json(await member.PostAsJsonAsync("/api/pledges", Claim("修好村东头的路灯", Id(opinion))), HttpStatusCode.Created);
        var id = Id(pledge);
        Assert.Equal("draft", State(pledge));
        Assert.Equal(claims + 1, (await Json(await member.GetAsync("/api/pledges/opinions"))).GetProperty("items").EnumerateArray()
            .Single(o => Id(o) == Id(opinion)).GetProperty("claims").GetInt32());
        Assert.Equal("submitted", State(await Json(await member.PostAsync($"/api/pledges/{id}/submit", null))));

        // The branch sends it back once, with the reason; the member submits again; the committee approves.
        var noReason = await branch.PostAsJsonAsync($"/api/pledges/{id}/review", new { approve = false });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("draft", State(await Json(await branch.PostAsJsonAsync($"/api/pledges/{id}/review", new { approve = false, note = "完成标准写具体些" }))));
        await member.PostAsync($"/api/pledges/{id}/submit", null);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/pledges/{id}/review", new { approve = true, note = "自己批" })).StatusCode);
        Assert.Equal("approved", State(await Json(await branch.PostAsJsonAsync($"/api/pledges/{id}/review", new { approve = true, note = "12月2日支委会研究，5人参加" }))));

        Assert.Equal(HttpStatusCode.Forbidden, (await branch.PostAsync($"/api/pledges/{id}/file", null)).StatusCode);
        Assert.Equal("filed", State(await Json(await town.PostAsync($"/api/pledges/{id}/file", null))));
        var board = await Json(await branch.PostAsync($"/api/pledges/branches/{Peishe}/{ThisMonth}/publish", null));
        var noticeId = board.GetProperty("noticeId").GetInt64();
        Assert.Equal("published", State(await Json(await member.GetAsync($"/api/pledges/{id}"))));
        var notice = await Json(await branch.GetAsync($"/api/notices/{noticeId}"));
        Assert.Contains("修好村东头的路灯", notice.GetProperty("body").GetString());
        Assert.Equal("pledgeList", notice.GetProperty("kind").GetString());

        // 督诺 before 评诺; the branch records its help; the member reports; the branch closes it.
        Assert.Equal(HttpStatusCode.Conflict, (await member.PostAsJsonAsync($"/api/pledges/{id}/report", new { note = "已完成" })).StatusCode);
        Assert.Equal("published", State(await Json(await member.PostAsJsonAsync($"/api/pledges/{id}/progress", new { note = "已买好灯泡，等电工" }))));
        // The progress report's photo: the member, the branch and the town see it; another county does not.
        var progressStep = (await Json(await member.GetAsync($"/api/pledges/{id}/steps"))).GetProperty("items").EnumerateArray().Last();
        Assert.Equal("Progress", progressStep.GetProperty("action").GetString());
        using (var form = new MultipartFormDataContent())
        {
            var photo = new ByteArrayContent(TestFiles.Png);
            photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(photo, "photos", "lamp.png");
            var step = await Json(await member.PostAsync($"/api/pledges/{id}/steps/{Id(progressStep)}/photos", form));
            var photoId = Assert.Single(step.GetProperty("photoIds").EnumerateArray()).GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/files/{photoId}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await town.GetAsync($"/files/{photoId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync($"/files/{photoId}")).StatusCode);
        }
        using (var notAPhoto = new MultipartFormDataContent { { new ByteArrayContent("not an image"u8.ToArray()), "photos", "lamp.png" } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsync($"/api/pledges/{id}/steps/{Id(progressStep)}/photos", notAPhoto)).StatusCode);
        }
        Assert.Single((await Json(await member.GetAsync($"/api/pledges/{id}/steps"))).GetProperty("items").EnumerateArray().Last().GetProperty("photoIds").EnumerateArray());
        await Json(await branch.PostAsJsonAsync($"/api/pledges/{id}/help", new { note = "联系了镇供电所电工" }));
        Assert.Equal("reported", State(await Json(await member.PostAsJsonAsync($"/api/pledges/{id}/report", new { note = "路灯已全部修好" }))));
        Assert.Equal(HttpStatusCode.BadRequest, (await branch.PostAsJsonAsync($"/api/pledges/{id}/close", new { outcome = "completed", rating = "4" })).StatusCode);
        var yearBefore = (await Json(await member.GetAsync("/api/pledges/me/year"))).GetProperty("summary");
        var closed = await Json(await branch.PostAsJsonAsync($"/api/pledges/{id}/close", new { outcome = "completed", rating = "excellent", commendation = "党员大会通报表扬" }));
        Assert.Equal("done", State(closed));
        var published = await Json(await branch.GetAsync($"/api/notices/{noticeId}"));
        Assert.True(published.GetProperty("currentVersion").GetInt32() > notice.GetProperty("currentVersion").GetInt32());
        Assert.Contains("评诺结果", published.GetProperty("body").GetString());
        Assert.Contains("表扬：党员大会通报表扬", published.GetProperty("body").GetString());
        // The member's year counts it: done, rated excellent, commended, and lists it with the praise.
        var year = await Json(await member.GetAsync("/api/pledges/me/year"));
        var summary = year.GetProperty("summary");
        foreach (var (field, more) in new[] { ("done", 1), ("excellent", 1), ("commended", 1), ("claimed", 0) })
        {
            Assert.Equal(yearBefore.GetProperty(field).GetInt32() + more, summary.GetProperty(field).GetInt32());
        }
        Assert.Contains(year.GetProperty("closed").EnumerateArray(), p => Id(p) == id && p.GetProperty("commendation").GetString() == "党员大会通报表扬");
        Assert.Contains("党员大会通报表扬", await member.GetStringAsync("/pledges/me"));

        await using var db = app.Database();
        Assert.Equal(["Claimed", "Submitted", "Sent back", "Submitted", "Approved", "Filed", "Published", "Progress", "Help", "Reported", "Done"],
            await db.PledgeSteps.Where(s => s.PledgeId == id).OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => s.Action).ToListAsync());
    }

    [Fact]
    public async Task NoPhaseIsSkippedAndEachIsTakenOnlyByWhoseItIs()
    {
        var member = await app.As("peishe.member");
        var branch = await app.As("peishe.branch");
        var town = await app.As("peishe.town");
        var id = Id(await Json(await member.PostAsJsonAsync("/api/pledges", Claim("带领党员学习党章")), HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.Conflict, (await branch.PostAsJsonAsync($"/api/pledges/{id}/review", new { approve = true, note = "会议" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await town.PostAsync($"/api/pledges/{id}/file", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await member.PostAsJsonAsync($"/api/pledges/{id}/progress", new { note = "进展" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await branch.PostAsJsonAsync($"/api/pledges/{id}/close", new { outcome = "completed", rating = "good" })).StatusCode);
        await member.PostAsync($"/api/pledges/{id}/submit", null);
        Assert.Equal(HttpStatusCode.Conflict, (await member.PostAsync($"/api/pledges/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await town.PostAsync($"/api/pledges/{id}/file", null)).StatusCode);

        // Bad claims change nothing.
        await using var db = app.Database();
        var before = await db.Pledges.CountAsync();
        var bad = await member.PostAsJsonAsync("/api/pledges", new { month = "2020-01", kind = "weather", title = "", doneWhen = new string('长', 400) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var fields = (await Json(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var f in new[] { "month", "kind", "title", "doneWhen", "dueOn" })
        {
            Assert.True(fields.TryGetProperty(f, out _), f);
        }
        Assert.Equal(before, await db.Pledges.CountAsync());

        // Another county's officers, another community's secretary: not found.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync($"/api/pledges/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("fuqian.secretary")).PostAsJsonAsync($"/api/pledges/{id}/review", new { approve = true, note = "会议" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync($"/api/pledges/compliance?division={Town}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("resident")).GetAsync($"/api/pledges/{id}")).StatusCode);
    }

    [Fact]
    public async Task AnAmendmentAfterFilingIsRecordedAndShownAsANewBoardVersionWhoseChainVerifies()
    {
        var member = await app.As("peishe.member");
        var branch = await app.As("peishe.branch");
        var town = await app.As("peishe.town");
        var id = Id(await Json(await member.PostAsJsonAsync("/api/pledges", Claim("清理村口垃圾堆放点")), HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.Conflict, (await branch.PostAsJsonAsync($"/api/pledges/{id}/amend", new { title = "改", reason = "改" })).StatusCode);
        await member.PostAsync($"/api/pledges/{id}/submit", null);
        await branch.PostAsJsonAsync($"/api/pledges/{id}/review", new { approve = true, note = "支委会研究" });
        var filed = await Json(await town.PostAsync($"/api/pledges/branches/{Peishe}/{ThisMonth}/file", null));
        Assert.True(filed.GetProperty("filed").GetInt32() >= 1);
        Assert.Equal("filed", State(await Json(await member.GetAsync($"/api/pledges/{id}"))));
        var noticeId = (await Json(await branch.PostAsync($"/api/pledges/branches/{Peishe}/{ThisMonth}/publish", null))).GetProperty("noticeId").GetInt64();
        var before = (await Json(await branch.GetAsync($"/api/notices/{noticeId}"))).GetProperty("currentVersion").GetInt32();

        Assert.Equal(HttpStatusCode.BadRequest, (await branch.PostAsJsonAsync($"/api/pledges/{id}/amend", new { title = "清理垃圾并设分类桶" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/pledges/{id}/amend", new { title = "改", reason = "想改" })).StatusCode);
        var amended = await Json(await branch.PostAsJsonAsync($"/api/pledges/{id}/amend", new { title = "清理村口垃圾并设置分类垃圾桶", reason = "群众建议增加分类桶" }));
        Assert.Equal(1, amended.GetProperty("amendments").GetInt32());
        var notice = await Json(await branch.GetAsync($"/api/notices/{noticeId}"));
        Assert.Equal(before + 1, notice.GetProperty("currentVersion").GetInt32());
        Assert.Contains("清理村口垃圾并设置分类垃圾桶", notice.GetProperty("body").GetString());
        var chain = await Json(await branch.GetAsync($"/api/notices/{noticeId}/verify"));
        Assert.True(chain.GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task ResidentsRateAShownPledgeOncePerTrackingCodeOfTheirVillageAndWhoRatedIsNotKept()
    {
        await using var db = app.Database();
        var month = new DateOnly(Today.Year, Today.Month, 1);
        var pledge = await db.Pledges.Where(p => p.CommunityCode == Peishe && p.Month == month && p.State == PledgeState.Published).OrderBy(p => p.Id).FirstAsync();
        var code = await db.OpinionItems.Where(o => o.CommunityCode == Peishe).Select(o => o.TrackingCode!).FirstAsync();
        var elsewhere = await db.OpinionItems.Where(o => o.CommunityCode != Peishe && o.CommunityCode.StartsWith(Town)).Select(o => o.TrackingCode!).FirstAsync();
        var url = $"/c/{Peishe}/pledges";
        var resident = app.Anonymous();
        var page = await resident.GetStringAsync(url);
        Assert.Contains(pledge.Title, page);
        Assert.Contains($"id=\"pledge-{pledge.Id}\"", page);

        async Task<HttpResponseMessage> Rate(string? rating, string? with) =>
            await resident.SubmitAsync(url, new() { ["pledgeId"] = pledge.Id.ToString(), ["rating"] = rating ?? "", ["code"] = with ?? "" });
        var noCode = await Rate("satisfied", null);
        Assert.Equal(HttpStatusCode.OK, noCode.StatusCode);
        Assert.Contains(Texts.Zh("Enter the tracking code of something you raised in this village (an opinion, a matter, a topic)"), await noCode.Content.ReadAsStringAsync());
        Assert.Contains(Texts.Zh("Nothing raised in this village has this tracking code"), await (await Rate("satisfied", elsewhere)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await Rate("satisfied", code.ToLowerInvariant())).StatusCode);
        Assert.Contains(Texts.Zh("This tracking code has already rated this pledge"), await (await Rate("unsatisfied", code)).Content.ReadAsStringAsync());
        await using var after = app.Database();
        var rated = await after.Pledges.SingleAsync(p => p.Id == pledge.Id);
        Assert.Equal((pledge.ResidentRatings + 1, pledge.ResidentSatisfied + 1), (rated.ResidentRatings, rated.ResidentSatisfied));
        var stored = await after.PledgeResidentRatings.Where(r => r.PledgeId == pledge.Id).ToListAsync();
        Assert.Single(stored);
        Assert.DoesNotContain(code, stored[0].CodeHash, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync("/c/140823109999/pledges")).StatusCode);
    }

    [Fact]
    public async Task TheMembersYearExportHasEveryMemberOfTheTownWithTheirCountsAsTheRowsSay()
    {
        var town = await app.As("peishe.town");
        var response = await town.GetAsync($"/api/pledges/year.xlsx?division={Town}&year={Today.Year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Read back with the Open XML SDK, not MiniExcel, which wrote it.
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single();
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        string Text(DocumentFormat.OpenXml.Spreadsheet.Cell c) => c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString
            ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
        var rows = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(Text).ToArray()).ToList();
        Assert.Equal(["党支部", "党员", "认领承诺", "已完成", "评为优秀", "评为良好", "群众评议人次", "群众满意人次", "表扬"], rows[0]);
        await using var db = app.Database();
        var members = await db.BranchMembers.Where(m => m.CommunityCode.StartsWith(Town)).CountAsync();
        Assert.Equal(members, rows.Count - 1);
        var year = new DateOnly(Today.Year, 1, 1);
        var done = await db.Pledges.CountAsync(p => p.CommunityCode.StartsWith(Town) && p.Month >= year && p.State == PledgeState.Done);
        Assert.Equal(done, rows.Skip(1).Sum(r => int.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)));
        var commended = await db.Pledges.CountAsync(p => p.CommunityCode.StartsWith(Town) && p.Month >= year && p.State != PledgeState.Draft && p.Commendation != null);
        Assert.True(commended > 0);
        Assert.Equal(commended, rows.Skip(1).Sum(r => int.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync($"/api/pledges/year.xlsx?division={Town}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("peishe.member")).GetAsync($"/api/pledges/year.xlsx?division={Town}")).StatusCode);
    }

    [Fact]
    public async Task ComplianceListsTheMembersWithoutAPledgeAsTheRowsSay()
    {
        var town = await app.As("peishe.town");
        var rows = (await Json(await town.GetAsync($"/api/pledges/compliance?division={Town}&month={ThisMonth}"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(10, rows.Count);
        await using var db = app.Database();
        var month = new DateOnly(Today.Year, Today.Month, 1);
        foreach (var row in rows)
        {
            var code = row.GetProperty("communityCode").GetString()!;
            var members = await db.BranchMembers.Where(m => m.CommunityCode == code && m.LeftOn == null).Select(m => m.Id).ToListAsync();
            var pledged = await db.Pledges.Where(p => p.CommunityCode == code && p.Month == month && p.State != PledgeState.Draft).Select(p => p.MemberId).Distinct().ToListAsync();
            var without = row.GetProperty("withoutPledge").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToList();
            Assert.Equal(members.Except(pledged).Order(), without.Order());
            Assert.Equal(members.Count, row.GetProperty("members").GetInt32());
        }
        Assert.Contains(rows, r => r.GetProperty("withoutPledge").GetArrayLength() > 0);
        var branch = await app.As("peishe.branch");
        var own = (await Json(await branch.GetAsync($"/api/pledges/compliance?division={Peishe}"))).GetProperty("items");
        Assert.Equal(1, own.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await branch.GetAsync($"/api/pledges/compliance?division={Town}202")).StatusCode);
    }

    [Fact]
    public async Task TheTownsFiguresSinceMarchWriteTheReportsNumbersAndMatchAHandCount()
    {
        var town = await app.As("peishe.town");
        var first = PledgesDemo.FirstMonth(Today);
        var figures = await Json(await town.GetAsync($"/api/pledges/figures?division={Town}&from={first:yyyy-MM-dd}"));
        Assert.InRange(figures.GetProperty("claimed").GetInt32(), 2_400, 2_499);
        Assert.InRange(figures.GetProperty("completed").GetInt32(), 500, 599);
        await using var db = app.Database();
        var claimed = await db.Pledges.CountAsync(p => p.CommunityCode.StartsWith(Town) && p.Month >= first && p.State != PledgeState.Draft && p.CarriedFromId == null);
        var done = await db.Pledges.CountAsync(p => p.CommunityCode.StartsWith(Town) && p.Month >= first && p.State == PledgeState.Done);
        Assert.Equal(claimed, figures.GetProperty("claimed").GetInt32());
        Assert.Equal(done, figures.GetProperty("completed").GetInt32());
        Assert.True(figures.GetProperty("membersWithoutPledge").GetInt32() > 0);
        var byKind = (await Json(await town.GetAsync($"/api/pledges/figures/counts?division={Town}&from={first:yyyy-MM-dd}&by=kind"))).GetProperty("items");
        Assert.Equal(5, byKind.GetArrayLength());
        Assert.Equal(claimed, byKind.EnumerateArray().Sum(k => k.GetProperty("claimed").GetInt32()));
        Assert.All(byKind.EnumerateArray(), k => Assert.True(k.GetProperty("claimed").GetInt32() > 0));
        var byMonth = (await Json(await town.GetAsync($"/api/pledges/figures/counts?division={Town}&from={first:yyyy-MM-dd}&by=month"))).GetProperty("items");
        Assert.Equal(claimed, byMonth.EnumerateArray().Sum(k => k.GetProperty("claimed").GetInt32()));
        Assert.Equal(done, byMonth.EnumerateArray().Sum(k => k.GetProperty("completed").GetInt32()));
        // The town's page draws the same counts (this year's, one query for both charts).
        var page = await town.GetStringAsync("/pledges");
        var year = new DateOnly(Today.Year, 1, 1);
        var yearByKind = (await Json(await town.GetAsync($"/api/pledges/figures/counts?division={Town}&from={year:yyyy-MM-dd}&by=kind"))).GetProperty("items");
        var yearByMonth = (await Json(await town.GetAsync($"/api/pledges/figures/counts?division={Town}&from={year:yyyy-MM-dd}&by=month"))).GetProperty("items");
        foreach (var counts in new[] { yearByKind, yearByMonth })
        {
            var claimedSeries = string.Join(",", counts.EnumerateArray().Select(k => k.GetProperty("claimed").GetInt32()));
            Assert.Contains($"&quot;data&quot;:[{claimedSeries}]", page);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync($"/api/pledges/figures?division={Town}")).StatusCode);
    }
    [Fact]
    public async Task TheBranchKeepsItsMemberListAndOneTapRemindsTheMembersBehindOnceADayInTheirOwnInbox()
    {
        var branch = await app.As("peishe.branch");
        var members = $"/api/pledges/branches/{Peishe}/members";
        // Only a party member's account, and only one not on a list already, can be linked.
        var notMember = await branch.PostAsJsonAsync(members, new { name = "王小明", account = "fuqian.staff" });
        Assert.Equal(HttpStatusCode.BadRequest, notMember.StatusCode);
        Assert.Contains("不是党员账号", await notMember.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await branch.PostAsJsonAsync(members, new { name = "王小明", account = "peishe.member" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await branch.PostAsJsonAsync(members, new { name = "", account = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("fuqian.secretary")).PostAsJsonAsync(members, new { name = "王小明" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("peishe.town")).PostAsJsonAsync(members, new { name = "王小明" })).StatusCode);
        var added = await Json(await branch.PostAsJsonAsync(members, new { name = "王小明", account = "member" }), HttpStatusCode.Created);
        Assert.True(added.GetProperty("hasAccount").GetBoolean());
        try
        {
            Assert.Contains((await Json(await branch.GetAsync(members))).GetProperty("items").EnumerateArray(), m => Id(m) == Id(added));
            var compliance = (await Json(await branch.GetAsync($"/api/pledges/compliance?division={Peishe}&month={ThisMonth}"))).GetProperty("items")[0];
            Assert.Contains(compliance.GetProperty("withoutPledge").EnumerateArray(), m => Id(m) == Id(added));

            // One tap: the new member (no pledge yet) is reminded in their own inbox; the branch's staff do not see it.
            var tapped = await Json(await branch.PostAsync($"/api/pledges/branches/{Peishe}/remind", null));
            Assert.True(tapped.GetProperty("reminded").GetInt32() >= 1);
            var member = await app.As("member");
            var inbox = (await Json(await member.GetAsync("/api/notifications"))).GetProperty("items").EnumerateArray().ToList();
            var reminder = Assert.Single(inbox, n => n.GetProperty("subject").GetString()!.Contains("请认领本月的一件事"));
            Assert.Equal("/pledges/me#claim-form", reminder.GetProperty("link").GetString());
            Assert.DoesNotContain((await Json(await branch.GetAsync("/api/notifications"))).GetProperty("items").EnumerateArray(),
                n => n.GetProperty("id").GetInt64() == reminder.GetProperty("id").GetInt64());
            Assert.Contains("请认领本月的一件事", await member.GetStringAsync("/notifications"));
            // A second tap the same day reminds nobody twice.
            var again = await Json(await branch.PostAsync($"/api/pledges/branches/{Peishe}/remind", null));
            Assert.Equal(0, again.GetProperty("reminded").GetInt32());
            Assert.Single((await Json(await member.GetAsync("/api/notifications"))).GetProperty("items").EnumerateArray(),
                n => n.GetProperty("subject").GetString()!.Contains("请认领本月的一件事"));
            // The member now sees the branch's opinion list and pledges for themselves.
            Assert.NotEmpty((await Json(await member.GetAsync("/api/pledges/opinions"))).GetProperty("items").EnumerateArray());

            // Leaving: once, and the account is free again.
            var left = await Json(await branch.DeleteAsync($"{members}/{Id(added)}"));
            Assert.Equal(Today, DateOnly.Parse(left.GetProperty("leftOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.Conflict, (await branch.DeleteAsync($"{members}/{Id(added)}")).StatusCode);
            Assert.Empty((await Json(await member.GetAsync("/api/pledges/opinions"))).GetProperty("items").EnumerateArray());
        }
        finally
        {
            await using var db = app.Database();
            var addedId = Id(added);
            await db.BranchMembers.Where(m => m.Id == addedId).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task TheSweepRemindsEachMemberOnceAMonthWhateverHowManyInstancesSweepAndNeverTellsOthersAMembersReminder()
    {
        var contexts = app.Service<Huying.Platform.Data.HuyingContextFactory>();
        var config = app.Service<Microsoft.Extensions.Configuration.IConfiguration>();
        PledgeReminders Sweeper() => new(contexts, TimeProvider.System, config, Microsoft.Extensions.Logging.Abstractions.NullLogger<PledgeReminders>.Instance);
        await Task.WhenAll(Sweeper().SweepAsync(default), Sweeper().SweepAsync(default));
        Assert.Equal(0, await Sweeper().SweepAsync(default));
        await using var db = app.Database();
        var month = new DateOnly(Today.Year, Today.Month, 1);
        var keys = await db.PledgeReminders.Where(r => r.CommunityCode.StartsWith(Town) && r.Month == month).Select(r => r.Key).ToListAsync();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        var town = await db.PledgeTowns.FirstOrDefaultAsync(t => t.TownCode == Town) ?? new PledgeTown { TownCode = Town };
        var monthKey = PledgeService.MonthKey(month);
        // Every member without a pledge once claims are due (two days before the boards go up), accounts or not.
        var pledges = db.Set<Pledge>();
        var without = await db.BranchMembers.Where(m => m.CommunityCode.StartsWith(Town) && m.LeftOn == null
            && !pledges.Any(p => p.MemberId == m.Id && p.Month == month && p.State != PledgeState.Draft)).Select(m => m.Id).ToListAsync();
        Assert.NotEmpty(without);
        var claimKeys = keys.Where(k => k.StartsWith("auto:claim:", StringComparison.Ordinal)).ToList();
        if (Today.Day >= Math.Max(1, town.PublishBy - 2))
        {
            Assert.All(without, id => Assert.Contains($"auto:claim:{id}:{monthKey}", claimKeys));
        }
        else
        {
            Assert.Empty(claimKeys);
        }
        // peishe.member's pledge on the board without progress: reminded in their own inbox once progress is due.
        var userId = await db.Users.Where(u => u.UserName == "peishe.member").Select(u => u.Id).SingleAsync();
        var shown = await db.Pledges.Where(p => p.Month == month && p.State == PledgeState.Published && p.ProgressAt == null && p.Member!.UserId == userId)
            .Select(p => p.Id).ToListAsync();
        var theirs = await db.Notifications.Where(n => n.ForUserId == userId && n.Kind == "Pledge reminder").Select(n => n.SubjectId).ToListAsync();
        if (Today.Day >= town.ProgressBy - 2)
        {
            Assert.All(shown, id => Assert.Contains(id, theirs));
        }
        // A member's reminder is theirs alone; the branch's own reminders are addressed to nobody in particular.
        Assert.All(await db.Notifications.Where(n => n.Kind == "Pledge reminder" && n.ForUserId == null && n.CommunityCode.StartsWith(Town)).Select(n => n.Subject).ToListAsync(),
            subject => Assert.Contains("件", subject));
        Assert.DoesNotContain((await Json(await (await app.As("peishe.branch")).GetAsync("/api/notifications"))).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("subject").GetString()!.StartsWith("督诺", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTownSetsItsDatesAndMasksNamesOnTheBoardAsANewVersionAndBadDatesChangeNothing()
    {
        var town = await app.As("peishe.town");
        var url = $"/api/pledges/towns/{Town}/settings";
        var before = await Json(await town.GetAsync(url));
        var bad = await town.PutAsJsonAsync(url, new { publishBy = 12, progressBy = 4 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("publishBy", problem);
        Assert.Contains("progressBy", problem);
        Assert.Equal(before.GetRawText(), (await Json(await town.GetAsync(url))).GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("peishe.branch")).PutAsJsonAsync(url, new { maskNames = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("town")).PutAsJsonAsync(url, new { maskNames = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync(url)).StatusCode);

        await using var db = app.Database();
        var board = await db.PledgeBoards.Where(b => b.CommunityCode == Peishe).OrderByDescending(b => b.Month).FirstAsync();
        var name = await db.Pledges.Where(p => p.CommunityCode == Peishe && p.Month == board.Month && p.State >= PledgeState.Published).Select(p => p.Member!.Name).FirstAsync();
        var versions = await db.NoticeVersions.CountAsync(v => v.NoticeId == board.NoticeId);
        try
        {
            var masked = await Json(await town.PutAsJsonAsync(url, new { maskNames = true, publishBy = 4 }));
            Assert.True(masked.GetProperty("maskNames").GetBoolean());
            Assert.Equal(4, masked.GetProperty("publishBy").GetInt32());
            Assert.Equal(before.GetProperty("progressBy").GetInt32(), masked.GetProperty("progressBy").GetInt32());
            var notice = await Json(await town.GetAsync($"/api/notices/{board.NoticeId}"));
            Assert.DoesNotContain(name, notice.GetProperty("body").GetString());
            Assert.Contains(Huying.Platform.Privacy.PersonalData.MaskName(name), notice.GetProperty("body").GetString());
            Assert.Equal(versions + 1, await db.NoticeVersions.CountAsync(v => v.NoticeId == board.NoticeId));
            Assert.DoesNotContain(name, await app.Anonymous().GetStringAsync($"/c/{Peishe}/pledges"));
        }
        finally
        {
            await town.PutAsJsonAsync(url, new { maskNames = before.GetProperty("maskNames").GetBoolean(), publishBy = before.GetProperty("publishBy").GetInt32() });
        }
        Assert.Contains(name, (await Json(await town.GetAsync($"/api/notices/{board.NoticeId}"))).GetProperty("body").GetString());
    }

    [Fact]
    public async Task TheBranchTakesAnOpenNeedOfItsVillageOntoTheOpinionListOnceAndMembersCanClaimIt()
    {
        var branch = await app.As("peishe.branch");
        var need = await Json(await branch.PostAsJsonAsync("/api/projects/needs", new
        {
            communityCode = Peishe, categoryCode = "facilities", title = "村委会门前增设路灯", place = "村委会门前", peopleAffected = 60, source = "visit",
        }), HttpStatusCode.Created);
        var key = $"need-{Id(need)}";
        Assert.Contains($"data-suggest=\"{key}\"", await branch.GetStringAsync($"/pledges/branches/{Peishe}"));
        Assert.Contains($"value=\"{key}\"", await branch.GetStringAsync($"/pledges/branches/{Peishe}?suggest={key}"));
        var item = new { communityCode = Peishe, title = "村委会门前增设路灯", source = "need", gatheredOn = Today, origin = key };
        var created = await Json(await branch.PostAsJsonAsync("/api/pledges/opinions", item), HttpStatusCode.Created);
        Assert.Equal(key, created.GetProperty("origin").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await branch.PostAsJsonAsync("/api/pledges/opinions", item)).StatusCode);
        Assert.DoesNotContain($"data-suggest=\"{key}\"", await branch.GetStringAsync($"/pledges/branches/{Peishe}"));
        Assert.Contains((await Json(await (await app.As("peishe.member")).GetAsync("/api/pledges/opinions"))).GetProperty("items").EnumerateArray(), o => Id(o) == Id(created));
    }

}

[Collection(SqliteCollection.Name)]
public sealed class PledgeTestsOnSqlite(SqliteApp app) : PledgeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PledgeTestsOnPostgres(PostgresApp app) : PledgeTests(app);
