using Huying.Platform.Files;
using Huying.Platform.Web;
using SkiaSharp;

namespace Huying.Modules.Dashboard;

/// <summary>The briefing as PDF (A4, set in the Chinese face the certificates use): the title, the line under it, each practice's heading and text, page after page.</summary>
public sealed class BriefingPdf(IConfiguration configuration)
{
    public const string ContentType = "application/pdf";
    private const float Width = 595, Height = 842, Margin = 64, Text = Width - 2 * Margin;

    /// <summary>The PDF bytes; refused (409) when the machine has no Chinese font to set it in.</summary>
    public byte[] Write(BriefingPrint briefing)
    {
        using var typeface = PrintedText.ChineseFont(configuration) ?? throw new RuleViolationException("No Chinese font is installed to print the briefing (fonts-noto-cjk)");
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = briefing.Title, Creator = "Huying", Producer = "Huying" }))
        {
            using var title = new SKFont(typeface, 18);
            using var heading = new SKFont(typeface, 14) { Embolden = true };
            using var body = new SKFont(typeface, 12);
            using var small = new SKFont(typeface, 9.5f);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var grey = new SKPaint { Color = new SKColor(0x55, 0x55, 0x55), IsAntialias = true };
            var canvas = document.BeginPage(Width, Height);
            var y = Margin;
            // A line at y, on a new page when it would run past the bottom margin.
            void Put(string line, SKFont font, SKPaint paint, float x, float advance, SKTextAlign align = SKTextAlign.Left)
            {
                if (y + advance > Height - Margin)
                {
                    document.EndPage();
                    canvas = document.BeginPage(Width, Height);
                    y = Margin;
                }
                y += advance;
                canvas.DrawText(line, x, y, align, font, paint);
            }
            foreach (var line in PrintedText.Wrap(briefing.Title, title, Text))
            {
                Put(line, title, ink, Width / 2, 28, SKTextAlign.Center);
            }
            Put(PrintedText.Fit(briefing.Subtitle, small, Text), small, grey, Width / 2, 20, SKTextAlign.Center);
            y += 10;
            if (briefing.Paragraphs.Count == 0)
            {
                Put("本期暂无数据。", body, ink, Margin, 22);
            }
            foreach (var (head, text, note) in briefing.Paragraphs)
            {
                Put(head, heading, ink, Margin, 30);
                foreach (var part in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    foreach (var (line, i) in PrintedText.Wrap("\u3000\u3000" + part.Trim(), body, Text).Select((l, i) => (l, i)))
                    {
                        Put(line, body, ink, Margin, i == 0 ? 24 : 20);
                    }
                }
                if (note is not null)
                {
                    foreach (var line in PrintedText.Wrap(note, small, Text))
                    {
                        Put(line, small, grey, Margin, 16);
                    }
                }
            }
            document.EndPage();
        }
        return stream.ToArray();
    }
}
