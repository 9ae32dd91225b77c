namespace Huying.BrowserTests;

public static class TestImages
{
    /// <summary>A real 1×1 PNG (the file store checks what a file is, not what it is called).</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
