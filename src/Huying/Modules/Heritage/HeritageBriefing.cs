using Huying.Platform.Composition;

namespace Huying.Modules.Heritage;

/// <summary>文物保护: the protected sites in party members' zones, the census, new finds, and the red bases' visitors.</summary>
public sealed class HeritageBriefing(HeritageFigureCounts figures) : IBriefingSection
{
    public async Task<BriefingPart?> WriteAsync(BriefingScope scope, DateOnly today, CancellationToken ct)
    {
        var f = await figures.FiguresAsync(scope.Division, scope.From, scope.To, ct);
        if (f.Sites == 0)
        {
            return null;
        }
        var source = $"/api/heritage/figures?{scope.Query}";
        const string page = "/heritage";
        var sentences = new List<BriefingSentence>();
        if (f.NationalSites + f.ProvincialOrMunicipalSites > 0 && f.SitesInZones > 0)
        {
            var s = new SentenceBuilder(source, page).Say("划分“党员责任区”，将");
            if (f.NationalSites > 0)
            {
                s.Exactly("nationalSites", f.NationalSites, "处国保").Say(f.ProvincialOrMunicipalSites > 0 ? "、" : "");
            }
            if (f.ProvincialOrMunicipalSites > 0)
            {
                s.Exactly("provincialOrMunicipalSites", f.ProvincialOrMunicipalSites, "处省市级文保单位");
            }
            sentences.Add(s.Say("纳入党员包联网格。").Done());
        }
        if (f.CensusRecords > 0)
        {
            var s = new SentenceBuilder(source, page).Say("目前已录入文物信息").About("censusRecords", f.CensusRecords, "条");
            if (f.NewlyRegistered > 0)
            {
                s.Say("，新登记文物点").About("newlyRegistered", f.NewlyRegistered, "处");
            }
            sentences.Add(s.Say("。").Done());
        }
        if (f.VisitGroups > 0)
        {
            sentences.Add(new SentenceBuilder(source, page).Say($"{scope.Since(today)}，红色教育基地接待参访团").About("visitGroups", f.VisitGroups, "批次")
                .Say("、").About("visitors", f.Visitors, "人次").Say("。").Done());
        }
        return sentences.Count == 0 ? null : new BriefingPart("文物保护", 10, sentences);
    }
}
