using Huying.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Web;

/// <summary>
/// A page whose handlers change records. <see cref="ActAsync"/> is the one way a page runs a change: the service
/// decides (and refuses by throwing). A refused role answers 403 like the API; refused fields come back beside
/// their fields (a <see cref="FieldException"/> under the form's prefix) and a refused rule or a lost race as the
/// page's alert — half-done tracked changes are dropped, the page's data is read again and the page is shown with
/// everything the user typed still in the form. A change that went through redirects (post, redirect, get).
/// </summary>
public abstract class ActionPage : PageModel
{
    /// <summary>The alert of a refused change (already in the reader's language).</summary>
    public string? Error { get; protected set; }

    /// <summary>Runs <paramref name="change"/>; on success answers <paramref name="then"/>, on refusal reloads and shows the page (or 403).</summary>
    protected async Task<IActionResult> ActAsync(Func<Task> change, Func<IActionResult> then, Func<Task> reload, string? prefix = "Input")
    {
        switch (await RunAsync(change, prefix))
        {
            case Outcome.Done:
                return then();
            case Outcome.Forbidden:
                return Forbid();
            case Outcome.Missing:
                return NotFound();
            default:
                await reload();
                return Page();
        }
    }

    /// <summary>Runs <paramref name="change"/>; false (with the errors set) when it was refused (a refused role still answers 403).</summary>
    protected async Task<bool> TryAsync(Func<Task> change, string? prefix = "Input") =>
        await RunAsync(change, prefix) switch
        {
            Outcome.Done => true,
            Outcome.Forbidden => throw new NotAllowedException("Your role cannot do this"),
            Outcome.Missing => throw new NotFoundException(),
            _ => false,
        };

    private enum Outcome
    {
        Done,
        Refused,
        Forbidden,
        Missing,
    }

    private async Task<Outcome> RunAsync(Func<Task> change, string? prefix)
    {
        try
        {
            await change();
            return Outcome.Done;
        }
        catch (FieldException e)
        {
            ModelState.AddFieldErrors(e.Errors, prefix);
            Error = e.Errors.First();
        }
        catch (RuleViolationException e)
        {
            Error = new Message(e.Message).Localized();
        }
        catch (NotAllowedException)
        {
            return Outcome.Forbidden;
        }
        catch (NotFoundException)
        {
            return Outcome.Missing;
        }
        catch (DbUpdateConcurrencyException)
        {
            Error = new Message("Someone else changed this record first").Localized();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            Error = new Message("This was already recorded").Localized();
        }
        HttpContext.RequestServices.GetRequiredService<HuyingDbContext>().ChangeTracker.Clear();
        return Outcome.Refused;
    }

    /// <summary>The first error of a field (for a field that is not a bound property).</summary>
    public string? ErrorFor(string key) => ModelState[key]?.Errors.FirstOrDefault()?.ErrorMessage;

    /// <summary>The Bootstrap class of a field with an error.</summary>
    public string Invalid(string key) => ModelState[key]?.Errors.Count > 0 ? "is-invalid" : "";
}
