using Huying.Platform.Composition;

namespace Huying.Modules.Proxy;

/// <summary>同城通办: cases received for other offices of the city, those completed and how many on time.</summary>
public sealed class ProxyBriefing(ProxyLists lists) : IBriefingSection
{
    public async Task<BriefingPart?> WriteAsync(BriefingScope scope, DateOnly today, CancellationToken ct)
    {
        var f = await lists.FiguresAsync(scope.Division, scope.From, scope.To, ct);
        if (f.Applications == 0)
        {
            return null;
        }
        var s = new SentenceBuilder($"/api/proxy/figures?{scope.Query}", "/proxy")
            .Say($"{scope.Since(today)}，社区代办同城通办事项").About("applications", f.Applications, "件").Say("，办结").About("completed", f.Completed, "件");
        if (f.OnTimeRate is { } rate)
        {
            s.Say("，按时办结率").Percent("onTimeRate", rate);
        }
        return new BriefingPart("同城通办", 10, [s.Say("。").Done()]);
    }
}
