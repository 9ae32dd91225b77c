using Huying.Modules.Pledges;
using System.Net;
using System.Net.Http.Json;
using Huying.Modules.Volunteering;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Platform;

/// <summary>
/// Every route and page handler the app maps (read from its <see cref="EndpointDataSource"/>) × every demo user →
/// the expected answer. The table fails closed: a route or handler the app maps without an entry here fails the
/// test, and so does an entry for something the app no longer maps. Changes are probed with requests that the rules
/// refuse or that only add rows, on a database of the matrix's own.
/// </summary>
public abstract partial class AuthorizationMatrixTests(AppFixture app)
{
    /// <summary>What the app maps: "METHOD /route" for endpoints, "METHOD /route (Handler)" for named page handlers.</summary>
    private async Task<Dictionary<string, bool>> MappedAsync()
    {
        var mapped = new Dictionary<string, bool>();
        var loader = app.Factory.Services.GetRequiredService<PageLoader>();
        foreach (var e in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var handlers = (await loader.LoadAsync(page, e.Metadata)).HandlerMethods;
                if (handlers.Count == 0)
                {
                    mapped[$"GET {route}"] = true;
                }
                foreach (var h in handlers)
                {
                    mapped[$"{h.HttpMethod.ToUpperInvariant()} {route}{(h.Name is null ? "" : $" ({h.Name})")}"] = true;
                }
            }
            else
            {
                foreach (var method in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    mapped[$"{method} {route}"] = false;
                }
            }
        }
        return mapped;
    }

    [Fact]
    public async Task EveryMappedRouteAndPageHandlerHasAnExpectationAndEveryExpectationAMappedRoute()
    {
        var mapped = await MappedAsync();
        var expected = Probes.Select(p => p.Key).ToHashSet();
        Assert.True(mapped.Count > 150, $"only {mapped.Count} routes found: the endpoint reading is broken");
        var missing = mapped.Keys.Where(k => !expected.Contains(k)).Order().ToList();
        var stale = expected.Where(k => !mapped.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Routes and handlers without an expectation (add them to the table):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Expectations for nothing the app maps:\n" + string.Join("\n", stale));
        var pages = mapped.Where(m => m.Value).Select(m => m.Key).ToHashSet();
        Assert.All(Probes, p => Assert.True(p.Page == pages.Contains(p.Key), $"{p.Key} is {(pages.Contains(p.Key) ? "a page" : "an endpoint")}"));
    }

    [Fact]
    public async Task EveryRouteAndPageHandlerAnswersEveryDemoUserAsTheTableSays()
    {
        var ids = await Ids.ArrangeAsync(app);
        var failures = new List<string>();
        foreach (var user in DemoUsers.All)
        {
            var client = user == "" ? app.Anonymous() : await app.As(user);
            var token = Pages.AntiforgeryToken(await client.GetStringAsync(user == "" ? "/account/login" : "/notifications"));
            if (user.StartsWith("jingcun.", StringComparison.Ordinal))
            {
                // A care worker says once per session why they read health records.
                (await client.PostAsJsonAsync("/api/health/purpose", new { purpose = "qualityReview" })).EnsureSuccessStatusCode();
            }
            // Signing out ends the user's token: those two go last, with a new token between them.
            foreach (var probe in Probes.OrderBy(p => p.Key switch { "POST /account/logout" => 1, "POST /api/auth/logout" => 2, _ => 0 }))
            {
                if (probe.Key == "POST /api/auth/logout" && user != "")
                {
                    app.ForgetToken(user);
                    client = await app.As(user);
                }
                var expected = probe.Expected(user);
                using var request = new HttpRequestMessage(new HttpMethod(probe.Key[..probe.Key.IndexOf(' ')]), probe.Url(ids));
                if (probe.Form is { } form)
                {
                    var fields = form(ids);
                    fields["__RequestVerificationToken"] = token;
                    if (probe.Multipart)
                    {
                        var parts = new MultipartFormDataContent();
                        foreach (var (name, value) in fields)
                        {
                            parts.Add(new StringContent(value), name);
                        }
                        request.Content = parts;
                    }
                    else
                    {
                        request.Content = new FormUrlEncodedContent(fields);
                    }
                }
                else if (probe.Body?.Invoke(ids) is { } body)
                {
                    request.Content = JsonContent.Create(body);
                }
                using var response = await client.SendAsync(request);
                var actual = Outcome(response);
                if (!Matches(expected, actual))
                {
                    var detail = (int)response.StatusCode >= 400 ? " " + Shorten(await response.Content.ReadAsStringAsync()) : "";
                    failures.Add($"{(user == "" ? "anonymous" : user)} · {probe.Key} {probe.Url(ids)}: expected {expected}, got {actual}{detail}");
                }
            }
        }
        foreach (var user in DemoUsers.All)
        {
            app.ForgetToken(user);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} answers differ from the table:\n" + string.Join("\n", failures));
    }

    private static string Shorten(string body) =>
        body.StartsWith('{') ? (body.Length > 200 ? body[..200] : body) : System.Text.RegularExpressions.Regex.Match(body, "<title>([^<]*)</title>").Groups[1].Value;

    private static string Outcome(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            ? $"302>{(response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : response.Headers.Location?.OriginalString.Split('?')[0])}"
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"302>*" is a redirect anywhere but the sign-in and access-denied pages (a change that went through).</summary>
    private static bool Matches(string expected, string actual) =>
        expected == "302>*" ? actual.StartsWith("302>", StringComparison.Ordinal) && actual is not ("302>/account/login" or "302>/account/denied")
            : expected == actual;

    /// <summary>One expectation: the request, who may (others: 401/403, or the sign-in/denied page), and the answer in and out of scope.</summary>
    internal sealed record Probe(string Key, Func<Ids, string> Url, string[] Allowed, string[] InScope, string Ok, string OutOfScope = "404",
        Func<Ids, object?>? Body = null, Func<Ids, Dictionary<string, string>>? Form = null, bool Page = false, bool Multipart = false)
    {
        /// <summary>An /api route answers 401 to the anonymous; a page or file sends them to sign in. A bearer token's
        /// refusal is 403 either way (a browser's cookie would be sent to the access-denied page).</summary>
        public string Expected(string user) =>
            !Allowed.Contains(user) ? (user == "" ? (Key.Contains(" /api/", StringComparison.Ordinal) ? "401" : "302>/account/login") : "403")
            : InScope.Contains(user) ? Ok
            : OutOfScope;
    }

    /// <summary>Records the probes name, looked up once (and a photo attached to a 河边网格 matter for the file route).</summary>
    internal sealed record Ids(DemoRecords D, long HebianBuilding, string MatterCode, string TopicCode, string ObjectionCode,
        long FuqianJointMeeting, long DoneMilestone, long OpenMilestone, long FuqianMember, long FuqianTask, long FuqianRecord, long Photo,
        long XueyuanVenue, long HebianNotification, long StudyRoom, long StudyRoomPlace, long VolunteerPastPlace, long FuqianVolunteer,
        long XueyuanTeam, long XueyuanTeamLeader, string TeamFeedKey, string VolunteerFeedKey, long PeishePledge,
        long XueyuanCase, string XueyuanCaseCode, long YongjiNationalSite, long YongjiHazard, long YongjiVisit, long YongjiEvent,
        long JingcunRecord, long JingcunEnrolment, long JingcunReferral, long FuqianBriefing, long FuqianPublishedBriefing)
    {
        /// <summary>A kept briefing of 府前 (a draft, or published already: what a probe may publish or edit without changing it).</summary>
        private static async Task<long> FuqianBriefingAsync(Huying.Platform.Data.HuyingDbContext db, Huying.Modules.Dashboard.BriefingStatus status)
        {
            var issue = new Huying.Modules.Dashboard.BriefingIssue
            {
                Division = DemoRecords.Fuqian, DivisionName = "府前", Title = "府前党建引领基层治理工作简报", CreatedBy = "matrix", Status = status,
                Sections = [new() { Practice = "党建+驻区单位", Generated = "府前社区“大党委”成员单位15家。", Text = "府前社区“大党委”成员单位15家。", FiguresJson = "[]" }],
            };
            db.Add(issue);
            await db.SaveChangesAsync();
            return issue.Id;
        }

        /// <summary>A notice to the 河边 grid's level about its matter (what a grid worker, its leader and the community staff read).</summary>
        private static async Task<long> HebianNotificationAsync(Huying.Platform.Data.HuyingDbContext db, DemoRecords d)
        {
            var matter = await db.Matters.SingleAsync(m => m.Id == d.HebianMatter);
            var notice = new Huying.Platform.Notifications.Notification
            {
                CreatedAt = DateTime.UtcNow, SubjectType = "Matter", SubjectId = matter.Id, Link = $"/matters/{matter.Id}", Kind = "Matter dispatched to you",
                Subject = matter.TrackingCode, CommunityCode = matter.CommunityCode, GridId = matter.GridId,
                Audience = Huying.Platform.Notifications.Audience.Handler, Channel = Huying.Platform.Notifications.NotificationChannel.InApp, DeliveredAt = DateTime.UtcNow,
            };
            db.Add(notice);
            await db.SaveChangesAsync();
            return notice.Id;
        }

        public static async Task<Ids> ArrangeAsync(AppFixture app)
        {
            var d = await DemoRecords.LoadAsync(app);
            await using var db = app.Database();
            var photo = new FormFile(new MemoryStream(TestFiles.Png), 0, TestFiles.Png.Length, "photos", "matrix.png")
            {
                Headers = new HeaderDictionary(), ContentType = "image/png",
            };
            var saved = await app.Service<FileStore>().SaveAsync(db, nameof(Huying.Modules.Matters.Matter), d.HebianMatter, [photo], "photos", default);
            var studyRoom = await db.Activities.Where(a => a.Title == "“985”学堂 · 周五课业辅导").Select(a => a.Id).SingleAsync();
            var team = await db.VolunteerTeams.Where(t => t.CommunityCode == DemoRecords.Xueyuan).Select(t => t.Id).SingleAsync();
            var volunteerUser = await db.Users.Where(u => u.UserName == "volunteer").Select(u => u.Id).SingleAsync();
            var volunteer = await db.Volunteers.Where(v => v.UserId == volunteerUser).Select(v => v.Id).SingleAsync();
            // A case accepted by its office (垣曲县人社局), waiting for the decision.
            var proxyCase = await db.Set<Huying.Modules.Proxy.ProxyApplication>()
                .Where(a => a.CommunityCode == DemoRecords.Xueyuan && a.State == Huying.Modules.Proxy.ProxyState.OfficeAccepted).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.TrackingCode }).FirstAsync();
            using var scope = app.Factory.Services.CreateScope();
            var feeds = scope.ServiceProvider.GetRequiredService<Huying.Modules.Volunteering.CalendarFeeds>();
            return new Ids(d,
                await db.Buildings.Where(b => b.CommunityCode == DemoRecords.Fuqian && b.Name == "河边三巷").Select(b => b.Id).SingleAsync(),
                await db.Matters.Where(m => m.Id == d.HebianMatter).Select(m => m.TrackingCode).SingleAsync(),
                await db.Topics.Where(t => t.Id == d.ParkingTopic).Select(t => t.TrackingCode).SingleAsync(),
                await db.Objections.Where(o => o.Id == d.ParkingObjection).Select(o => o.TrackingCode).SingleAsync(),
                await db.JointMeetings.Where(m => m.CommunityCode == DemoRecords.Fuqian).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(),
                await db.Milestones.Where(m => m.ProjectId == d.DitchProject && m.DoneOn != null).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(),
                await db.Milestones.Where(m => m.ProjectId == d.DitchProject && m.DoneOn == null).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(),
                await db.InServiceMembers.Where(m => m.CommunityCode == DemoRecords.Fuqian && m.PhoneCipher != null).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(),
                await db.ServiceTasks.Where(t => t.CommunityCode == DemoRecords.Fuqian).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync(),
                await db.ServiceRecords.Where(r => r.CommunityCode == DemoRecords.Fuqian).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(),
                saved.Single().Id,
                await db.Venues.Where(v => v.CommunityCode == DemoRecords.Xueyuan).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync(),
                await HebianNotificationAsync(db, d),
                studyRoom,
                await db.SignUps.Where(s => s.ActivityId == studyRoom && s.CheckedInAt != null).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                await db.SignUps.Where(s => s.VolunteerId == volunteer && s.CheckedInAt != null).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                volunteer,
                team,
                await db.VolunteerTeams.Where(t => t.Id == team).Select(t => t.LeaderId!.Value).SingleAsync(),
                feeds.KeyFor("team", team),
                feeds.KeyFor("volunteer", volunteer),
                await db.Pledges.Where(p => p.CommunityCode.StartsWith("140823109")).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
                proxyCase.Id, proxyCase.TrackingCode,
                await db.Set<Huying.Modules.Heritage.HeritageSite>().Where(x => x.CommunityCode.StartsWith("140881") && x.Level == Huying.Modules.Heritage.ProtectionLevel.National)
                    .OrderBy(x => x.Id).Select(x => x.Id).FirstAsync(),
                await db.Set<Huying.Modules.Heritage.HeritageHazard>().Where(h => h.CategoryCode == "heritage.crack").Select(h => h.MatterId).FirstAsync(),
                await db.Set<Huying.Modules.Heritage.HeritageVisit>().Where(v => v.State == Huying.Modules.Heritage.VisitState.Booked).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync(),
                await db.Set<Huying.Modules.Heritage.HeritageEvent>().Where(e => e.Attendance == null).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(),
                await db.Set<Huying.Modules.HealthAid.HealthRecord>().OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(),
                await db.Set<Huying.Modules.HealthAid.Enrolment>().OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(),
                await db.Set<Huying.Modules.HealthAid.Referral>().Where(r => r.State == Huying.Modules.HealthAid.ReferralState.Referred).OrderBy(r => r.Id)
                    .Select(r => r.Id).FirstAsync(),
                await FuqianBriefingAsync(db, Huying.Modules.Dashboard.BriefingStatus.Draft),
                await FuqianBriefingAsync(db, Huying.Modules.Dashboard.BriefingStatus.Published));
        }
    }
}

[Collection(SqliteMatrixCollection.Name)]
public sealed class AuthorizationMatrixTestsOnSqlite(SqliteMatrixApp app) : AuthorizationMatrixTests(app);

[Collection(PostgresMatrixCollection.Name)]
public sealed class AuthorizationMatrixTestsOnPostgres(PostgresMatrixApp app) : AuthorizationMatrixTests(app);
