using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Huying.Platform.Data;
using Huying.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

/// <summary>A category an installation starts with; deadlines in minutes.</summary>
public sealed record CategorySeed(string Code, string? Parent, string Name, string NameEn, int Respond, int Resolve, int Verify, bool Working,
    string Keywords, FormQuestion[]? Attributes = null, string? IntakePage = null);

/// <summary>
/// The catalogue every installation starts with (editable afterwards): the report's kinds of matters with the
/// 12345 deadline tiers.
/// </summary>
public static class MatterDefaults
{
    private const int Hour = 60;
    private const int Day = 24 * Hour;

    private static readonly (string Code, string? Parent, string Name, string NameEn, int Respond, int Resolve, int Verify, bool Working, string Keywords)[] Categories =
    [
        ("roads", null, "道路街巷", "Roads and alleys", 24 * Hour, 15 * Day, 2 * Day, true, "道路,路面,坑洼,土路,硬化,街巷,巷道"),
        ("drainage", null, "排水防汛", "Drainage and flooding", 2 * Hour, 24 * Hour, 24 * Hour, false, "积水,内涝,排水,下水道,污水,雨污,防汛,淹"),
        ("sanitation", null, "环境卫生", "Sanitation", 2 * Hour, 24 * Hour, 24 * Hour, false, "垃圾,卫生,清扫,异味,保洁"),
        ("parking", null, "停车出行", "Parking and access", 24 * Hour, 7 * Day, 2 * Day, true, "停车,乱停,车位,道闸,门禁,占道"),
        ("lighting", null, "监控照明", "Surveillance and lighting", 24 * Hour, 7 * Day, 2 * Day, true, "路灯,照明,监控,摄像头,不亮"),
        ("disputes", null, "邻里纠纷", "Neighbour disputes", 24 * Hour, 7 * Day, 2 * Day, true, "纠纷,矛盾,吵架,噪音,漏水"),
        ("property", null, "物业管理", "Property management", 24 * Hour, 7 * Day, 2 * Day, true, "物业,电梯,供暖,暖气,维修基金"),
        ("care", null, "助老助残", "Elderly and disabled help", 2 * Hour, 24 * Hour, 24 * Hour, false, "老人,独居,残疾,助老,助残,轮椅"),
        ("facilities", null, "公共设施", "Public facilities", 24 * Hour, 15 * Day, 2 * Day, true, "设施,健身器材,座椅,井盖,护栏,充电桩"),
        ("other", null, "其他", "Other", 24 * Hour, 15 * Day, 2 * Day, true, ""),
        ("drainage.sewage", "drainage", "污水外溢", "Sewage overflow", 2 * Hour, 24 * Hour, 24 * Hour, false, "污水外溢,化粪池,冒水"),
        ("facilities.manhole", "facilities", "井盖缺失", "Missing manhole cover", 2 * Hour, 24 * Hour, 24 * Hour, false, "井盖"),
    ];

    private static readonly Dictionary<string, FormQuestion[]> Attributes = new()
    {
        ["drainage"] =
        [
            new("depth", "积水深度 Water depth", "singlevaluelist", false,
                [new("ankle", "没过脚踝 Ankle-deep"), new("knee", "没过膝盖 Knee-deep"), new("indoors", "已进屋 Inside homes")]),
        ],
        ["parking"] = [new("fireLane", "是否堵塞消防通道 Fire lane blocked", "singlevaluelist", false, [new("yes", "是 Yes"), new("no", "否 No")])],
        ["lighting"] = [new("count", "不亮的灯数 Lamps out", "number", false)],
    };

    /// <summary>Adds the default catalogue's categories the database lacks (all of them on an installation's first run).</summary>
    public static Task EnsureAsync(HuyingDbContext db, CancellationToken ct = default) =>
        EnsureAsync(db, [.. Categories.Select(c => new CategorySeed(c.Code, c.Parent, c.Name, c.NameEn, c.Respond, c.Resolve, c.Verify, c.Working, c.Keywords,
            Attributes.GetValueOrDefault(c.Code)))], ct);

    /// <summary>Adds the categories of this list the catalogue lacks (a module brings the categories of its own matters); kept ones stay as edited.</summary>
    public static async Task EnsureAsync(HuyingDbContext db, IReadOnlyList<CategorySeed> seeds, CancellationToken ct)
    {
        var codes = seeds.Select(c => c.Code).ToList();
        var known = await db.MatterCategories.Where(c => codes.Contains(c.Code)).Select(c => c.Code).ToListAsync(ct);
        var order = await db.MatterCategories.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
        db.MatterCategories.AddRange(seeds.Where(c => !known.Contains(c.Code)).Select(c => new MatterCategory
        {
            Code = c.Code, ParentCode = c.Parent, Name = c.Name, NameEn = c.NameEn, RespondMinutes = c.Respond, ResolveMinutes = c.Resolve,
            VerifyMinutes = c.Verify, WorkingTime = c.Working, Keywords = c.Keywords, SortOrder = order += 10, IntakePage = c.IntakePage,
            AttributesJson = c.Attributes is { } a ? JsonSerializer.Serialize(a, JsonSerializerOptions.Web) : null,
        }));
        await db.SaveChangesAsync(ct);
    }

    public static string HashKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
