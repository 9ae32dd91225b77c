namespace Huying.Platform.Web;

/// <summary>Reads an enum value the API and forms take by its name (any case): a number, or a name the enum does not define, is refused.</summary>
public static class EnumNames
{
    public static bool TryName<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
}
