using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Tests.Infrastructure;

namespace Huying.Tests.Modules.Volunteering;

/// <summary>What the volunteering tests arrange: activities in 河津 (so the Yuanqu demo's figures stay as seeded) and volunteers.</summary>
public static class VolunteeringCalls
{
    public const string Hugang = "140882001001";

    public static async Task<JsonElement> ActivityAsync(HttpClient organiser, string title, DateTime startsAtUtc, double hours, object[] posts,
        string community = Hugang, string? recurrence = null, bool skipHolidays = false)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(startsAtUtc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        return await Json(await organiser.PostAsJsonAsync("/api/volunteering/activities", new
        {
            communityCode = community, title, venue = "河津中学", startsAt = local.ToString("yyyy-MM-ddTHH:mm:ss"),
            endsAt = local.AddHours(hours).ToString("yyyy-MM-ddTHH:mm:ss"), recurrence, skipHolidays, posts,
        }), HttpStatusCode.Created);
    }

    public static async Task<long> VolunteerAsync(HttpClient organiser, string name, string community = Hugang) =>
        (await Json(await organiser.PostAsJsonAsync("/api/volunteering/volunteers", new
        {
            communityCode = community, name, phone = Synthetic.Phone(), affiliation = "newEmploymentWorker", platform = "美团", skills = "交通引导",
        }), HttpStatusCode.Created)).GetProperty("id").GetInt64();

    public static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    public static long Post(JsonElement activity, int index = 0) => activity.GetProperty("posts")[index].GetProperty("id").GetInt64();

    public static long At(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    /// <summary>Now, to the second (what the app stores).</summary>
    public static DateTime Now() => DateTime.UtcNow.AddTicks(-(DateTime.UtcNow.Ticks % TimeSpan.TicksPerSecond));
}
