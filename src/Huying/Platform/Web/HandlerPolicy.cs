using System.Reflection;
using Huying.Platform.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Huying.Platform.Web;

/// <summary>
/// The policy a page handler needs, as an endpoint has its own: a role that can never take the action hears 403
/// before the page looks anything up (so it learns nothing of records outside its scope). It only refuses earlier —
/// the service the handler calls still decides, with the same policy table.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresAttribute(string policy) : Attribute
{
    public string Policy => policy;
}

/// <summary>Applies <see cref="RequiresAttribute"/> to the handler a request selected.</summary>
public sealed class HandlerPolicyFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.MethodInfo.GetCustomAttribute<RequiresAttribute>() is { } requires
            && !context.HttpContext.User.Holds(requires.Policy))
        {
            context.Result = new ForbidResult();
            return;
        }
        await next();
    }
}
