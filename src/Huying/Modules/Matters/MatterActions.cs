using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Notifications;
using Huying.Platform.Ratings;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

/// <summary>One body for every action; each action reads the fields it needs (DESIGN §7).</summary>
public sealed record MatterActionInput(string? Note = null, string? Reason = null, long? UnitId = null, string? Rating = null,
    DateTime? DueAt = null, long? IntoId = null, long? GridId = null, string? Comment = null);

/// <summary>
/// The actions of DESIGN §3.2, shared by the API and the pages. The matter decides whether an action may be taken
/// now (<see cref="Matter.Refuses"/>); each action is one small method that calls the matter's own and writes what
/// goes with it (timeline step, notifications, supervision); one save, so of two people acting at once one wins.
/// </summary>
public sealed class MatterActions(HuyingDbContext db, MatterCatalogue catalogue, WorkCalendars calendars, MatterNames names,
    TimeProvider clock, IConfiguration configuration)
{
    /// <summary>The action names of the API's route, and the actions they are.</summary>
    public static readonly IReadOnlyDictionary<string, MatterAction> ByName = Enum.GetValues<MatterAction>()
        .ToDictionary(NameOf, a => a);

    public static string NameOf(MatterAction action) => action == MatterAction.RefuseExtension
        ? "refuse-extension"
        : action.ToString().ToLowerInvariant();

    public static MatterActor ActorOf(ClaimsPrincipal user) => new(
        Roles.All.Where(user.IsInRole).ToHashSet(),
        user.UserId(),
        long.TryParse(user.FindFirstValue(ScopeClaims.Unit), out var unit) ? unit : null,
        long.TryParse(user.FindFirstValue(ScopeClaims.Person), out var person) ? person : null);

    /// <summary>What the user may do to the matter now: what a page offers.</summary>
    public static List<MatterAction> Offered(Matter m, ClaimsPrincipal user)
    {
        var actor = ActorOf(user);
        return [.. Enum.GetValues<MatterAction>().Where(a => m.Refuses(a, actor) is null)];
    }

    /// <summary>Refuses (403) a role that can never take the action, before anything is looked up.</summary>
    public static void RequireRole(string action, ClaimsPrincipal user)
    {
        if (!MayEverTake(action, user))
        {
            throw new NotAllowedException("Your role cannot take this action");
        }
    }

    /// <summary>False for a role that can never take the action (an unknown action is left to the service to refuse).</summary>
    public static bool MayEverTake(string? action, ClaimsPrincipal user) =>
        action is null || !ByName.TryGetValue(action, out var a) || Matter.RolesFor[a].Any(user.IsInRole);

    private TimeSpan RatingWindow => TimeSpan.FromDays(configuration.GetValue("Matters:RatingWindowDays", 7));

    /// <summary>Runs one action for a signed-in user; refused by role (403), by state or a lost race (409 with the state now).</summary>
    public async Task ActAsync(Matter m, string? action, MatterActionInput body, ClaimsPrincipal user, CancellationToken ct)
    {
        // A form posted without its action (an empty field binds as none) is an unknown action, not a crash.
        if (action is null || !ByName.TryGetValue(action, out var a))
        {
            throw new RuleViolationException("Unknown action");
        }
        var actor = ActorOf(user);
        if (m.Refuses(a, actor) is { } refusal)
        {
            throw refusal.ByRole ? refusal.ToException() : await ConflictAsync(m, refusal.Reason, ct);
        }
        await RunAsync(m, a, body, actor, MatterNames.RoleOf(user), await names.ActingForAsync(user, ct), ct);
    }

    /// <summary>The resident rates on the public tracking page (the tracking code is the proof).</summary>
    public Task RateByResidentAsync(Matter m, string? rating, string? comment, CancellationToken ct) =>
        RunAsync(m, MatterAction.Rate, new MatterActionInput(Rating: rating, Comment: comment), null, Roles.Resident, null, ct);

    /// <summary>What one action works with, and what it leaves for the timeline and the outbox.</summary>
    private sealed class Step(Matter matter, MatterActionInput body, MatterActor? actor, string role, DateTime now, MatterCategory category,
        WorkCalendar calendar)
    {
        public Matter M => matter;
        public string Role => role;
        public MatterActionInput Body => body;
        public MatterActor? Actor => actor;
        public DateTime Now => now;
        public MatterCategory Category => category;
        public WorkCalendar Calendar => calendar;
        public string? Note { get; set; } = body.Note?.Trim() is { Length: > 0 } n ? n : body.Reason?.Trim() is { Length: > 0 } r ? r : null;
        public string? Reason => body.Reason ?? body.Note;
        public bool Internal { get; set; }
        public List<Notification> Outbox { get; } = [];

        public void ToHandler(string kind, bool gridLevel) =>
            Outbox.Add(MatterOutbox.InApp(matter, kind, $"{matter.TrackingCode} {category.Name}", Audience.Handler, gridLevel, now));
    }

    private async Task RunAsync(Matter m, MatterAction action, MatterActionInput body, MatterActor? actor, string role, string? unit, CancellationToken ct)
    {
        var category = (await catalogue.GetAsync(ct)).Find(m.CategoryCode) ?? throw new RuleViolationException("The matter's category no longer exists");
        var step = new Step(m, body, actor, role, AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime), category, await calendars.GetAsync(ct));
        var from = m.State;
        try
        {
            await (action switch
            {
                MatterAction.Accept => AcceptAsync(step, ct),
                MatterAction.Start => StartAsync(step),
                MatterAction.Escalate => EscalateAsync(step),
                MatterAction.Reassign => ReassignAsync(step, ct),
                MatterAction.Dispatch => DispatchAsync(step, ct),
                MatterAction.Report => ReportAsync(step),
                MatterAction.Resolve => ResolveAsync(step, ct),
                MatterAction.Verify => VerifyAsync(step, ct),
                MatterAction.Rate => RateAsync(step),
                MatterAction.Reject => RejectAsync(step, ct),
                MatterAction.Merge => MergeAsync(step, ct),
                MatterAction.Reopen => ReopenAsync(step),
                MatterAction.Extend => ExtendAsync(step, ct),
                MatterAction.RefuseExtension => RefuseExtensionAsync(step, ct),
                _ => SuperviseAsync(step),
            });
            m.Events.Add(MatterOutbox.Event(m, NameOf(action), from, role, unit, step.Note, step.Now, step.Internal));
            db.AddRange(step.Outbox);
            await db.SaveChangesAsync(ct);
        }
        catch (RuleViolationException e) when (e.Extensions.Count == 0)
        {
            db.ChangeTracker.Clear();
            throw await ConflictAsync(m, e.Message, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw await ConflictAsync(m, "Someone else acted on this matter first", ct);
        }
    }

    /// <summary>A 409 that carries the matter's state as stored now, so the caller can refresh instead of guessing.</summary>
    private async Task<RuleViolationException> ConflictAsync(Matter m, string reason, CancellationToken ct)
    {
        var current = await db.Matters.AsNoTracking().Where(x => x.Id == m.Id).Select(x => (MatterState?)x.State).FirstOrDefaultAsync(ct);
        return new RuleViolationException(reason, new Dictionary<string, object?> { ["state"] = current });
    }

    private async Task AcceptAsync(Step s, CancellationToken ct)
    {
        s.M.Accept(s.Now, s.Category, s.Calendar);
        await ResidentAsync(s, "Matter accepted", ct);
    }

    private static Task StartAsync(Step s)
    {
        s.M.Start(s.Now);
        return Task.CompletedTask;
    }

    private static Task EscalateAsync(Step s)
    {
        s.M.Escalate(s.Reason, s.Now);
        s.ToHandler("Matter escalated", gridLevel: false);
        return Task.CompletedTask;
    }

    private async Task ReassignAsync(Step s, CancellationToken ct)
    {
        if (s.Body.GridId is { } gridId && !await db.Set<Organisation.Grid>().AnyAsync(g => g.Id == gridId && g.CommunityCode == s.M.CommunityCode, ct))
        {
            throw new RuleViolationException("Choose a grid of the matter's community");
        }
        s.M.Reassign(s.Body.GridId, s.Now);
        s.Note ??= s.Body.GridId is null ? "→ community queue" : null;
        s.ToHandler("New matter", gridLevel: s.M.GridId is not null && s.M.Handler == HandlerLevel.Grid);
    }

    private async Task DispatchAsync(Step s, CancellationToken ct)
    {
        var unit = s.Body.UnitId is { } unitId
            ? await db.Set<Organisation.PartnerUnit>().AsNoTracking()
                .Where(u => u.Id == unitId && u.Communities.Any(l => l.CommunityCode == s.M.CommunityCode))
                .Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct)
            : null;
        if (unit is null)
        {
            throw new RuleViolationException("Choose a partner unit linked to the community");
        }
        s.M.Dispatch(unit.Id, s.Body.DueAt is { } due ? Display.ToUtc(due) : null, s.Now);
        s.Note = string.Join(" ", new[] { "→ " + unit.Name, s.Note }.Where(x => x is not null));
        s.ToHandler("Matter dispatched to your unit", gridLevel: false);
    }

    private static Task ReportAsync(Step s)
    {
        s.M.Report(s.Actor?.UnitId, s.Now);
        return Task.CompletedTask;
    }

    private async Task ResolveAsync(Step s, CancellationToken ct)
    {
        s.M.Resolve(s.Note, s.Actor?.UserId, s.Now, s.Category, s.Calendar);
        s.ToHandler("Matter resolved: verify on site", gridLevel: s.M.GridId is not null);
        // The resolver does not verify their own work (MatterRules): the notice goes to the others of the level.
        s.Outbox[^1].NotForUserId = s.Actor?.UserId;
        await ResidentAsync(s, "Matter resolved", ct);
    }

    private async Task VerifyAsync(Step s, CancellationToken ct)
    {
        s.M.Verify(s.Now, RatingWindow);
        await ResidentAsync(s, "Please rate how your matter was handled", ct);
    }

    private static Task RateAsync(Step s)
    {
        var comment = s.Body.Comment ?? s.Body.Note;
        var rating = RatingText.Parse(s.Body.Rating);
        new FieldErrors()
            .Add("rating", rating is null ? "Choose how satisfied you are" : null)
            .Add("comment", comment is { Length: > 1000 } ? "Text is too long (1000 characters at most)" : null)
            .ThrowIfAny();
        s.M.Rate(rating!.Value, comment, s.Now);
        // The timeline says how it was rated (public text is Chinese), then the resident's words.
        s.Note = Tr.Public(RatingText.Name(rating.Value)) + (comment?.Trim() is { Length: > 0 } c ? "：" + c : "");
        if (rating == Rating.Unsatisfied)
        {
            s.ToHandler("Matter reopened: the resident is not satisfied", gridLevel: s.M.Handler == HandlerLevel.Grid);
        }
        return Task.CompletedTask;
    }

    private static Task ReopenAsync(Step s)
    {
        s.M.Reopen(s.Reason, s.Now);
        s.ToHandler("Matter reopened", gridLevel: s.M.Handler == HandlerLevel.Grid);
        return Task.CompletedTask;
    }

    private async Task RejectAsync(Step s, CancellationToken ct)
    {
        s.M.Reject(s.Reason, s.Now);
        await ResidentAsync(s, "Matter not accepted", ct);
    }

    private async Task MergeAsync(Step s, CancellationToken ct)
    {
        var into = s.Body.IntoId is { } intoId ? await db.Matters.FirstOrDefaultAsync(x => x.Id == intoId, ct) : null;
        if (into is null)
        {
            throw new RuleViolationException("Choose the matter to merge into");
        }
        s.M.MergeInto(into, s.Now);
        s.Note = string.Join(" ", new[] { "→ " + into.TrackingCode, s.Note }.Where(x => x is not null));
        await ResidentAsync(s, "Matter merged into another that is already being handled", ct, into.TrackingCode);
    }

    /// <summary>The secretary sets or approves a new deadline; anyone else asks the secretary for one.</summary>
    private async Task ExtendAsync(Step s, CancellationToken ct)
    {
        var pending = await db.ExtensionRequests.FirstOrDefaultAsync(x => x.MatterId == s.M.Id && x.Status == ExtensionStatus.Pending, ct);
        if (s.Actor?.IsAny(Roles.CommunitySecretary) == true)
        {
            s.M.Extend(s.Body.DueAt is { } d ? Display.ToUtc(d) : null, s.Now);
            if (pending is not null)
            {
                pending.Decide(ExtensionStatus.Approved, s.Body.Note, s.Now);
            }
            s.ToHandler("Extension approved", gridLevel: s.M.Handler == HandlerLevel.Grid);
        }
        else
        {
            var until = s.Body.DueAt is { } requested ? Display.ToUtc(requested) : throw new RuleViolationException("The new deadline must be later than the current one");
            s.M.RequestExtension(until, s.Reason, s.Now);
            db.ExtensionRequests.Add(new ExtensionRequest
            {
                MatterId = s.M.Id, RequestedDueAt = until, Reason = s.Reason!.Trim(), RequestedByRole = s.Role,
                RequestedByUserId = s.Actor?.UserId, CreatedAt = s.Now,
            });
            s.Outbox.Add(MatterOutbox.InApp(s.M, "Extension requested", $"{s.M.TrackingCode} {s.Category.Name}", Audience.Supervisor, false, s.Now));
        }
        s.Note = string.Join(" ", new[]
        {
            s.M.ResolveDueAt is { } due ? "→ " + Display.Local(due).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null, s.Note,
        }.Where(x => x is not null));
    }

    private async Task RefuseExtensionAsync(Step s, CancellationToken ct)
    {
        s.M.RefuseExtension(s.Now);
        var pending = await db.ExtensionRequests.FirstOrDefaultAsync(x => x.MatterId == s.M.Id && x.Status == ExtensionStatus.Pending, ct);
        pending?.Decide(ExtensionStatus.Refused, s.Note, s.Now);
        s.Internal = true;
        s.ToHandler("Extension refused", gridLevel: s.M.Handler == HandlerLevel.Grid);
    }

    private Task SuperviseAsync(Step s)
    {
        s.M.Supervise(s.Now);
        db.Supervisions.Add(MatterOutbox.Supervision(s.M, SupervisionKind.Overdue, s.Now, s.M.Handler.ToString()));
        s.ToHandler("Supervision notice", gridLevel: s.M.Handler == HandlerLevel.Grid);
        return Task.CompletedTask;
    }

    /// <summary>A text message to the resident, and to the residents of matters merged into this one.</summary>
    private async Task ResidentAsync(Step s, string kind, CancellationToken ct, string? subject = null)
    {
        var phones = new List<string?> { s.M.ReporterPhoneCipher };
        phones.AddRange(await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(x => x.MergedIntoId == s.M.Id && x.ReporterPhoneCipher != null)
            .Select(x => x.ReporterPhoneCipher).ToListAsync(ct));
        foreach (var cipher in phones.OfType<string>().Distinct())
        {
            s.Outbox.Add(MatterOutbox.Sms(s.M, kind, subject ?? s.Category.Name, cipher, s.Now));
        }
    }
}
