using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace Huying.Tests.Platform;

/// <summary>
/// Two app instances on one PostgreSQL database, each on a real loopback port, behind a round-robin reverse proxy
/// (YARP in the test host) as a county's nginx would put them, nothing sticky: one key ring, one chain, one cache
/// truth, one folder of uploads. The proxy adds a header saying which instance answered; tests that need one
/// instance in particular call it directly.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public const string Upstream = "X-Test-Upstream";
    public readonly string Files = Path.Combine(Path.GetTempPath(), $"huying-shared-files-{Guid.NewGuid():N}");
    private WebApplication proxy = null!;

    public HuyingFactory First { get; private set; } = null!;
    public HuyingFactory Second { get; private set; } = null!;

    /// <summary>The proxy's address.</summary>
    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        First = await HuyingFactory.CreateAsync(DatabaseProvider.Postgres);
        Second = new HuyingFactory(DatabaseProvider.Postgres, First.ConnectionString);
        // The chain's key is configuration every instance shares (the key ring is in the database); so is the folder.
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var upstreams = new Dictionary<string, DestinationConfig>();
        foreach (var (instance, name) in new[] { (First, "first"), (Second, "second") })
        {
            instance.Settings["Audit:Key"] = key;
            instance.Settings["Files:Root"] = Files;
            instance.UseKestrel(0);
            instance.StartServer();
            upstreams[name] = new DestinationConfig { Address = AddressOf(instance) };
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                [new RouteConfig { RouteId = "all", ClusterId = "huying", Match = new RouteMatch { Path = "{**rest}" } }],
                [new ClusterConfig { ClusterId = "huying", LoadBalancingPolicy = "RoundRobin", Destinations = upstreams }])
            .AddTransforms(t => t.AddResponseTransform(c =>
            {
                c.HttpContext.Response.Headers[Upstream] = c.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.DestinationId;
                return ValueTask.CompletedTask;
            }));
        proxy = builder.Build();
        proxy.MapReverseProxy();
        await proxy.StartAsync();
        Address = proxy.Urls.First();
    }

    /// <summary>An instance's own address, past the proxy.</summary>
    public static string AddressOf(HuyingFactory instance) =>
        instance.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

    public async Task DisposeAsync()
    {
        await proxy.DisposeAsync();
        await Second.DisposeAsync();
        await First.DisposeAsync();
        if (Directory.Exists(Files))
        {
            Directory.Delete(Files, true);
        }
    }
}

/// <summary>Two instances behind one proxy (<see cref="TwoInstances"/>) act as one app.</summary>
public sealed class TwoInstanceTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private const string Fuqian = DemoRecords.Fuqian;
    private readonly HuyingFactory first = instances.First;
    private readonly HuyingFactory second = instances.Second;
    private readonly string address = instances.Address;
    private readonly string files = instances.Files;

    /// <summary>A browser of its own: cookies kept, redirects not followed.</summary>
    private HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };

    private static string From(HttpResponseMessage response) => response.Headers.GetValues(TwoInstances.Upstream).Single();

    [Fact]
    public async Task ATokenIssuedByOneInstanceIsTakenByTheOther()
    {
        var token = await first.CreateClient().TokenAsync("fuqian.staff");
        var other = second.CreateClient().WithBearer(token);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/home")).StatusCode);
    }

    [Fact]
    public async Task APageKeptByOneInstanceIsForgottenWhenTheOtherPublishes()
    {
        var board = $"/c/{Fuqian}/notices";
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync(board)).StatusCode);
        Assert.NotNull((await second.CreateClient().GetAsync(board)).Headers.Age);

        var title = "另一实例发布的公示" + Guid.NewGuid().ToString("N")[..6];
        var staff = first.CreateClient().WithBearer(await first.CreateClient().TokenAsync("fuqian.staff"));
        var published = await staff.PostAsJsonAsync("/api/notices", new
        {
            communityCode = Fuqian, kind = "partyAffairs", title, body = "两个实例共用一个数据库。", objectionDays = 0, publishDays = 10,
        });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        // The notice reaches the other instance over PostgreSQL's NOTIFY, well within the five minutes a page is kept.
        for (var i = 0; i < 100 && !(await second.CreateClient().GetStringAsync(board)).Contains(title, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }
        Assert.Contains(title, await second.CreateClient().GetStringAsync(board));
    }

    [Fact]
    public async Task BothInstancesWritingAtOnceKeepOneIntactChain()
    {
        var clients = new[] { first, second }.Select(f => f.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri(TwoInstances.AddressOf(f)) })).ToArray();
        var token = await clients[0].TokenAsync("fuqian.staff");
        foreach (var client in clients)
        {
            client.WithBearer(token);
        }
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => clients[i % 2].PostAsJsonAsync("/api/matters", new
        {
            categoryCode = "drainage", description = $"两个实例同时受理 {i}", communityCode = Fuqian, address = "府前社区河边三巷",
        })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        await using var db = first.Services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System);
        var verified = await AuditVerifier.VerifyAsync(db);
        Assert.True(verified.Intact, verified.Reason);
    }

    [Fact]
    public async Task ASignInOnOneInstanceIsHonouredByTheOtherAndItsFormsPostToEither()
    {
        using var browser = Browser();
        var login = await browser.GetAsync("/account/login");
        var token = Pages.AntiforgeryToken(await login.Content.ReadAsStringAsync());
        var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "fuqian.staff", ["Input.Password"] = ClientExtensions.Password, ["__RequestVerificationToken"] = token,
        }));
        // The form came from one instance and was taken by the other: one key ring for antiforgery and cookies.
        Assert.NotEqual(From(login), From(signIn));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var answeredBy = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            var home = await browser.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("府前社区", await home.Content.ReadAsStringAsync());
            answeredBy.Add(From(home));
        }
        Assert.Equal(["first", "second"], answeredBy.Order());

        // A staff form read from one instance and posted to the other: a notice drafted, then on the board.
        var title = "经代理发布的公示" + Guid.NewGuid().ToString("N")[..6];
        var form = await browser.GetAsync("/notices");
        var draft = await browser.PostAsync("/notices", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.CommunityCode"] = DemoRecords.Fuqian, ["Input.Kind"] = "partyAffairs", ["Input.Title"] = title,
            ["Input.Body"] = "两个实例，一个代理，一次登录。", ["Input.ObjectionDays"] = "0", ["Input.PublishDays"] = "10",
            ["__RequestVerificationToken"] = Pages.AntiforgeryToken(await form.Content.ReadAsStringAsync()),
        }));
        Assert.NotEqual(From(form), From(draft));
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
    }

    [Fact]
    public async Task APhotoAResidentSendsThroughOneInstanceIsShownByTheOther()
    {
        using var resident = Browser();
        var page = await resident.GetAsync($"/c/{DemoRecords.Fuqian}/matters/new");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("drainage"), "Input.CategoryCode" },
            { new StringContent("经代理上报：河边三巷雨后积水"), "Input.Description" },
            { new StringContent("府前社区河边三巷"), "Input.Address" },
            { new StringContent(Pages.AntiforgeryToken(await page.Content.ReadAsStringAsync())), "__RequestVerificationToken" },
        };
        var photo = new ByteArrayContent(TestFiles.Png);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(photo, "Input.Photos", "water.png");
        var raised = await resident.PostAsync($"/c/{DemoRecords.Fuqian}/matters/new", form);
        Assert.NotEqual(From(page), From(raised));
        Assert.True(raised.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{raised.StatusCode}");

        // Staff open the matter's photo twice: one of the two answers comes from the instance that did not store it.
        using var staff = new HttpClient { BaseAddress = new Uri(address) };
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await staff.TokenAsync("fuqian.staff"));
        await using var db = first.Services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System);
        var (file, stored) = db.Attachments.Where(f => f.OwnerType == nameof(Matter)).OrderByDescending(f => f.Id).Select(f => new Tuple<long, string>(f.Id, f.StoragePath)).First();
        var servedBy = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            var shown = await staff.GetAsync($"/files/{file}");
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Equal(TestFiles.Png.Length, (await shown.Content.ReadAsByteArrayAsync()).Length);
            servedBy.Add(From(shown));
        }
        Assert.Equal(2, servedBy.Count);

        // A file gone from the store (removed by hand, or an instance not pointed at the shared folder) is a 404 with
        // its reason in the log, never a 500.
        File.Delete(Path.Combine(files, stored));
        var gone = await staff.GetAsync($"/files/{file}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
