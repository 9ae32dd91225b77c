using System.Globalization;
using System.Text.Json;
using Huying.Platform.Web;

namespace Huying.Platform.Validation;

/// <summary>
/// One extra question a configurable record asks (a matter category's, a same-city item's form field), in Open311's
/// attribute shape: datatype string, text, number, datetime (a date) or singlevaluelist (one of <see cref="Values"/>).
/// </summary>
public sealed record FormQuestion(string Code, string Description, string Datatype, bool Required, IReadOnlyList<FormChoice>? Values = null);

public sealed record FormChoice(string Key, string Name);

/// <summary>The one way questions are stored (JSON beside the record), checked against answers, and shown with their answers.</summary>
public static class FormQuestions
{
    public static readonly string[] Datatypes = ["string", "text", "number", "datetime", "singlevaluelist"];

    public const int MaxAnswerLength = 500;

    public static IReadOnlyList<FormQuestion> Parse(string? json) =>
        json is { Length: > 0 } ? JsonSerializer.Deserialize<List<FormQuestion>>(json, JsonSerializerOptions.Web) ?? [] : [];

    public static string? Serialize(IReadOnlyList<FormQuestion> questions) =>
        questions.Count == 0 ? null : JsonSerializer.Serialize(questions, JsonSerializerOptions.Web);

    public static IReadOnlyDictionary<string, string> ParseAnswers(string? json) =>
        json is { Length: > 0 } ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : new Dictionary<string, string>();

    /// <summary>
    /// Checks the answers against the questions (a required one answered, a number a number, a date a date, a choice one
    /// of the list) under <c>{prefix}.{code}</c>; returns the answers to keep: the questions' own, trimmed, blanks left out.
    /// </summary>
    public static Dictionary<string, string> Check(IReadOnlyList<FormQuestion> questions, IReadOnlyDictionary<string, string>? answers, FieldErrors errors,
        string prefix = "attributes")
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in questions)
        {
            var given = answers?.GetValueOrDefault(q.Code)?.Trim() is { Length: > 0 } a ? a : null;
            Message? problem = given is null ? (q.Required ? new Message("This question needs an answer") : (Message?)null)
                : given.Length > MaxAnswerLength ? new Message("Keep it under {0} characters", MaxAnswerLength)
                : q.Values is { Count: > 0 } values && values.All(v => v.Key != given) ? new Message("Choose one of the listed answers")
                : q.Datatype == "number" && !decimal.TryParse(given, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? new Message("Enter a number")
                : q.Datatype == "datetime" && !DateOnly.TryParseExact(given, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? new Message("Enter a date (YYYY-MM-DD)")
                : (Message?)null;
            errors.Add($"{prefix}.{q.Code}", problem);
            if (given is not null && problem is null)
            {
                kept[q.Code] = given;
            }
        }
        return kept;
    }

    /// <summary>Each answered question with its answer as read (a choice by its name), in the questions' order.</summary>
    public static IEnumerable<(string Question, string Answer)> Answered(IReadOnlyList<FormQuestion> questions, IReadOnlyDictionary<string, string> answers) =>
        questions.Where(q => answers.ContainsKey(q.Code))
            .Select(q => (q.Description, q.Values?.FirstOrDefault(v => v.Key == answers[q.Code])?.Name ?? answers[q.Code]));
}
