using Huying.Platform.Composition;

namespace Huying.Modules.Projects;

/// <summary>党建+驻区单位, then: the partner units with an agreement in force, the project list they formed with the communities, and the needs list behind it.</summary>
public sealed class ProjectBriefing(ProjectFigures figures) : IBriefingSection
{
    public async Task<BriefingPart?> WriteAsync(BriefingScope scope, DateOnly today, CancellationToken ct)
    {
        var f = await figures.ComputeAsync(scope.Division, scope.From, scope.To, ct);
        if (f.UnitsWithAgreement == 0 && f.Projects == 0)
        {
            return null;
        }
        var s = new SentenceBuilder($"/api/projects/figures?community={scope.Division}&from={scope.From:yyyy-MM-dd}&to={scope.To:yyyy-MM-dd}", scope.Page("/projects"));
        if (f.UnitsWithAgreement > 0)
        {
            s.Exactly("unitsWithAgreement", f.UnitsWithAgreement, "个驻区单位党组织").Say(f.UnitsWithAgreement == f.UnitsLinked ? "全部" : "").Say("与社区签订共驻共建协议，");
        }
        s.Say("各驻区单位积极配合社区形成项目清单").Exactly("projects", f.Projects, "个");
        if (f.Accepted > 0)
        {
            s.Say("，已验收").Exactly("accepted", f.Accepted, "个");
        }
        List<BriefingSentence> sentences = [s.Say("。").Done()];
        if (f.NeedsRaised > 0)
        {
            // The needs list (需求清单) the projects come from: gathered, taken up by units, met.
            var needs = new SentenceBuilder($"/api/projects/figures?community={scope.Division}&from={scope.From:yyyy-MM-dd}&to={scope.To:yyyy-MM-dd}",
                scope.Page("/projects/needs")).Say("收集群众需求").About("needsRaised", f.NeedsRaised, "项");
            if (f.NeedsAdopted > 0)
            {
                needs.Say("，驻区单位认领").About("needsAdopted", f.NeedsAdopted, "项");
            }
            if (f.NeedsMet > 0)
            {
                needs.Say("，已办结").About("needsMet", f.NeedsMet, "项");
            }
            sentences.Add(needs.Say("。").Done());
        }
        return new BriefingPart("党建+驻区单位", 20, sentences);
    }
}
