using Huying.Platform.Composition;

namespace Huying.Modules.Pledges;

/// <summary>每月一件事: the service items party members pledged and those done.</summary>
public sealed class PledgesBriefing(PledgeService pledges) : IBriefingSection
{
    public async Task<BriefingPart?> WriteAsync(BriefingScope scope, DateOnly today, CancellationToken ct)
    {
        var f = await pledges.FiguresAsync(scope.Division, scope.From, scope.To, ct);
        if (f.Claimed == 0)
        {
            return null;
        }
        var s = new SentenceBuilder($"/api/pledges/figures?{scope.Query}", scope.Page("/pledges"))
            .Say($"{scope.Since(today)}，各村级党组织组织党员集中认领服务事项").About("claimed", f.Claimed, "件")
            .Say("，目前已完成").About("completed", f.Completed, "件").Say("。");
        return new BriefingPart("每月一件事", 10, [s.Done()]);
    }
}
