using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Huying.Modules.Dashboard;

/// <summary>A briefing as it is printed: the title, the line under it, and each practice's heading, text and (for an edited one) its note.</summary>
public sealed record BriefingPrint(string Title, string Subtitle, IReadOnlyList<(string Heading, string Text, string? Note)> Paragraphs)
{
    /// <summary>A file name for it (the division and the period's end).</summary>
    public required string FileName { get; init; }

    public static BriefingPrint Of(BriefingDto b) =>
        new(b.Title, $"{b.DivisionName} · {b.From:yyyy年M月d日}至{b.To:yyyy年M月d日} · 由呼应根据业务数据生成",
            [.. b.Paragraphs.Select((p, i) => ($"{BriefingWriter.Numeral(i)}、{p.Practice}", p.Text, (string?)null))]) { FileName = $"{b.DivisionName}工作简报{b.To:yyyyMMdd}" };

    public static BriefingPrint Of(BriefingIssue b) =>
        new(b.Title, $"{b.DivisionName} · {b.From:yyyy年M月d日}至{b.To:yyyy年M月d日} · 由呼应根据业务数据生成" + (b.Sections.Any(s => s.Edited) ? "，经编辑修改" : ""),
            [.. b.Sections.OrderBy(s => s.Order).Select((s, i) => ($"{BriefingWriter.Numeral(i)}、{s.Practice}", s.Text, BriefingIssues.EditNote(s)))])
        { FileName = $"{b.DivisionName}工作简报{b.To:yyyyMMdd}" };
}

/// <summary>The briefing as a Word document (.docx, Open XML): the title centred, each practice a numbered heading, its text a paragraph, in 宋体.</summary>
public static class BriefingDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Write(BriefingPrint briefing)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Line(briefing.Title, bold: true, size: 36, centred: true));
            body.Append(Line(briefing.Subtitle, size: 21, centred: true));
            if (briefing.Paragraphs.Count == 0)
            {
                body.Append(Line("本期暂无数据。"));
            }
            foreach (var (heading, text, note) in briefing.Paragraphs)
            {
                body.Append(Line(heading, bold: true, size: 30));
                body.Append(Line(text, firstLineIndent: true));
                if (note is not null)
                {
                    body.Append(Line(note, size: 21));
                }
            }
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Line(string text, bool bold = false, int size = 28, bool centred = false, bool firstLineIndent = false)
    {
        var runProperties = new RunProperties(new RunFonts { EastAsia = "宋体", Ascii = "Times New Roman", HighAnsi = "Times New Roman" },
            new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold)
        {
            runProperties.Append(new Bold());
        }
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = "120", Line = "400", LineRule = LineSpacingRuleValues.Auto });
        if (centred)
        {
            properties.Append(new Justification { Val = JustificationValues.Center });
        }
        if (firstLineIndent)
        {
            properties.Append(new Indentation { FirstLineChars = 200 });
        }
        return new Paragraph(properties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
