namespace Huying.Platform.Web;

/// <summary>
/// A page number a request asks for, held between the first and the hundred-thousandth: page 999,999,999 of twenty
/// rows overflowed the offset (PostgreSQL refuses a negative one, so it answered 500); past the last page is empty.
/// </summary>
public static class Paging
{
    public const int LastPage = 100_000;

    public static int Clamp(int page) => Math.Clamp(page, 1, LastPage);
}
