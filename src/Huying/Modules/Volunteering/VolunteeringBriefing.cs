using Huying.Platform.Composition;

namespace Huying.Modules.Volunteering;

/// <summary>党建+志愿服务: activities held with the partner units and the people they reached.</summary>
public sealed class VolunteeringBriefing(VolunteeringService volunteering) : IBriefingSection
{
    public async Task<BriefingPart?> WriteAsync(BriefingScope scope, DateOnly today, CancellationToken ct)
    {
        var f = await volunteering.FiguresAsync(scope.Division, scope.From, scope.To, ct);
        if (f.Activities == 0)
        {
            return null;
        }
        var s = new SentenceBuilder($"/api/volunteering/figures?{scope.Query}", scope.Page($"/volunteering?from={scope.From:yyyy-MM-dd}&to={scope.To:yyyy-MM-dd}"))
            .Say($"{scope.Since(today)}，各社区开展志愿服务").About("activities", f.Activities, "次");
        if (f.ActivitiesWithUnits > 0)
        {
            s.Say("，其中联动共驻单位开展").About("activitiesWithUnits", f.ActivitiesWithUnits, "次");
        }
        if (f.PeopleServed > 0)
        {
            s.Say("，覆盖辖区群众").About("peopleServed", f.PeopleServed, "人");
        }
        if (f.Volunteers > 0)
        {
            s.Say("，").About("volunteers", f.Volunteers, "名志愿者参与");
        }
        return new BriefingPart("党建+志愿服务", 10, [s.Say("。").Done()]);
    }
}
