using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Huying.Platform.Web;

/// <summary>
/// Binds a form's yes/no field (a checkbox): "true"/"false" as the framework does, and anything else as a refused
/// value whose attempted value is kept as "false". The framework keeps the text as it came, and a page shown again
/// with its errors then fails drawing the checkbox from it (a 500 for a forged or mangled form, found by fuzzing).
/// </summary>
public sealed class YesNoBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var result = context.ValueProvider.GetValue(context.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }
        // A checkbox posts "true" and its hidden "false" together: the first value is the one that counts.
        var text = result.FirstValue?.Trim();
        var nullable = Nullable.GetUnderlyingType(context.ModelType) is not null;
        if (string.IsNullOrEmpty(text) && nullable)
        {
            context.ModelState.SetModelValue(context.ModelName, result);
            context.Result = ModelBindingResult.Success(null);
        }
        else if (bool.TryParse(text, out var value))
        {
            context.ModelState.SetModelValue(context.ModelName, result);
            context.Result = ModelBindingResult.Success(value);
        }
        else
        {
            context.ModelState.SetModelValue(context.ModelName, new ValueProviderResult("false", result.Culture));
            context.ModelState.TryAddModelError(context.ModelName, Localization.Tr.T("Choose yes or no"));
            context.Result = ModelBindingResult.Failed();
        }
        return Task.CompletedTask;
    }

    public sealed class Provider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.ModelType == typeof(bool) || context.Metadata.ModelType == typeof(bool?) ? new YesNoBinder() : null;
    }
}
