using Huying.Platform.Composition;

namespace Huying.Modules.Projects;

/// <summary>党建+驻区单位, then: the partner units with an agreement in force and the project list they formed with the communities.</summary>
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
        return new BriefingPart("党建+驻区单位", 20, [s.Say("。").Done()]);
    }
}
