using Huying.Modules.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Infrastructure;

/// <summary>Well-known records of the demo, looked up once per fixture.</summary>
public sealed record DemoRecords(long HebianPerson, long FuqianOtherGridPerson, long XueyuanPerson, long HebianHousehold,
    long XueyuanHousehold, long ProjectCentreId, long OtherUnitId, long ParkingTopic, long ParkingMeeting, long ParkingNotice,
    long ParkingObjection, long AuctionTopic, long AuctionNotice, long HebianMatter, long DispatchedMatter, long FuqianOtherGridMatter,
    long XueyuanMatter, long DitchProject, long LightsProject, long XueyuanProject, long OfferedNeed)
{
    public const string Fuqian = "140827400016";
    public const string Xueyuan = "140827400017";

    public static async Task<DemoRecords> LoadAsync(AppFixture app)
    {
        await using var db = app.Database();
        var hebian = await db.Grids.SingleAsync(g => g.Name == "河边网格");
        var hebianHousehold = await db.Households.Where(h => h.GridId == hebian.Id).OrderBy(h => h.Id).FirstAsync();
        var xueyuanHousehold = await db.Households.Where(h => h.CommunityCode == Xueyuan).OrderBy(h => h.Id).FirstAsync();
        return new DemoRecords(
            await db.People.Where(p => p.GridId == hebian.Id).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
            await db.People.Where(p => p.CommunityCode == Fuqian && p.GridId != hebian.Id).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
            await db.People.Where(p => p.CommunityCode == Xueyuan).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
            hebianHousehold.Id,
            xueyuanHousehold.Id,
            await db.PartnerUnits.Where(u => u.Name == "垣曲县项目推进中心").Select(u => u.Id).SingleAsync(),
            await db.PartnerUnits.Where(u => u.Name == "垣曲县发展和改革局").Select(u => u.Id).SingleAsync(),
            await db.Topics.Where(t => t.Title == "一期、二期共用门禁，车辆乱停乱放").Select(t => t.Id).SingleAsync(),
            await db.Topics.Where(t => t.Title == "一期、二期共用门禁，车辆乱停乱放").Select(t => t.MeetingId!.Value).SingleAsync(),
            await db.Topics.Where(t => t.Title == "一期、二期共用门禁，车辆乱停乱放").Select(t => t.NoticeId!.Value).SingleAsync(),
            await db.Objections.Where(o => o.Content.StartsWith("隔离桩")).Select(o => o.Id).SingleAsync(),
            await db.Topics.Where(t => t.Title == "地下室竞拍事宜").Select(t => t.Id).SingleAsync(),
            await db.Topics.Where(t => t.Title == "地下室竞拍事宜").Select(t => t.NoticeId!.Value).SingleAsync(),
            await db.Matters.Where(m => m.Description == "河边三巷中段两盏路灯不亮，晚上很黑").Select(m => m.Id).SingleAsync(),
            await db.Matters.Where(m => m.Description == "河边二巷路面塌陷一处，车辆通行有危险").Select(m => m.Id).SingleAsync(),
            await db.Matters.Where(m => m.CommunityCode == Fuqian && m.GridId != null && m.GridId != hebian.Id).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(),
            await db.Matters.Where(m => m.CommunityCode == Xueyuan && m.State == Huying.Modules.Matters.MatterState.Closed).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(),
            await db.Projects.Where(p => p.Title == "河边一巷排水沟清淤").Select(p => p.Id).SingleAsync(),
            await db.Projects.Where(p => p.Title == "河边三巷监控、路灯安装和停车位划定").Select(p => p.Id).SingleAsync(),
            await db.Projects.Where(p => p.CommunityCode == Xueyuan && !p.Units.Any(u => u.PartnerUnitId == db.Set<PartnerUnit>().Where(x => x.Name == "垣曲县项目推进中心").Select(x => x.Id).First()))
                .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
            await db.Needs.Where(n => n.Title == "逸景名苑地下车库照明不足").Select(n => n.Id).SingleAsync());
    }
}

/// <summary>Synthetic, valid ID numbers and phones that no demo person has.</summary>
public static class Synthetic
{
    private static int counter = Random.Shared.Next(100, 400);

    public static string IdNumber()
    {
        var n = Interlocked.Increment(ref counter);
        var first17 = $"140827{new DateOnly(1960, 1, 1).AddDays(n * 37 % 20000):yyyyMMdd}{n % 1000:000}";
        return first17 + Huying.Platform.Validation.Validators.IdCheckCharacter(first17);
    }

    public static string Phone() => $"199{Random.Shared.Next(0, 100_000_000):00000000}";
}

public static class DemoUsers
{
    /// <summary>Every demo account (DESIGN §8), anonymous ("") first.</summary>
    public static readonly string[] All =
    [
        "", "resident", "member", "volunteer", "unit.xmtj", "unit.fgj", "fuqian.grid", "fuqian.gridleader", "fuqian.staff",
        "fuqian.secretary", "xueyuan.staff", "xueyuan.secretary", "town", "county", "admin", "jingcun.doctor", "jingcun.team",
    ];
}
