using System.Globalization;
using System.Text;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Huying.Platform.Data;

/// <summary>
/// The bounds every stored value keeps, read from the model itself so that pages, the API, imports and background
/// work are held alike: a text no longer than its column, without control or direction-override characters (a line
/// break and a tab are text), in NFC form; a date between 1900 and 2100. The context checks every save; intake that
/// saves later (the matter queue) checks before it answers.
/// </summary>
public static class FieldBounds
{
    public static readonly DateTime Earliest = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Latest = new(2101, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Whether a date lies in the range every stored date keeps.</summary>
    public static bool InRange(DateTime value) => value >= Earliest && value < Latest;

    public static bool InRange(DateOnly value) => value.Year is >= 1900 and <= 2100;

    /// <summary>Characters no field keeps: C0 and C1 controls but tab and line breaks, the bidirectional marks,
    /// overrides and isolates that make a name or a file read backwards.</summary>
    public static bool IsRefused(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFEFF'
            or '\u200E' or '\u200F' or '\u061C';

    /// <summary>Whether a text holds a refused character or half a surrogate pair (which no database encoding keeps).</summary>
    public static bool HasRefused(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || IsRefused(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Checks (and puts into NFC form) the values of an entity about to be saved; the errors name the properties.</summary>
    public static void Check(EntityEntry entry, FieldErrors errors)
    {
        foreach (var property in entry.Properties)
        {
            if ((entry.State != EntityState.Modified || property.IsModified) && Check(property.Metadata, property.CurrentValue, errors) is { } normalized)
            {
                property.CurrentValue = normalized;
            }
        }
    }

    /// <summary>Checks one entity that is not tracked (what a queue will save later), reading it through the model.</summary>
    public static FieldErrors Check(DbContext db, object entity)
    {
        var errors = new FieldErrors();
        // Read from the model once a type: the model is the same for every context, and asking a context for it
        // starts the context's services, which an intake that saves later has no other need of.
        // Values are read through the model's compiled getters (reflection's were a third of this check's time).
        // Only texts and dates have bounds: the other properties are not read (each read of a number boxed it).
        var readable = Readable.GetOrAdd(entity.GetType(), t =>
            (db.Model.FindEntityType(t) ?? throw new InvalidOperationException($"{t.Name} is not an entity"))
                .GetProperties().Where(p => p.PropertyInfo is not null && Bounded(p.ClrType)).Select(p => (p, p.GetGetter(), p.PropertyInfo!)).ToArray());
        foreach (var (property, getter, info) in readable)
        {
            if (Check(property, getter.GetClrValueUsingContainingEntity(entity), errors) is { } normalized)
            {
                info.SetValue(entity, normalized);
            }
        }
        return errors;
    }

    /// <summary>The types <see cref="Check(IReadOnlyProperty, object?, FieldErrors)"/> has a case for: a type given bounds
    /// there goes here too, or an intake that saves later skips it.</summary>
    private static bool Bounded(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t
        && (t == typeof(string) || t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(DateTimeOffset));

    // Per entity class, the properties read above (their bounds are the entity's own, whatever the module list or provider).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type,
        (IProperty, IClrPropertyGetter, System.Reflection.PropertyInfo)[]> Readable = new();

    /// <summary>Adds what is wrong with a value; returns the text in NFC form when it was not (null otherwise). Called for
    /// every property of every saved row: nothing is allocated for a value that passes.</summary>
    private static string? Check(IReadOnlyProperty property, object? value, FieldErrors errors)
    {
        switch (value)
        {
            case string text:
                if (HasRefused(text))
                {
                    errors.Add(JsonName(property.Name), "Remove the control characters from the text");
                    return null;
                }
                string? normalized = null;
                if (!text.IsNormalized(NormalizationForm.FormC))
                {
                    normalized = text = text.Normalize(NormalizationForm.FormC);
                }
                if (property.GetMaxLength() is { } max && text.Length > max)
                {
                    errors.Add(JsonName(property.Name), new Message("Keep it under {0} characters", max));
                }
                return normalized;
            // The type's default is "not set" (a column the code fills later), not a date someone typed.
            case DateTime date when date != default && !InRange(date):
            case DateOnly day when day != default && !InRange(day):
            case DateTimeOffset offset when offset != default && !InRange(offset.UtcDateTime):
                errors.Add(JsonName(property.Name), "The date must be between 1900 and 2100");
                return null;
        }
        return null;
    }

    private static string JsonName(string property) =>
        property.Length == 0 ? property : char.ToLower(property[0], CultureInfo.InvariantCulture) + property[1..];
}
