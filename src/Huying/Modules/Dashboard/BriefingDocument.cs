using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Huying.Modules.Dashboard;

/// <summary>The briefing as a Word document (.docx, Open XML): the title centred, each practice a numbered heading, its text a paragraph, in 宋体.</summary>
public static class BriefingDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Write(BriefingDto briefing)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Line(briefing.Title, bold: true, size: 36, centred: true));
            body.Append(Line($"{briefing.DivisionName} · {briefing.From:yyyy年M月d日}至{briefing.To:yyyy年M月d日} · 由呼应根据业务数据生成", size: 21, centred: true));
            if (briefing.Paragraphs.Count == 0)
            {
                body.Append(Line("本期暂无数据。"));
            }
            for (var i = 0; i < briefing.Paragraphs.Count; i++)
            {
                var p = briefing.Paragraphs[i];
                body.Append(Line($"{BriefingWriter.Numeral(i)}、{p.Practice}", bold: true, size: 30));
                body.Append(Line(p.Text, firstLineIndent: true));
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
