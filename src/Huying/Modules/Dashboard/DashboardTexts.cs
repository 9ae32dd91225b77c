using Huying.Platform.Localization;

namespace Huying.Modules.Dashboard;

/// <summary>zh-CN texts of the briefing's page (the briefing itself is written in Chinese).</summary>
internal sealed class DashboardTexts : ChineseTexts
{
    public override IReadOnlyDictionary<string, string> Strings { get; } = new Dictionary<string, string>
    {
        ["Work briefing"] = "工作简报",
        ["Dashboard"] = "数据驾驶舱",
        ["Large screen"] = "大屏模式",
        ["Counties"] = "各县（市、区）",
        ["Practices"] = "各项工作",
        ["Full briefing"] = "查看完整工作简报",
        ["Matters resolved"] = "办结事项",
        ["Area"] = "区域",
        ["Download .docx"] = "下载 Word 文档",
        ["Figures behind it"] = "数据依据",
        ["source"] = "来源",
        ["Nothing in your scope yet."] = "您的范围内还没有数据。",
        ["Generated from the records; no number in it is typed."] = "根据业务数据自动生成，文中数字均非手工填写。",
    };
}
