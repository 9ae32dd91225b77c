using Huying.Platform.Composition;

namespace Huying.Modules.Organisation;

/// <summary>党建+驻区单位, first: the four-level structure as it stands (big committees, partner units' party organisations, building groups, central households).</summary>
public sealed class OrganisationBriefing(OrganisationService organisation) : IBriefingSection
{
    public async Task<BriefingPart?> WriteAsync(BriefingScope scope, DateOnly today, CancellationToken ct)
    {
        if (await organisation.SummaryAsync(scope.Division, ct) is not { Counts: var c } || c.BigCommittees == 0)
        {
            return null;
        }
        var s = new SentenceBuilder($"/api/org/summary?division={scope.Division}", "/org/communities").Say($"{scope.Since(today)}，{scope.DivisionName}将");
        if (c.BigCommittees == 1)
        {
            s.Say("社区“大党委”");
        }
        else
        {
            s.Say("辖区内").Exactly("bigCommittees", c.BigCommittees, "个社区“大党委”");
        }
        if (c.PartnerUnitOrganisations > 0)
        {
            s.Say("、").Exactly("partnerUnitOrganisations", c.PartnerUnitOrganisations, "家共驻共建单位党组织");
        }
        if (c.BuildingPartyGroups > 0)
        {
            s.Say("、").Exactly("buildingPartyGroups", c.BuildingPartyGroups, "个楼栋党小组");
        }
        if (c.CentralHouseholds > 0)
        {
            s.Say("、").Exactly("centralHouseholds", c.CentralHouseholds, "个党员中心户");
        }
        s.Say("均纳入四级组织架构统一管理");
        if (c.CountyUnits > 0)
        {
            s.Say("，吸纳").Exactly("countyUnits", c.CountyUnits, "家县直单位党组织").Say("负责人担任“大党委”第一书记和兼职委员");
        }
        return new BriefingPart("党建+驻区单位", 10, [s.Say("。").Done()]);
    }
}
