using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Huying.Platform.Data;

namespace Huying.Platform.Web;

/// <summary>
/// Dates a request brings (query values, and the date fields of a body) lie in the range every stored date keeps
/// (<see cref="FieldBounds"/>): a KPI period from year 1 or an extension to 9999 is a 400 beside its field, not a
/// 500 somewhere downstream; its texts hold no character a stored text may not. Applied to every endpoint the app maps.
/// </summary>
public sealed class InputBounds : IEndpointFilter
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> CheckedProperties = new();

    /// <summary>The names of each endpoint's parameters, read once (<c>GetParameters</c> copies its array on every call).</summary>
    private static readonly ConcurrentDictionary<MethodInfo, string[]> ParameterNames = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new FieldErrors();
        var method = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>();
        var names = method is null ? [] : ParameterNames.GetOrAdd(method, m => [.. m.GetParameters().Select(p => p.Name ?? "")]);
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            Collect(context.Arguments[i], i < names.Length ? names[i] : "", errors);
        }
        errors.ThrowIfAny();
        return await next(context);
    }

    /// <summary>Adds an error for a date out of range: the value itself, or a date field of one of the app's own types.</summary>
    public static void Collect(object? value, string name, FieldErrors errors)
    {
        if (!Check(value, name, errors) && value is not null && value.GetType().Assembly == typeof(InputBounds).Assembly)
        {
            foreach (var property in CheckedProperties.GetOrAdd(value.GetType(), Checked))
            {
                Check(property.GetValue(value), property.Name, errors);
            }
        }
    }

    /// <summary>
    /// True when the value is a date or a text (then checked); false for anything else. Runs for every argument and field
    /// of every request: nothing is allocated unless something is refused.
    /// </summary>
    private static bool Check(object? value, string name, FieldErrors errors)
    {
        var ok = value switch
        {
            DateTime d => FieldBounds.InRange(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime()),
            DateOnly d => FieldBounds.InRange(d),
            DateTimeOffset d => FieldBounds.InRange(d.UtcDateTime),
            _ => (bool?)null,
        };
        if (ok == false)
        {
            errors.Add(name.Length == 0 ? "date" : FieldName(name), "The date must be between 1900 and 2100");
        }
        // A text with a character no field keeps (a NUL, which PostgreSQL cannot even compare, a direction override, half
        // a surrogate pair) is refused at the door, in a query as in a body, before any lookup reads it.
        var refused = value switch
        {
            string text => FieldBounds.HasRefused(text),
            IEnumerable<string?> list => list.Any(t => t is not null && FieldBounds.HasRefused(t)),
            _ => (bool?)null,
        };
        if (refused == true)
        {
            errors.Add(FieldName(name), "Remove the control characters from the text");
        }
        return ok is not null || refused is not null;
    }

    private static string FieldName(string name) => name.Length == 0 ? "value" : char.ToLower(name[0], CultureInfo.InvariantCulture) + name[1..];

    private static PropertyInfo[] Checked(Type type) => [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is var t
            && (t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(DateTimeOffset) || t == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(t)))];
}

/// <summary>The same bounds for page handlers: their arguments and the page's bound properties. A date out of range
/// answers 400 (the status page says the request could not be used) before the handler runs.</summary>
public sealed class PageInputBounds : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    /// <summary>Each page's bound properties, found once (as the endpoint filter keeps each type's checked fields).</summary>
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> BoundProperties = new();

    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var errors = new FieldErrors();
        foreach (var (name, value) in context.HandlerArguments)
        {
            InputBounds.Collect(value, name, errors);
        }
        foreach (var property in BoundProperties.GetOrAdd(context.HandlerInstance.GetType(), type => [.. type.GetProperties()
            .Where(p => p.GetCustomAttribute<Microsoft.AspNetCore.Mvc.BindPropertyAttribute>() is not null)]))
        {
            InputBounds.Collect(property.GetValue(context.HandlerInstance), property.Name, errors);
        }
        if (!errors.IsEmpty)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.BadRequestResult();
            return;
        }
        await next();
    }
}
