using Huying.Platform.Composition;
using Huying.Platform.Data;

namespace Huying.Modules.HealthAid;

/// <summary>
/// 医疗帮扶: consultations, records and the managed rate, mobile teams, home visits, referrals, trainings and the aid
/// projects' money — aggregates only; a count of fewer than five people reads "不足5" outside the village's team.
/// </summary>
public sealed class HealthBriefing(HealthFigureCounts figures, HuyingDbContext db) : IBriefingSection
{
    public async Task<BriefingPart?> WriteAsync(BriefingScope scope, DateOnly today, CancellationToken ct)
    {
        var f = await figures.FiguresAsync(scope.Division, scope.From, scope.To, HealthAidModule.Masked(db), ct);
        if (f.HealthRecords.Value == 0 && !f.HealthRecords.Masked && f.Consultations.Value == 0 && f.AidProjects == 0)
        {
            return null;
        }
        var source = $"/api/health/figures?{scope.Query}";
        var page = $"/health/figures?{scope.Query}";
        SentenceBuilder People(SentenceBuilder s, string name, PeopleCount count, string unit, bool about = false) =>
            count.Masked ? s.Figure(name, 0, "不足5" + unit) : about ? s.About(name, count.Value, unit) : s.Exactly(name, count.Value, unit);
        var sentences = new List<BriefingSentence>();
        var care = new SentenceBuilder(source, page).Say($"{scope.Since(today)}，");
        if (f.MdtSessions > 0)
        {
            care.Say("开展多学科会诊").Exactly("mdtSessions", f.MdtSessions, "次").Say("，");
        }
        People(care.Say("累计诊疗"), "consultations", f.Consultations, "人次", about: true);
        People(care.Say("，建立健康档案"), "healthRecords", f.HealthRecords, "份");
        if (f.ChronicManagedRate is { } rate)
        {
            care.Say("，慢性病规范管理率达").Percent("chronicManagedRate", rate);
        }
        sentences.Add(care.Say("。").Done());
        if (f.MobileTeams > 0 || f.HomeVisits.Value > 0 || f.Referrals.Value > 0)
        {
            var reach = new SentenceBuilder(source, page).Say("组建流动医疗队").Exactly("mobileTeams", f.MobileTeams, "支");
            People(reach.Say("，入户走访"), "homeVisits", f.HomeVisits, "户");
            People(reach.Say("，通过绿色通道转诊"), "referrals", f.Referrals, "人");
            sentences.Add(reach.Say("。").Done());
        }
        if (f.Trainings > 0 || f.StaffTrainings > 0)
        {
            var train = new SentenceBuilder(source, page);
            if (f.StaffTrainings > 0)
            {
                train.Say("开展医护培训").Exactly("staffTrainings", f.StaffTrainings, "期").Say(f.Trainings > 0 ? "，" : "");
            }
            if (f.Trainings > 0)
            {
                People(train.Say("开展村民急救培训").Exactly("trainings", f.Trainings, "期").Say("、"), "trainingAttendances", f.TrainingAttendances, "人次", about: true);
            }
            sentences.Add(train.Say("。").Done());
        }
        if (f.AidProjects > 0)
        {
            sentences.Add(new SentenceBuilder(source, page)
                .Say("投入帮扶资金").Money("aidFunds", f.AidFunds).Say("，实施帮扶项目").Exactly("aidProjects", f.AidProjects, "个")
                .Say("，制定管护细则").Exactly("aidUpkeepRules", f.AidUpkeepRules, "条").Say("。").Done());
        }
        return new BriefingPart("医疗帮扶", 10, sentences);
    }
}
