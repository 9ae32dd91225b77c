namespace Huying.Platform.Web;

/// <summary>
/// Text written into a spreadsheet cell: one that a spreadsheet would read as a formula (it begins with = + - @, or
/// a tab or carriage return before one) is prefixed with an apostrophe, so what a resident typed stays text
/// when the sheet is opened (OWASP's advice on CSV and formula injection).
/// </summary>
public static class SafeCell
{
    public static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
