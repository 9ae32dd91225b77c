using Huying.Modules.Organisation;
using System.Globalization;
using System.Text;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

/// <summary>
/// iCalendar (RFC 5545) feeds: a community's public activities at /c/{code}/volunteering.ics, a team's and a volunteer's
/// on private links (a signed key in the address, given on their pages). A recurring activity is one event with its
/// RRULE and its EXDATEs (holidays skipped, occurrences cancelled), times in the county's zone.
/// </summary>
public sealed class CalendarFeeds(HuyingDbContext db, Schedule schedule, IDataProtectionProvider protection, TimeProvider clock)
{
    private IDataProtector Keys => protection.CreateProtector("Huying.Volunteering.Feed");

    public string KeyFor(string kind, long id) => Keys.Protect($"{kind}:{id.ToString(CultureInfo.InvariantCulture)}");

    public bool Holds(string? key, string kind, long id)
    {
        try
        {
            return Keys.Unprotect(key ?? "") == $"{kind}:{id.ToString(CultureInfo.InvariantCulture)}";
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A community's activities from a month back on (public facts: titles, places, times).</summary>
    public async Task<string?> CommunityAsync(string code, CancellationToken ct)
    {
        var name = await db.Communities.IgnoreQueryFilters().AsNoTracking().Where(c => c.Code == code).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }
        var since = Now.AddDays(-31);
        var activities = await db.Activities.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.CommunityCode == code && a.CancelledAt == null && (a.Recurrence != null || a.StartsAt >= since))
            .OrderBy(a => a.StartsAt).Take(1000).ToListAsync(ct);
        return await WriteAsync(name + " · 志愿服务", activities, ct);
    }

    public async Task<string> TeamAsync(VolunteerTeam team, CancellationToken ct)
    {
        var since = Now.AddDays(-31);
        var activities = await db.Activities.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.TeamId == team.Id && a.CancelledAt == null && (a.Recurrence != null || a.StartsAt >= since))
            .OrderBy(a => a.StartsAt).Take(1000).ToListAsync(ct);
        return await WriteAsync(team.Name, activities, ct);
    }

    /// <summary>A volunteer's own places, one event per occurrence held.</summary>
    public async Task<string> VolunteerAsync(Volunteer volunteer, CancellationToken ct)
    {
        var since = Now.AddDays(-31);
        var places = await db.SignUps.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.VolunteerId == volunteer.Id && s.State == SignUpState.Taken && s.OccurrenceStart >= since)
            .OrderBy(s => s.OccurrenceStart).Take(1000).ToListAsync(ct);
        var ids = places.Select(p => p.ActivityId).Distinct().ToList();
        var activities = await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var text = Begin(volunteer.Name + " · 志愿服务");
        foreach (var p in places)
        {
            var a = activities[p.ActivityId];
            Event(text, $"signup-{p.Id}", a.Title, a.Venue, a.Description, p.OccurrenceStart, p.OccurrenceEnd, null, []);
        }
        return End(text);
    }

    private async Task<string> WriteAsync(string name, List<Activity> activities, CancellationToken ct)
    {
        var text = Begin(name);
        var horizon = Now.AddYears(1);
        foreach (var a in activities)
        {
            var skipped = a.Recurrence is null ? [] : await schedule.SkippedAsync(db, a, horizon, ct);
            Event(text, $"activity-{a.Id}", a.Title, a.Venue, a.Description, a.StartsAt, a.EndsAt, a.Recurrence, skipped);
        }
        return End(text);
    }

    private StringBuilder Begin(string name)
    {
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//Huying//Volunteering//ZH");
        Line(text, "CALSCALE:GREGORIAN");
        Line(text, "METHOD:PUBLISH");
        Line(text, "X-WR-CALNAME:" + Escape(name));
        Line(text, "X-WR-TIMEZONE:" + Display.Zone.Id);
        // The county keeps one offset all year (China has no summer time); the zone says so for any reader.
        var offset = Display.Zone.BaseUtcOffset;
        var o = (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString("hhmm", CultureInfo.InvariantCulture);
        Line(text, "BEGIN:VTIMEZONE");
        Line(text, "TZID:" + Display.Zone.Id);
        Line(text, "BEGIN:STANDARD");
        Line(text, "DTSTART:19700101T000000");
        Line(text, "TZOFFSETFROM:" + o);
        Line(text, "TZOFFSETTO:" + o);
        Line(text, "END:STANDARD");
        Line(text, "END:VTIMEZONE");
        return text;
    }

    private static string End(StringBuilder text)
    {
        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    private void Event(StringBuilder text, string uid, string title, string venue, string description, DateTime startUtc, DateTime endUtc,
        string? rule, IReadOnlyList<DateTime> skipped)
    {
        Line(text, "BEGIN:VEVENT");
        Line(text, $"UID:{uid}@huying");
        Line(text, "DTSTAMP:" + Now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        Line(text, $"DTSTART;TZID={Display.Zone.Id}:{LocalStamp(startUtc)}");
        Line(text, $"DTEND;TZID={Display.Zone.Id}:{LocalStamp(endUtc)}");
        if (rule is not null)
        {
            Line(text, "RRULE:" + rule);
        }
        if (skipped.Count > 0)
        {
            Line(text, $"EXDATE;TZID={Display.Zone.Id}:" + string.Join(",", skipped.Select(LocalStamp)));
        }
        Line(text, "SUMMARY:" + Escape(title));
        Line(text, "LOCATION:" + Escape(venue));
        if (description.Length > 0)
        {
            Line(text, "DESCRIPTION:" + Escape(description));
        }
        Line(text, "END:VEVENT");
    }

    private static string LocalStamp(DateTime utc) => Display.Local(utc).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal);

    /// <summary>A content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.</summary>
    private static void Line(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = 75;
        var i = 0;
        while (i < line.Length)
        {
            var step = char.IsSurrogatePair(line, i) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, step));
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 1;
                limit = 75;
            }
            text.Append(line, i, step);
            octets += size;
            i += step;
        }
        text.Append("\r\n");
    }
}

public static class CalendarFeedEndpoints
{
    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/c/{community}/volunteering.ics", async Task<IResult> (string community, CalendarFeeds feeds, CancellationToken ct) =>
            await feeds.CommunityAsync(community, ct) is { } text ? Results.Text(text, "text/calendar; charset=utf-8") : ProblemSetup.NotFound())
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).WithTags("Volunteering").WithSummary("The community's volunteer activities as an iCalendar feed");

        app.MapGet("/volunteering/teams/{id:long}.ics", async Task<IResult> (long id, [FromQuery] string? key, CalendarFeeds feeds, HuyingDbContext db, CancellationToken ct) =>
        {
            if (!feeds.Holds(key, "team", id) || await db.VolunteerTeams.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is not { } team)
            {
                return ProblemSetup.NotFound();
            }
            return Results.Text(await feeds.TeamAsync(team, ct), "text/calendar; charset=utf-8");
        }).AllowAnonymous().WithTags("Volunteering").WithSummary("A team's activities (private link)");

        app.MapGet("/volunteering/volunteers/{id:long}.ics", async Task<IResult> (long id, [FromQuery] string? key, CalendarFeeds feeds, HuyingDbContext db, CancellationToken ct) =>
        {
            if (!feeds.Holds(key, "volunteer", id) || await db.Volunteers.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) is not { } volunteer)
            {
                return ProblemSetup.NotFound();
            }
            return Results.Text(await feeds.VolunteerAsync(volunteer, ct), "text/calendar; charset=utf-8");
        }).AllowAnonymous().WithTags("Volunteering").WithSummary("A volunteer's own places (private link)");
        return app;
    }
}
