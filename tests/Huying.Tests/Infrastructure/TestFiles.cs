namespace Huying.Tests.Infrastructure;

public static class TestFiles
{
    /// <summary>A real 1×1 PNG (the file store checks what a file is, not what it is called).</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
}
