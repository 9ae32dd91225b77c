using Huying.Modules.Organisation;
using Huying.Platform.Composition;

namespace Huying.Modules.Matters;

/// <summary>党建+治理创新: the coordination groups and the closed loop 居民提事项—网格理事—联动办事 as the matters' KPIs count it.</summary>
public sealed class MattersBriefing(MatterKpis kpis, OrganisationService organisation) : IBriefingSection
{
    public async Task<BriefingPart?> WriteAsync(BriefingScope scope, DateOnly today, CancellationToken ct)
    {
        var sentences = new List<BriefingSentence>();
        if (await organisation.SummaryAsync(scope.Division, ct) is { Counts.CoordinationGroups: > 0 and var groups })
        {
            sentences.Add(new SentenceBuilder($"/api/org/summary?division={scope.Division}", "/org/communities").Say("整合“两委”成员、在职党员、网格员等力量，组建")
                .About("coordinationGroups", groups, "个协调治理小组").Say("。").Done());
        }
        var total = (await kpis.ReportAsync(scope.Division, scope.From, scope.To, KpiGroup.Community, chinese: true, ct)).Total;
        if (total.Submitted > 0)
        {
            var s = new SentenceBuilder($"/api/kpis/matters?{scope.Query}", $"/matters/kpis?{scope.Query}")
                .Say($"{scope.Since(today)}，依托“居民提事项—网格理事—联动办事”闭环机制，居民提出事项").About("submitted", total.Submitted, "件")
                .Say("，办结").About("resolved", total.Resolved, "件");
            if (total.OnTimeRate is { } onTime)
            {
                s.Say("，按时办结率").Percent("onTimeRate", onTime);
            }
            if (total.SatisfactionRate is { } satisfied)
            {
                s.Say("，群众满意率").Percent("satisfactionRate", satisfied);
            }
            sentences.Add(s.Say("。").Done());
        }
        return sentences.Count == 0 ? null : new BriefingPart("党建+治理创新", 10, sentences);
    }
}
