using System.Text.RegularExpressions;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Huying.Modules.Matters;
using Huying.Platform.Notifications;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using static Huying.Tests.Modules.Matters.MatterCalls;

namespace Huying.Tests.Modules.Matters;

public abstract class MatterTests(AppFixture app)
{
    private const string Fuqian = DemoRecords.Fuqian;

    private Task<long> BuildingAsync(string name) => MatterCalls.BuildingAsync(app, name);

    private Task<JsonElement> RaiseAsync(HttpClient client, string text, string category = "drainage", string building = "河边三巷", string? phone = null) =>
        MatterCalls.RaiseAsync(app, client, text, category, building, phone);

    [Fact]
    public async Task AMatterAtABuildingLandsInItsGridAndAnUnmatchedAddressInTheCommunityQueue()
    {
        var staff = await app.As("fuqian.staff");
        var grid = await app.As("fuqian.grid");
        var atAlley = await RaiseAsync(staff, "河边三巷下雨后积水，老人出行不便");
        await using (var db = app.Database())
        {
            var hebian = await db.Grids.SingleAsync(g => g.Name == "河边网格");
            Assert.Equal(hebian.Id, atAlley.GetProperty("gridId").GetInt64());
        }
        Assert.Equal("submitted", atAlley.GetProperty("state").GetString());
        await Json(await grid.GetAsync($"/api/matters/{Id(atAlley)}"), HttpStatusCode.OK);

        var unmatched = await Json(await staff.PostAsJsonAsync("/api/matters", new
        {
            categoryCode = "other", description = "希望社区组织一次防诈骗讲座", communityCode = Fuqian, address = "府前社区某处",
        }), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, unmatched.GetProperty("gridId").ValueKind);
        Assert.Equal("community", unmatched.GetProperty("handler").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await grid.GetAsync($"/api/matters/{Id(unmatched)}")).StatusCode);
        var queue = await Json(await staff.GetAsync("/api/matters?view=communityQueue"), HttpStatusCode.OK);
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), m => Id(m) == Id(unmatched));

        var named = await Json(await staff.PostAsJsonAsync("/api/matters", new
        {
            categoryCode = "lighting", description = "巷子里路灯不亮，晚上很黑", communityCode = Fuqian, address = "府前社区河边三巷东口",
        }), HttpStatusCode.Created);
        Assert.Equal(atAlley.GetProperty("gridId").GetInt64(), named.GetProperty("gridId").GetInt64());
    }

    [Fact]
    public async Task EscalatedDispatchedReportedResolvedVerifiedAndRatedAMatterCloses()
    {
        var grid = await app.As("fuqian.grid");
        var staff = await app.As("fuqian.staff");
        var unit = await app.As("unit.xmtj");
        var demo = await DemoRecords.LoadAsync(app);
        var m = await RaiseAsync(grid, "河边三巷路面塌陷，雨后积水倒灌进院", phone: Synthetic.Phone());
        var id = Id(m);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/api/matters/{id}")).StatusCode);

        await Json(await Act(grid, id, "accept"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await Act(grid, id, "escalate", new { })).StatusCode);
        var escalated = await Json(await Act(grid, id, "escalate", new { reason = "需要专业施工" }), HttpStatusCode.OK);
        Assert.Equal("escalated", escalated.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Act(grid, id, "dispatch", new { unitId = demo.ProjectCentreId })).StatusCode);
        var dispatched = await Json(await Act(staff, id, "dispatch", new { unitId = demo.ProjectCentreId, note = "请三日内处理" }), HttpStatusCode.OK);
        Assert.Equal("dispatched", dispatched.GetProperty("state").GetString());

        await Json(await unit.GetAsync($"/api/matters/{id}"), HttpStatusCode.OK);
        var inbox = await Json(await unit.GetAsync("/api/matters"), HttpStatusCode.OK);
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), x => Id(x) == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await Act(staff, id, "resolve", new { note = "x" })).StatusCode);
        await Json(await Act(unit, id, "report"), HttpStatusCode.OK);
        await Json(await Act(unit, id, "resolve", new { note = "路面已硬化，排水已疏通" }), HttpStatusCode.OK);
        await Json(await Act(grid, id, "verify", new { note = "现场核查属实" }), HttpStatusCode.OK);

        var tracked = await app.Anonymous().GetStringAsync($"/track/{m.GetProperty("trackingCode").GetString()}");
        Assert.Contains("垣曲县项目推进中心", tracked);
        Assert.Contains("单位联络人", tracked);
        Assert.DoesNotContain(m.GetProperty("reporterPhone").GetString()!, tracked);
        var anonymous = app.Anonymous();
        var page = await anonymous.GetAsync($"/track/{m.GetProperty("trackingCode").GetString()}");
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/track/{m.GetProperty("trackingCode").GetString()}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Rating"] = "satisfied", ["Comment"] = "很满意", ["__RequestVerificationToken"] = Pages.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
            }),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.SendAsync(post)).StatusCode);

        var closed = await Json(await grid.GetAsync($"/api/matters/{id}"), HttpStatusCode.OK);
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.Equal("satisfied", closed.GetProperty("rating").GetString());
        var actions = closed.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["submit", "accept", "escalate", "dispatch", "report", "resolve", "verify", "rate"], actions);
        await using var db = app.Database();
        Assert.True(await db.Notifications.AnyAsync(n => n.SubjectType == "Matter" && n.SubjectId == id && n.Channel == NotificationChannel.Sms && n.Kind == "Matter resolved"));
        Assert.True(await db.Notifications.AnyAsync(n => n.SubjectType == "Matter" && n.SubjectId == id && n.UnitId == demo.ProjectCentreId && n.Kind == "Matter dispatched to your unit"));
    }

    [Fact]
    public async Task AnUnsatisfiedRatingReopensTheMatterAndCountsAsRework()
    {
        var grid = await app.As("fuqian.grid");
        var leader = await app.As("fuqian.gridleader");
        var id = Id(await RaiseAsync(grid, "河边一巷垃圾点满溢，气味很大", "sanitation", "河边一巷"));
        foreach (var (action, body) in new (string, object)[] { ("accept", new { }), ("start", new { }), ("resolve", new { note = "已清运" }) })
        {
            await Json(await Act(grid, id, action, body), HttpStatusCode.OK);
        }
        // The one who resolved it does not verify it: another of the grid does.
        Assert.Equal(HttpStatusCode.Forbidden, (await Act(grid, id, "verify", new { })).StatusCode);
        await Json(await Act(leader, id, "verify", new { }), HttpStatusCode.OK);
        var reopened = await Json(await Act(grid, id, "rate", new { rating = "unsatisfied", note = "第二天又满了" }), HttpStatusCode.OK);
        Assert.Equal("inProgress", reopened.GetProperty("state").GetString());
        Assert.Equal(1, reopened.GetProperty("reopenCount").GetInt32());
        await using var db = app.Database();
        var matter = await db.Matters.SingleAsync(x => x.Id == id);
        Assert.True(matter.WasResolved);
        Assert.Equal(1, matter.ReopenCount);
    }

    [Fact]
    public async Task AnApprovedExtensionMovesTheDueDateAndNeedsTheSecretary()
    {
        var grid = await app.As("fuqian.grid");
        var staff = await app.As("fuqian.staff");
        var secretary = await app.As("fuqian.secretary");
        var id = Id(await RaiseAsync(grid, "河边二巷路灯杆倾斜，需要更换", "lighting", "河边二巷"));
        var accepted = await Json(await Act(grid, id, "accept"), HttpStatusCode.OK);
        var due = accepted.GetProperty("resolveDueAt").GetDateTime();
        var wanted = due.AddDays(5);
        Assert.Equal(HttpStatusCode.Conflict, (await Act(grid, id, "extend", new { dueAt = wanted })).StatusCode);
        var requested = await Json(await Act(grid, id, "extend", new { dueAt = wanted, reason = "需要采购新灯杆" }), HttpStatusCode.OK);
        Assert.Equal(due, requested.GetProperty("resolveDueAt").GetDateTime());
        Assert.Equal(0, requested.GetProperty("extensionCount").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await Act(staff, id, "extend", new { dueAt = wanted, reason = "再申请" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Act(staff, id, "refuse-extension", new { })).StatusCode);
        var approved = await Json(await Act(secretary, id, "extend", new { note = "同意" }), HttpStatusCode.OK);
        Assert.Equal(wanted, approved.GetProperty("resolveDueAt").GetDateTime());
        Assert.Equal(1, approved.GetProperty("extensionCount").GetInt32());
        await using var db = app.Database();
        Assert.Equal(ExtensionStatus.Approved, (await db.ExtensionRequests.SingleAsync(x => x.MatterId == id)).Status);
    }

    [Fact]
    public async Task OfTwoPeopleActingAtOnceOneWinsAndTheOtherGetsTheCurrentState()
    {
        var grid = await app.As("fuqian.grid");
        var staff = await app.As("fuqian.staff");
        var id = Id(await RaiseAsync(staff, "河边三巷有人占道堆放建筑垃圾", "sanitation"));
        var responses = await Task.WhenAll(Act(grid, id, "accept"), Act(staff, id, "accept"), Act(grid, id, "accept"));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.Conflict));
        var winner = await Json(await grid.GetAsync($"/api/matters/{id}"), HttpStatusCode.OK);
        Assert.Equal(2, winner.GetProperty("timeline").GetArrayLength());
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var problem = await loser.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(winner.GetProperty("state").GetString(), problem.GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task BadInputIsRefusedFieldByFieldInChineseAndSavesNothing()
    {
        var staff = await app.As("fuqian.staff");
        await using var before = app.Database();
        var count = await before.Matters.CountAsync();
        var response = await staff.PostAsJsonAsync("/api/matters", new { categoryCode = "nope", description = "短", communityCode = Fuqian, reporterPhone = "12345" });
        var problem = await Json(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal("请选择类别", errors.GetProperty("categoryCode")[0].GetString());
        Assert.Equal("请描述事项（至少 5 个字）", errors.GetProperty("description")[0].GetString());
        Assert.True(errors.TryGetProperty("reporterPhone", out _));
        var other = await staff.PostAsJsonAsync("/api/matters", new { categoryCode = "other", description = "学苑社区的事情", communityCode = DemoRecords.Xueyuan });
        Assert.Equal("社区不存在", (await Json(other, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("communityCode")[0].GetString());
        await using var after = app.Database();
        Assert.Equal(count, await after.Matters.CountAsync());
    }

    [Fact]
    public async Task AMatterIsOutOfScopeForOtherCommunitiesAndUnitsItWasNotDispatchedTo()
    {
        var staff = await app.As("fuqian.staff");
        var id = Id(await RaiseAsync(staff, "河边三巷健身器材损坏", "facilities"));
        foreach (var user in new[] { "xueyuan.staff", "xueyuan.secretary", "unit.xmtj", "member" })
        {
            var client = await app.As(user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/matters/{id}")).StatusCode);
            // Staff of another community may accept matters, and a unit those routed to it, just not this one; other roles never may.
            Assert.Equal(user != "member" ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
                (await Act(client, id, "accept")).StatusCode);
        }
        foreach (var user in new[] { "fuqian.grid", "fuqian.gridleader", "fuqian.secretary", "town", "county", "admin" })
        {
            Assert.Equal(HttpStatusCode.OK, (await (await app.As(user)).GetAsync($"/api/matters/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task AMistypedTrackingCodeSaysSoAndKeepsTheCodeInTheBox()
    {
        var anonymous = app.Anonymous();
        var asked = await anonymous.GetAsync("/track?q=m-zzzz2222");
        Assert.Equal("/track/M-ZZZZ2222", asked.Headers.Location!.OriginalString);
        var answer = await anonymous.GetAsync("/track/M-ZZZZ2222");
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("没有使用此查询码的事项", html);
        Assert.Contains("value=\"M-ZZZZ2222\"", html);
        Assert.DoesNotContain("不在您的管辖范围内", html);
    }

    [Fact]
    public async Task TextWithMarkupIsShownEscaped()
    {
        var staff = await app.As("fuqian.staff");
        var m = await RaiseAsync(staff, "<script>alert('x')</script>河边三巷积水");
        var html = await app.Anonymous().GetStringAsync($"/track/{m.GetProperty("trackingCode").GetString()}");
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task AFakePhotoOrAnOversizeFileIsRefusedAndNothingIsSaved()
    {
        var anonymous = app.Anonymous();
        await using var before = app.Database();
        var count = await before.Matters.CountAsync();
        foreach (var (name, bytes) in new[] { ("photo.jpg", Encoding.UTF8.GetBytes("not really a jpeg")), ("big.png", BigPng()) })
        {
            var page = await anonymous.GetAsync($"/c/{Fuqian}/matters/new");
            var form = new MultipartFormDataContent
            {
                { new StringContent("drainage"), "Input.CategoryCode" },
                { new StringContent("河边三巷下雨后积水严重"), "Input.Description" },
                { new StringContent(Pages.AntiforgeryToken(await page.Content.ReadAsStringAsync())), "__RequestVerificationToken" },
            };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "Input.Photos", name);
            var response = await anonymous.PostAsync($"/c/{Fuqian}/matters/new", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(name == "photo.jpg" ? "只能上传照片" : "有文件超过 10 MB", html);
        }
        await using var after = app.Database();
        Assert.Equal(count, await after.Matters.CountAsync());
        Assert.Equal(0, await after.Attachments.CountAsync(a => a.OwnerType == nameof(Matter) && a.FileName == "photo.jpg"));
    }

    private static byte[] BigPng()
    {
        var bytes = new byte[10 * 1024 * 1024 + 10];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public async Task TheMatterPageNamesOneNextStepAndSuggestsTheUnitThatHandledTheCategoryHereBefore()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var (staff, grid, unit) = (await app.As("fuqian.staff"), await app.As("fuqian.grid"), await app.As("unit.xmtj"));
        // A lighting matter the project centre resolved before …
        var before = Id(await RaiseAsync(grid, "派单建议：河边三巷路灯损坏", category: "lighting"));
        foreach (var (who, action, body) in new (HttpClient, string, object)[]
        {
            (grid, "accept", new { }), (grid, "escalate", new { reason = "需要专业单位" }), (staff, "dispatch", new { unitId = demo.ProjectCentreId }),
            (unit, "report", new { }), (unit, "resolve", new { note = "已更换灯具" }),
        })
        {
            await Json(await Act(who, before, action, body), HttpStatusCode.OK);
        }
        // … and a new one: the grid worker is told to handle it in the grid, as the one primary button.
        var next = Id(await RaiseAsync(grid, "派单建议：河边三巷另一盏路灯不亮", category: "lighting"));
        await Json(await Act(grid, next, "accept"), HttpStatusCode.OK);
        var gridPage = await (await grid.GetAsync($"/matters/{next}")).Content.ReadAsStringAsync();
        Assert.Contains("下一步：网格办理", gridPage);
        Assert.Matches("class=\"btn btn-hy\" type=\"submit\" id=\"do-start\"", gridPage);
        Assert.Matches("class=\"btn btn-outline-secondary\" type=\"submit\" id=\"do-resolve\"", gridPage);

        await Json(await Act(grid, next, "escalate", new { reason = "需要专业单位" }), HttpStatusCode.OK);
        var staffPage = await (await staff.GetAsync($"/matters/{next}")).Content.ReadAsStringAsync();
        Assert.Contains("下一步：派单", staffPage);
        var suggested = Regex.Match(staffPage, "<optgroup label=\"本社区曾办理同类事项\">\\s*<option value=\"(\\d+)\" selected=\"selected\">[^<]*（已办 (\\d+) 件）");
        Assert.True(suggested.Success, "the unit that handled lighting here before is suggested and chosen");
        string unresolvedCategory;
        await using (var db = app.Database())
        {
            // The suggestion is the unit with most lighting matters resolved in 府前 (the centre is among them now).
            var handled = await db.Matters.Where(m => m.CommunityCode == Fuqian && m.CategoryCode == "lighting" && m.UnitId != null && m.WasResolved && m.Id != next)
                .GroupBy(m => m.UnitId!.Value).Select(g => new { Unit = g.Key, Count = g.Count() }).ToListAsync();
            Assert.Contains(handled, h => h.Unit == demo.ProjectCentreId);
            var chosen = handled.Single(h => h.Unit.ToString(System.Globalization.CultureInfo.InvariantCulture) == suggested.Groups[1].Value);
            Assert.Equal(handled.Max(h => h.Count), chosen.Count);
            Assert.Equal(chosen.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), suggested.Groups[2].Value);
            var used = await db.Matters.Where(m => m.CommunityCode == Fuqian && m.UnitId != null && m.WasResolved).Select(m => m.CategoryCode).Distinct().ToListAsync();
            unresolvedCategory = (await db.Set<Huying.Modules.Matters.MatterCategory>().Where(c => c.Active && !db.Set<Huying.Modules.Matters.MatterCategory>().Any(x => x.ParentCode == c.Code)).Select(c => c.Code).ToListAsync()).First(c => !used.Contains(c));
        }

        // A category no unit handled here yet pre-selects nothing.
        var fresh = Id(await RaiseAsync(grid, "派单建议：河边三巷井盖缺失", category: unresolvedCategory));
        await Json(await Act(grid, fresh, "accept"), HttpStatusCode.OK);
        await Json(await Act(grid, fresh, "escalate", new { reason = "需要专业单位" }), HttpStatusCode.OK);
        var freshPage = await (await staff.GetAsync($"/matters/{fresh}")).Content.ReadAsStringAsync();
        Assert.Contains("<option value=\"\" selected>请选择单位</option>", freshPage);
    }

    [Fact]
    public async Task TheKpiPageOpensOnThisMonthWithEveryCommunityInScopeQuickPeriodsAndTheMonthBefore()
    {
        var county = await app.As("county");
        var today = DateOnly.FromDateTime(Huying.Platform.Web.Display.Local(DateTime.UtcNow));
        var first = new DateOnly(today.Year, today.Month, 1);
        var html = await (await county.GetAsync("/matters/kpis")).Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{first:yyyy-MM-dd}\"", html);
        Assert.Contains($"{first.AddMonths(-1):yyyy-MM-dd} 至 {first.AddDays(-1):yyyy-MM-dd}", html);
        foreach (var quick in new[] { "本月", "上月", "本季度", "本年" })
        {
            Assert.Contains($">{quick}</a>", html);
        }
        List<string> communities;
        await using (var db = app.Database())
        {
            communities = await db.Communities.Where(c => c.Code.StartsWith("140827")).Select(c => c.Code).ToListAsync();
        }
        Assert.True(communities.Count >= 15, "the demo county has its 15 communities");
        foreach (var code in communities)
        {
            Assert.Contains($"data-key=\"{code}\"", html);
        }
        // Last year's first month has no matter at all: every community says so instead of vanishing.
        var quiet = await (await county.GetAsync($"/matters/kpis?from={today.Year - 1}-01-01&to={today.Year - 1}-01-31")).Content.ReadAsStringAsync();
        Assert.Equal(communities.Count, Regex.Matches(quiet, "暂无数据：本时段没有提出或办结的事项").Count);
        Assert.Contains("上期暂无数据", quiet);
        // The navigation leads there for those who read KPIs, and not for residents.
        Assert.Contains("id=\"nav-kpis\"", html);
        Assert.DoesNotContain("id=\"nav-kpis\"", await (await (await app.As("resident")).GetAsync("/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KpisCountANewMatterAndRollupsAgreeWithTheMatters()
    {
        var county = await app.As("county");
        var today = DateOnly.FromDateTime(Huying.Platform.Web.Display.Local(DateTime.UtcNow));
        var url = $"/api/kpis/matters?division=140827&from={today.AddDays(-400):yyyy-MM-dd}&to={today:yyyy-MM-dd}&groupBy=community";
        var before = await Json(await county.GetAsync(url), HttpStatusCode.OK);
        var grid = await app.As("fuqian.grid");
        var id = Id(await RaiseAsync(grid, "河边三巷排水沟堵塞"));
        await Json(await Act(grid, id, "accept"), HttpStatusCode.OK);
        var after = await Json(await county.GetAsync(url), HttpStatusCode.OK);
        JsonElement Fuqian_(JsonElement r) => r.GetProperty("rows").EnumerateArray().Single(x => x.GetProperty("key").GetString() == Fuqian);
        Assert.Equal(Fuqian_(before).GetProperty("submitted").GetInt32() + 1, Fuqian_(after).GetProperty("submitted").GetInt32());

        // 府前's row against DESIGN's definitions, counted here from the matters' own facts over the same local days.
        await using (var facts = app.Database())
        {
            var start = today.AddDays(-400).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            var end = today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            var ms = await facts.Matters.Where(m => m.CommunityCode == Fuqian && m.Counted && m.SubmittedAt >= start && m.SubmittedAt < end)
                .Select(m => new { m.WasAccepted, m.AcceptedOnTime, m.WasResolved, m.ResolvedOnTime, m.Rated, m.Satisfied, m.ReopenCount, m.ExtensionCount })
                .ToListAsync();
            static double? Rate(int n, int d) => d == 0 ? null : Math.Round((double)n / d, 4);
            var resolved = ms.Count(m => m.WasResolved);
            var accepted = ms.Count(m => m.WasAccepted);
            var rated = ms.Count(m => m.Rated);
            var row = Fuqian_(after);
            Assert.Equal(ms.Count, row.GetProperty("submitted").GetInt32());
            Assert.True(resolved > 0 && rated > 0, "the demo has resolved and rated matters in 府前");
            Assert.Equal(Rate(ms.Count(m => m.AcceptedOnTime), ms.Count), row.GetProperty("responseRate").GetDouble());
            Assert.Equal(Rate(resolved, ms.Count), row.GetProperty("resolutionRate").GetDouble());
            Assert.Equal(Rate(ms.Count(m => m.WasResolved && m.ResolvedOnTime), resolved), row.GetProperty("onTimeRate").GetDouble());
            Assert.Equal(Rate(ms.Count(m => m.Rated && m.Satisfied), rated), row.GetProperty("satisfactionRate").GetDouble());
            Assert.Equal(Rate(ms.Count(m => m.WasResolved && m.ReopenCount > 0), resolved), row.GetProperty("reworkRate").GetDouble());
            Assert.Equal(Rate(ms.Count(m => m.WasAccepted && m.ExtensionCount > 0), accepted), row.GetProperty("extensionRate").GetDouble());
        }

        // A month with no matters has no data, not 0 %.
        var empty = await Json(await county.GetAsync("/api/kpis/matters?division=140827&from=2020-01-01&to=2020-01-31&groupBy=none"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("total").GetProperty("responseRate").ValueKind);

        // A grid worker's KPIs cover their grid only.
        var own = await Json(await grid.GetAsync(url.Replace("groupBy=community", "groupBy=grid")), HttpStatusCode.OK);
        Assert.Single(own.GetProperty("rows").EnumerateArray());

        await using var db = app.Database();
        // Month rows and day rows each add up to the matters.
        var counted = await db.Matters.CountAsync(m => m.Counted);
        Assert.Equal(counted, await db.MatterRollups.Where(r => r.Period < 1_000_000).SumAsync(r => r.Submitted));
        Assert.Equal(counted, await db.MatterRollups.Where(r => r.Period >= 1_000_000).SumAsync(r => r.Submitted));
        Assert.Equal(await db.Matters.CountAsync(m => m.Counted && m.WasResolved), await db.MatterRollups.Where(r => r.Period < 1_000_000).SumAsync(r => r.Resolved));
        Assert.Equal(await db.Matters.CountAsync(m => m.Counted && m.Rated && m.Satisfied), await db.MatterRollups.Where(r => r.Period >= 1_000_000).SumAsync(r => r.Satisfied));
    }

    [Fact]
    public async Task HotlineOrdersImportOnceAndBadRowsAreReportedWithTheirReason()
    {
        var staff = await app.As("fuqian.staff");
        var order = $"12345-{Guid.NewGuid():N}"[..30];
        var csv = "工单编号,来电时间,诉求分类,地址,诉求内容,来电号码\n"
            + $"{order},2026-11-20 09:30,排水,府前社区河边三巷,巷口下雨积水，老人出行不便,0359-6021234\n"
            + $"{order}-B,昨天,道路,府前社区河边二巷,路面坑洼,\n"
            + $"{order}-C,2026-11-21 10:00,其他,学苑社区晋海花园,楼道灯不亮,\n";
        async Task<string> ImportAsync()
        {
            var page = await staff.GetAsync("/matters/import");
            var html = await page.Content.ReadAsStringAsync();
            using var form = new MultipartFormDataContent
            {
                { new StringContent(Pages.AntiforgeryToken(html)), "__RequestVerificationToken" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "orders.csv" },
            };
            var response = await staff.PostAsync("/matters/import", form);
            return await response.Content.ReadAsStringAsync();
        }
        var first = await ImportAsync();
        Assert.True(first.Contains("导入 1 条", StringComparison.Ordinal), first);
        Assert.Contains("来电时间格式不对", first);
        Assert.Contains("地址中没有您管辖范围内的社区或地点", first);
        var second = await ImportAsync();
        Assert.Contains("导入 0 条", second);
        Assert.Contains("1 条已导入过", second);
        await using var db = app.Database();
        var imported = await db.Matters.SingleAsync(m => m.HotlineOrderNo == order);
        Assert.Equal(MatterChannel.Hotline, imported.Channel);
        Assert.Equal("drainage", imported.CategoryCode);
        Assert.Equal("035*****1234", imported.ReporterPhoneMasked);
        Assert.NotNull(imported.GridId);
    }

    [Fact]
    public async Task SimilarMattersInOneGridAreOfferedForMergingAndTheResidentFollowsTheSurvivor()
    {
        var grid = await app.As("fuqian.grid");
        var staff = await app.As("fuqian.staff");
        var first = await RaiseAsync(grid, "河边三巷东口的下水道堵了，污水漫到路上");
        var second = await RaiseAsync(grid, "河边三巷东口下水道堵了，污水都漫到路上了", phone: Synthetic.Phone());
        var duplicates = await Json(await staff.GetAsync($"/api/matters/{Id(second)}/duplicates"), HttpStatusCode.OK);
        Assert.Contains(duplicates.GetProperty("items").EnumerateArray(), d => Id(d) == Id(first));
        // The grid worker who recorded it sees them too, without the merge button (staff merge).
        var page = await grid.GetStringAsync($"/matters/{Id(second)}");
        Assert.Contains("可能重复的事项", page);
        Assert.DoesNotContain("合并到此事项", page);
        var merged = await Json(await Act(staff, Id(second), "merge", new { intoId = Id(first) }), HttpStatusCode.OK);
        Assert.Equal("merged", merged.GetProperty("state").GetString());
        await Json(await Act(grid, Id(first), "accept"), HttpStatusCode.OK);
        await using var db = app.Database();
        var survivorNotices = await db.Notifications.Where(n => n.SubjectType == "Matter" && n.SubjectId == Id(first) && n.Channel == NotificationChannel.Sms).ToListAsync();
        var secondPhone = (await db.Matters.SingleAsync(m => m.Id == Id(second))).ReporterPhoneCipher;
        Assert.Contains(survivorNotices, n => n.PhoneCipher == secondPhone && n.Kind == "Matter accepted");
        var tracked = await app.Anonymous().GetStringAsync($"/track/{second.GetProperty("trackingCode").GetString()}");
        Assert.Contains(first.GetProperty("trackingCode").GetString()!, tracked);
    }

    [Fact]
    public async Task TheAdministratorGrowsTheCategoryTreeAndItBecomesAnOpen311Service()
    {
        var admin = await app.As("admin");
        var code = $"snow-{Guid.NewGuid():N}"[..12];
        async Task<HttpResponseMessage> AddAsync(HttpClient client, string newCode, string respond)
        {
            var html = await (await client.GetAsync("/matters/categories")).Content.ReadAsStringAsync();
            return await client.PostAsync("/matters/categories?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["newCode"] = newCode, ["parentCode"] = "roads", ["name"] = "积雪清扫", ["nameEn"] = "Snow clearing", ["respondHours"] = respond,
                ["resolveHours"] = "24", ["verifyHours"] = "24", ["__RequestVerificationToken"] = Pages.AntiforgeryToken(html),
            }));
        }
        var bad = await AddAsync(admin, "雪", "2");
        Assert.Contains("代码为 2 至 40 位小写字母", await bad.Content.ReadAsStringAsync());
        var slow = await AddAsync(admin, code, "48");
        Assert.Contains("响应时限不得长于办结时限", await slow.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(admin, code, "2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AddAsync(await app.As("fuqian.staff"), code + "x", "2")).StatusCode);

        var categories = await Json(await app.Anonymous().GetAsync("/api/matters/categories"), HttpStatusCode.OK);
        var added = categories.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);
        Assert.Equal("roads", added.GetProperty("parentCode").GetString());
        Assert.Equal(2.0, added.GetProperty("respondHours").GetDouble());
        var services = await app.Anonymous().GetStringAsync("/open311/v2/services.json");
        Assert.Contains(code, services);
        await using var db = app.Database();
        Assert.False(await db.MatterCategories.AnyAsync(c => c.Code == code + "x" || c.Code == "雪"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MatterTestsOnSqlite(SqliteApp app) : MatterTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MatterTestsOnPostgres(PostgresApp app) : MatterTests(app);
