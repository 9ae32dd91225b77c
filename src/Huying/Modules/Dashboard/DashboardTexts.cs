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
        ["Keep as a draft to edit and publish"] = "存为草稿，编辑后发布",
        ["Kept briefings"] = "已存简报",
        ["Monthly"] = "每月",
        ["Briefing drafted"] = "简报草稿已生成",
        ["Save the edits"] = "保存修改",
        ["Publish to the notice boards"] = "发布到公示栏（党务公开）",
        ["As generated"] = "系统生成原文",
        ["Edited"] = "已编辑",
        ["Numbers changed"] = "数字有改动",
        ["The briefing is published already"] = "简报已发布",
        ["A published briefing is not edited; draft a new one"] = "已发布的简报不能再修改，请重新生成草稿",
        ["A briefing with no data is not published"] = "本期暂无数据，不能发布",
        ["Give the text of every paragraph"] = "请填写每一段的内容",
        ["A paragraph cannot be empty"] = "段落不能为空",
        ["Someone else changed the briefing meanwhile; reload it and edit again"] = "简报已被他人修改，请刷新后重新编辑",
        ["The briefing is too long for the notice board (19,000 characters at most)"] = "简报过长，公示栏最多 19000 字",
        ["The period cannot end after today"] = "统计期不能晚于今天",
        ["The period starts after it ends"] = "统计期开始日期晚于结束日期",
        ["The period is at most ten years"] = "统计期最长十年",
        ["No Chinese font is installed to print the briefing (fonts-noto-cjk)"] = "服务器未安装中文字体，无法生成 PDF（fonts-noto-cjk）",
        ["Published on {0} community notice boards"] = "已发布到 {0} 个社区公示栏",
        ["the records"] = "对应记录",
        ["Headline figures"] = "核心指标",
        ["Figure"] = "指标",
        ["Areas"] = "区域",
        ["Practice"] = "工作",
        ["As written"] = "简报写法",
        ["Overdue now"] = "当前超期",
        ["Longest overdue"] = "超期最久的事项",
        ["Days overdue"] = "超期天数",
        ["Nothing is overdue."] = "目前没有超期事项。",
        ["Communities on the map"] = "社区分布",
        ["Not placed on the map: {0}"] = "另有 {0} 个社区尚未标注位置",
        ["Practices of {0}"] = "{0}各项工作",
    };
}
