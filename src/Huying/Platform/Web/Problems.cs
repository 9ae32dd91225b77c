using Huying.Platform.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Web;

/// <summary>A rule of the domain was broken by an otherwise valid request: 409, with what the caller needs to refresh (the state now …).</summary>
public sealed class RuleViolationException(string message, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}

/// <summary>The caller asked too often for something limited per user: 429.</summary>
public sealed class TooManyRequestsException(string message) : Exception(message);

/// <summary>The caller may see the record but its role cannot do this: 403.</summary>
public sealed class NotAllowedException(string message) : Exception(message);

/// <summary>The record is not there for this caller (or not at all): 404, the same answer either way.</summary>
public sealed class NotFoundException() : Exception("Not found");

/// <summary>Field errors found inside a service once a record is loaded: 400 with the fields (a form shows them beside each).</summary>
public sealed class FieldException(FieldErrors errors) : Exception("The request has invalid fields")
{
    public FieldException(string field, Message message) : this(new FieldErrors().Add(field, message))
    {
    }

    public FieldErrors Errors { get; } = errors;
}

/// <summary>A message shown to people: an English key of the localization dictionary and its arguments.</summary>
public readonly record struct Message(string Key, params object?[] Args)
{
    public static implicit operator Message(string key) => new(key);

    /// <summary>A check's result as written: a message key, or null when nothing is wrong.</summary>
    public static implicit operator Message?(string? key) => key is null ? default(Message?) : new Message(key);

    /// <summary>In the reader's language, its arguments filled in.</summary>
    public string Localized() => Args.Length == 0
        ? DictionaryLocalizer.Translate(Key)
        : string.Format(System.Globalization.CultureInfo.CurrentCulture, DictionaryLocalizer.Translate(Key), Args);
}

/// <summary>A problem with one row (line) and column of an imported file.</summary>
public sealed record ImportProblem(int Row, string Column, Message Message);

/// <summary>
/// The one way input is refused: field errors keyed by the camelCase field name of the request, each a
/// <see cref="Message"/>. <see cref="ThrowIfAny"/> raises a <see cref="FieldException"/>, which the API answers as
/// problem details (400) and a page shows beside each field.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<Message>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    public FieldErrors Add(string field, Message? message)
    {
        if (message is { } m)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(m);
        }
        return this;
    }

    public IReadOnlyDictionary<string, List<Message>> All => errors;

    /// <summary>Adds every error of another check.</summary>
    public FieldErrors AddAll(FieldErrors other)
    {
        foreach (var (field, messages) in other.All)
        {
            messages.ForEach(m => Add(field, m));
        }
        return this;
    }

    /// <summary>Refuses the request (400, or errors beside the fields on a page) when any field is wrong.</summary>
    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new FieldException(this);
        }
    }

    public Dictionary<string, string[]> Localized() =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Localized()).ToArray());

    /// <summary>The first message, for a page's alert.</summary>
    public string First() => errors.First().Value[0].Localized();

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(Localized(), title: DictionaryLocalizer.Translate("The request has invalid fields"));
}

public static class ProblemSetup
{
    public static IServiceCollection AddHuyingProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Title = c.ProblemDetails.Title is null ? null : DictionaryLocalizer.Translate(c.ProblemDetails.Title);
            c.ProblemDetails.Extensions.Remove("traceId");
        });
        services.AddExceptionHandler<HuyingExceptionHandler>();
        return services;
    }

    public static NotFound<ProblemDetailsBody> NotFound() => TypedResults.NotFound(new ProblemDetailsBody(
        "https://tools.ietf.org/html/rfc9110#section-15.5.5", DictionaryLocalizer.Translate("Not found"), 404));
}

public sealed record ProblemDetailsBody(string Type, string Title, int Status, string? Detail = null);

/// <summary>Maps rule violations to 409 and concurrency conflicts to 409; everything else stays a 500 without details.</summary>
public sealed class HuyingExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is FieldException fields)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(fields.Errors.Localized())
                {
                    Status = StatusCodes.Status400BadRequest, Title = DictionaryLocalizer.Translate("The request has invalid fields"),
                },
            });
        }
        var (status, title) = exception switch
        {
            RuleViolationException => (StatusCodes.Status409Conflict, exception.Message),
            NotAllowedException => (StatusCodes.Status403Forbidden, exception.Message),
            NotFoundException => (StatusCodes.Status404NotFound, exception.Message),
            TooManyRequestsException => (StatusCodes.Status429TooManyRequests, exception.Message),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Someone else changed this record first"),
            DbUpdateException when Data.DbErrors.IsUniqueViolation(exception) => (StatusCodes.Status409Conflict, "This was already recorded"),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read"),
            Files.StoreFullException => (StatusCodes.Status507InsufficientStorage, exception.Message),
            _ when Data.DbErrors.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "The database is not answering: nothing was saved, try again in a moment"),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return false;
        }
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = "5";
        }
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = DictionaryLocalizer.Translate(title) };
        if (exception is RuleViolationException { Extensions: { Count: > 0 } extensions })
        {
            foreach (var (key, value) in extensions)
            {
                details.Extensions[key] = value;
            }
        }
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = exception, ProblemDetails = details }))
        {
            return true;
        }
        if (status != StatusCodes.Status503ServiceUnavailable)
        {
            return false;
        }
        // A browser's page while the database is away: the sentence itself (the error page would need the database too).
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(details.Title, ct);
        return true;
    }
}

/// <summary>The JSON shape of every list endpoint: <c>{ "items": [...] }</c>.</summary>
public sealed record ListOf<T>(IReadOnlyList<T> Items);

/// <summary>A table's rows (figures side by side).</summary>
public sealed record RowsOf<T>(IReadOnlyList<T> Rows);
