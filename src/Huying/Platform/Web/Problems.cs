using Huying.Platform.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Web;

/// <summary>A rule of the domain was broken by an otherwise valid request: 409.</summary>
public sealed class RuleViolationException(string message) : Exception(message);

/// <summary>The caller may see the record but its role cannot do this: 403.</summary>
public sealed class NotAllowedException(string message) : Exception(message);

/// <summary>Field errors found inside a service once a record is loaded: 400 with the fields (a form shows them beside each).</summary>
public sealed class FieldException(FieldErrors errors) : Exception("The request has invalid fields")
{
    public FieldException(string field, string message) : this(new FieldErrors().Add(field, message))
    {
    }

    public FieldErrors Errors { get; } = errors;
}

/// <summary>
/// Field errors collected at the edge; keys are the camelCase field names of the request, messages are English
/// keys translated when the problem is written.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    public FieldErrors Add(string field, string? message)
    {
        if (message is not null)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }
        return this;
    }

    public IReadOnlyDictionary<string, List<string>> All => errors;

    public Dictionary<string, string[]> Localized() =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(DictionaryLocalizer.Translate).ToArray());

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
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Someone else changed this record first"),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read"),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return false;
        }
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = DictionaryLocalizer.Translate(title) },
        });
    }
}

/// <summary>The JSON shape of every list endpoint: <c>{ "items": [...] }</c>.</summary>
public sealed record ListOf<T>(IReadOnlyList<T> Items);
