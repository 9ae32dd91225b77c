using System.Text.Json;

namespace Huying.Platform.Web;

/// <summary>
/// A JSON answer its endpoint writes indented, sent without the indentation. The OpenAPI document is written indented
/// by its library: 597 KB, of which 320 KB spaces and line ends; a crowd fetching it was bounded by copying those bytes.
/// </summary>
public static class CompactJson
{
    /// <summary>
    /// JSON written for machines, never placed in a page: every character as itself (Chinese text and apostrophes would
    /// otherwise be \u escapes). The OpenAPI document and Open311's answers.
    /// </summary>
    public static readonly JsonWriterOptions AsWritten = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TBuilder WithoutIndentation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var response = context.HttpContext.Response;
            var body = response.Body;
            using var written = new MemoryStream();
            response.Body = written;
            object? result;
            try
            {
                result = await next(context);
            }
            finally
            {
                response.Body = body;
            }
            written.Position = 0;
            if (response.StatusCode == StatusCodes.Status200OK && response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
            {
                using var document = await JsonDocument.ParseAsync(written, cancellationToken: context.HttpContext.RequestAborted);
                using var compact = new MemoryStream();
                await using (var writer = new Utf8JsonWriter(compact, AsWritten))
                {
                    document.WriteTo(writer);
                }
                response.ContentLength = compact.Length;
                await body.WriteAsync(compact.GetBuffer().AsMemory(0, (int)compact.Length), context.HttpContext.RequestAborted);
            }
            else
            {
                await written.CopyToAsync(body, context.HttpContext.RequestAborted);
            }
            return result;
        });
}
