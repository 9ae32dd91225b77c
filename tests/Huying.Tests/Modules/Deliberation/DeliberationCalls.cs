using System.Net;
using System.Net.Http.Json;
using Huying.Tests.Infrastructure;

namespace Huying.Tests.Modules.Deliberation;

/// <summary>The calls the deliberation tests make: act on a topic, and a topic on a meeting's agenda in 学苑.</summary>
public static class DeliberationCalls
{
    private const string Xueyuan = DemoRecords.Xueyuan;

    public static Task<HttpResponseMessage> Act(HttpClient client, long topic, string action, object body) =>
        client.PostAsJsonAsync($"/api/deliberation/topics/{topic}/actions/{action}", body);

    /// <summary>A venue, a topic on the agenda of a meeting of twelve, and one option; returns the ids.</summary>
    public static async Task<(long Topic, long Meeting, long Option, long[] Participants)> ArrangeAsync(HttpClient staff, string title)
    {
        var venue = await Json(await staff.PostAsJsonAsync("/api/deliberation/venues",
            new { communityCode = Xueyuan, name = "测试议事亭", place = "学苑小区", capacity = 20, quorumMinimum = 6, quorumPercent = 50 }), HttpStatusCode.Created);
        var topic = await Json(await staff.PostAsJsonAsync("/api/deliberation/topics",
            new { communityCode = Xueyuan, title, description = "楼道堆放杂物影响通行", place = "学苑小区3号楼", source = "representative" }), HttpStatusCode.Created);
        var participants = Enumerable.Range(1, 12).Select(i => new { name = $"代表{i}", kind = i <= 2 ? "branchMember" : "residentRepresentative" }).ToArray();
        var meeting = await Json(await staff.PostAsJsonAsync("/api/deliberation/meetings",
            new { communityCode = Xueyuan, venueId = venue.GetProperty("id").GetInt64(), title = $"{title}议事会", scheduledAt = DateTime.UtcNow.AddDays(1), participants }),
            HttpStatusCode.Created);
        var topicId = topic.GetProperty("id").GetInt64();
        var meetingId = meeting.GetProperty("id").GetInt64();
        await Json(await Act(staff, topicId, "agenda", new { meetingId }), HttpStatusCode.OK);
        var withOption = await Json(await Act(staff, topicId, "option", new { text = "限期清理，物业协助" }), HttpStatusCode.OK);
        return (topicId, meetingId, withOption.GetProperty("options")[0].GetProperty("id").GetInt64(),
            [.. meeting.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("id").GetInt64())]);
    }
}
