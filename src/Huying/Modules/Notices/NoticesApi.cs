using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Xml;
using Huying.Platform.Accounts;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Notices;

public sealed record ChainStatus(bool Intact, int? FirstBrokenVersion);

public static class NoticesApi
{
    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notices").WithTags("Notices").RequireAuthorization(Policies.Staff);

        group.MapGet("/", async Task<Ok<ListOf<NoticeListItem>>> (string? community, NoticeService service, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<NoticeListItem>(await service.ListAsync(community, ct))))
            .WithSummary("Notices in scope, newest first");

        group.MapGet("/{id:long}", async Task<Results<Ok<NoticeDto>, NotFound<ProblemDetailsBody>>> (long id, NoticeService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } n ? TypedResults.Ok(n) : ProblemSetup.NotFound())
            .WithSummary("A notice with every version and every objection");

        group.MapPost("/", async Task<Created<NoticeDto>> (NoticeInput input, NoticeService service, CancellationToken ct) =>
        {
            var notice = await service.CreateAsync(input, ct);
            return TypedResults.Created($"/api/notices/{notice.Id}", (await service.GetAsync(notice.Id, ct))!);
        }).ProducesValidationProblem().WithSummary("Publish a notice").RequireAuthorization(Policies.CommunityStaff);

        group.MapChange<Notice, ReviseInput, NoticeDto>("/{id:long}/versions", (c, id) => c.Service<NoticeService>().FindAsync(id, c.Ct), async (c, notice, body) =>
        {
            await c.Service<NoticeService>().ReviseAsync(notice, body, c.Ct);
            return await c.Service<NoticeService>().GetAsync(notice.Id, c.Ct);
        }, new ReviseInput(null, null, null)).WithSummary("Correct a notice: a new version chained to the last").RequireAuthorization(Policies.CommunityStaff);

        group.MapGet("/{id:long}/verify", async Task<Results<Ok<ChainStatus>, NotFound<ProblemDetailsBody>>> (long id, NoticeService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } n
                ? TypedResults.Ok(new ChainStatus(n.ChainIntact, n.FirstBrokenVersion))
                : ProblemSetup.NotFound())
            .WithSummary("Check the notice's version chain");

        group.MapChange<Objection, AnswerInput, ObjectionDto>("/objections/{id:long}/answer", (c, id) => c.Service<NoticeService>().FindObjectionAsync(id, c.Ct),
            async (c, objection, body) =>
            {
                await c.Service<NoticeService>().AnswerAsync(objection, body, c.Ct);
                return new ObjectionDto(objection.Id, objection.Name ?? "", objection.PhoneMasked, objection.Content, objection.PublicContent, objection.Status,
                    objection.Answer, objection.AnsweredAt, objection.CreatedAt);
            }, new AnswerInput(null, false, null)).WithSummary("Answer an objection and publish or withhold its text").RequireAuthorization(Policies.CommunityStaff);

        app.MapGet("/c/{community}/notices/feed", async (string community, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            var name = await service.CommunityNameAsync(community, ct);
            if (name is null)
            {
                return Results.NotFound();
            }
            var items = await service.PublicBoardAsync(community, null, ct);
            return Results.Text(Atom(community, name, items, PublicUrl.Trusted(http) ?? ""), "application/atom+xml; charset=utf-8", Encoding.UTF8);
        }).WithTags("Public").WithSummary("The community's notices as an Atom feed").RequireRateLimiting(RateLimits.Public).AllowAnonymous();

        return app;
    }

    /// <summary>Atom 1.0 (RFC 4287): one entry per published notice.</summary>
    private static string Atom(string community, string name, List<NoticeListItem> items, string baseUrl)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), Async = false };
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, settings))
        {
            const string ns = "http://www.w3.org/2005/Atom";
            // Links are absolute under the configured address, else relative to the feed itself (a Host header is
            // never echoed); ids are tag URIs, the same whatever address the feed was read at.
            var board = $"{baseUrl}/c/{community}/notices";
            var tag = $"tag:huying,2026:c/{community}/notices";
            w.WriteStartDocument();
            w.WriteStartElement("feed", ns);
            w.WriteElementString("title", ns, SafeXml.Clean(Tr.Public("Notice board of {0}", name)));
            w.WriteElementString("id", ns, tag);
            w.WriteElementString("updated", ns, Rfc3339(items.Count == 0 ? DateTime.UnixEpoch : items.Max(i => i.PublishedAt)));
            Link(w, ns, board, "alternate");
            Link(w, ns, board + "/feed", "self");
            w.WriteStartElement("author", ns);
            w.WriteElementString("name", ns, Tr.Public("Huying"));
            w.WriteEndElement();
            foreach (var item in items)
            {
                var url = $"{board}/{item.Id}";
                w.WriteStartElement("entry", ns);
                w.WriteElementString("title", ns, SafeXml.Clean(item.Title));
                w.WriteElementString("id", ns, $"{tag}/{item.Id}");
                w.WriteElementString("updated", ns, Rfc3339(item.PublishedAt));
                Link(w, ns, url, "alternate");
                w.WriteStartElement("category", ns);
                w.WriteAttributeString("term", System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(item.Kind.ToString()));
                w.WriteEndElement();
                w.WriteElementString("summary", ns, SafeXml.Clean(Tr.Public(item.Kind.ToString()) + (item.Area is null ? "" : " · " + item.Area)
                    + (item.CurrentVersion > 1 ? " · " + Tr.Public("version {0}", item.CurrentVersion) : "")));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Link(XmlWriter w, string ns, string href, string rel)
    {
        w.WriteStartElement("link", ns);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    private static string Rfc3339(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
