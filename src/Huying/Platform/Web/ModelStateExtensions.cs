using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Huying.Platform.Web;

public static class ModelStateExtensions
{
    /// <summary>Puts API-style field errors (camelCase keys) beside the form's fields (Prefix.PascalCase keys).</summary>
    public static void AddFieldErrors(this ModelStateDictionary state, FieldErrors errors, string? prefix = null)
    {
        foreach (var (field, messages) in errors.All)
        {
            var key = char.ToUpperInvariant(field[0]) + field[1..];
            foreach (var message in messages)
            {
                state.AddModelError(prefix is null ? key : $"{prefix}.{key}", message.Localized());
            }
        }
    }
}
