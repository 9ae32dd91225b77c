using System.Security.Claims;
using System.Text.Json;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Huying.Modules.Matters;

public sealed record MatterInput(string? CategoryCode, string? Description, string? CommunityCode, long? BuildingId = null,
    string? Address = null, string? ReporterPhone = null, string? Channel = null, string? ReporterName = null,
    Dictionary<string, string>? Attributes = null);

/// <summary>One body for every action; each action reads the fields it needs (DESIGN §7).</summary>
public sealed record MatterActionInput(string? Note = null, string? Reason = null, long? UnitId = null, string? Rating = null,
    DateTime? DueAt = null, long? IntoId = null, long? GridId = null, string? Comment = null);

public enum QueueView
{
    Open,
    New,
    DueSoon,
    Overdue,
    CommunityQueue,
    Reworked,
    Closed,
    All,
}

public sealed record QueueFilter(string? Community = null, MatterState? State = null, long? Grid = null, bool? Overdue = null,
    QueueView View = QueueView.Open, string? Category = null, string? Q = null, int Page = 1);

/// <summary>The closed loop: intake, the actions of DESIGN §3.2 by role, queues, duplicates and the outbox.</summary>
public sealed partial class MattersService(HuyingDbContext db, MatterCatalogue catalogue, MatterIntake intake, PersonalData personal,
    TimeProvider clock, IConfiguration configuration, IMemoryCache cache)
{
    public const int PageSize = 50;
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
    private TimeSpan RatingWindow => TimeSpan.FromDays(configuration.GetValue("Matters:RatingWindowDays", 7));

    /// <summary>Actions and the roles that may take them (the handler's own role is checked again for resolve).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ActionRoles = new Dictionary<string, string[]>
    {
        ["accept"] = [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary],
        ["start"] = [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary],
        ["escalate"] = [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary],
        ["reassign"] = [Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary],
        ["dispatch"] = [Roles.CommunityStaff, Roles.CommunitySecretary],
        ["report"] = [Roles.UnitLiaison],
        ["resolve"] = [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.UnitLiaison],
        ["verify"] = [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary],
        ["rate"] = [Roles.Resident, Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary],
        ["reject"] = [Roles.CommunityStaff, Roles.CommunitySecretary],
        ["merge"] = [Roles.CommunityStaff, Roles.CommunitySecretary],
        ["reopen"] = [Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary],
        ["extend"] = [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.UnitLiaison],
        ["refuse-extension"] = [Roles.CommunitySecretary],
        ["supervise"] = [Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer],
    };

    private static readonly string[] RolePriority =
    [
        Roles.CommunitySecretary, Roles.CommunityStaff, Roles.GridLeader, Roles.GridWorker, Roles.UnitLiaison, Roles.TownOfficer,
        Roles.CountyOfficer, Roles.Admin, Roles.PartyMember, Roles.Volunteer, Roles.Resident,
    ];

    [System.Text.RegularExpressions.GeneratedRegex(@"^0\d{2,3}-?\d{7,8}$")]
    private static partial System.Text.RegularExpressions.Regex LandLine();

    public static string RoleOf(ClaimsPrincipal user) => RolePriority.FirstOrDefault(user.IsInRole) ?? Roles.Resident;

    /// <summary>Whether an action makes sense in the matter's state (the entity still has the last word).</summary>
    public static bool Offers(Matter m, string action, bool pendingExtension) => action switch
    {
        "accept" => m.State == MatterState.Submitted,
        "start" => m.State == MatterState.Accepted && m.Handler == HandlerLevel.Grid,
        "escalate" => m.State is MatterState.Accepted or MatterState.InProgress && m.Handler == HandlerLevel.Grid,
        "reassign" => m.State is MatterState.Submitted or MatterState.Accepted,
        "dispatch" => (m.State == MatterState.Accepted && m.Handler != HandlerLevel.Grid) || m.State is MatterState.Escalated or MatterState.Dispatched or MatterState.UnitAccepted,
        "report" => m.State == MatterState.Dispatched,
        "resolve" => m.Handler switch
        {
            HandlerLevel.Grid => m.State is MatterState.Accepted or MatterState.InProgress,
            HandlerLevel.Community => m.State is MatterState.Accepted or MatterState.Escalated,
            _ => m.State == MatterState.UnitAccepted,
        },
        "verify" => m.State == MatterState.Resolved,
        "rate" => m.State is MatterState.Resolved or MatterState.Verified,
        "reject" => m.State is MatterState.Submitted or MatterState.Accepted,
        "merge" => m.State is MatterState.Submitted or MatterState.Accepted or MatterState.InProgress,
        "reopen" => m.State is MatterState.Resolved or MatterState.Verified,
        "extend" => m.IsBeingHandled,
        "refuse-extension" => pendingExtension,
        "supervise" => m.IsBeingHandled || m.State is MatterState.Submitted or MatterState.Resolved,
        _ => false,
    };

    public static IEnumerable<string> ActionsFor(ClaimsPrincipal user) => ActionRoles.Where(a => a.Value.Any(user.IsInRole)).Select(a => a.Key);

    // ---------- intake ----------

    /// <summary>Checks an intake and builds the matter (not yet saved). Staff may record for a resident; the public may not pick a channel.</summary>
    public async Task<(FieldErrors Errors, Matter? Matter)> PrepareAsync(MatterInput input, ClaimsPrincipal user, MatterChannel? forced,
        CancellationToken ct, DateTime? submittedAt = null)
    {
        var errors = new FieldErrors();
        var snapshot = await catalogue.GetAsync(ct);
        var category = snapshot.Find(input.CategoryCode?.Trim());
        errors.Add("categoryCode", category is null || !category.Active ? "Choose a category" : null);
        var description = input.Description?.Trim() ?? "";
        errors.Add("description", description.Length < 5 ? "Describe the matter (5 characters at least)"
            : description.Length > 2000 ? "Text is too long (2000 characters at most)" : null);
        var staff = user.Holds(Policies.Staff);
        var places = await catalogue.PlacesAsync(ct);
        // The public intake reaches every community; staff record only within their own scope.
        var communityCode = (input.CommunityCode ?? "").Trim();
        var community = places.Communities.ContainsKey(communityCode)
            && (!staff || db.Scope.All || db.Scope.Communities.Contains(communityCode)) ? communityCode : null;
        errors.Add("communityCode", community is null ? "Community not found" : null);
        var address = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim();
        errors.Add("address", address is { Length: > 200 } ? "Address is too long (200 characters at most)" : null);
        var phone = string.IsNullOrWhiteSpace(input.ReporterPhone) ? null : input.ReporterPhone.Trim();
        errors.Add("reporterPhone", phone is null ? null
            : forced == MatterChannel.Hotline && LandLine().IsMatch(phone) ? null : Validators.Mobile(phone));
        var name = string.IsNullOrWhiteSpace(input.ReporterName) ? null : input.ReporterName.Trim();
        errors.Add("reporterName", name is { Length: > 50 } ? "Name is too long (50 characters at most)" : null);
        var channel = forced ?? MatterChannel.Web;
        if (forced is null && input.Channel is { Length: > 0 })
        {
            if (!Enum.TryParse(input.Channel, true, out channel) || !Enum.IsDefined(channel) || channel is MatterChannel.Hotline or MatterChannel.Open311)
            {
                errors.Add("channel", "Unknown channel");
            }
            else if (!staff && channel != MatterChannel.Web)
            {
                errors.Add("channel", "Only staff record matters from visits and calls");
            }
        }
        else if (forced is null && staff)
        {
            channel = MatterChannel.Staff;
        }
        MatterCatalogue.Place? building = null;
        if (community is not null && input.BuildingId is { } buildingId)
        {
            building = places.Building(community, buildingId);
            errors.Add("buildingId", building is null ? "Choose a place of this community" : null);
        }
        if (category is not null)
        {
            foreach (var attribute in category.Attributes)
            {
                var given = input.Attributes?.GetValueOrDefault(attribute.Code);
                if (attribute.Required && string.IsNullOrWhiteSpace(given))
                {
                    errors.Add($"attributes.{attribute.Code}", "This question needs an answer");
                }
                else if (given is not null && attribute.Values is { Count: > 0 } values && !values.Any(v => v.Key == given))
                {
                    errors.Add($"attributes.{attribute.Code}", "Choose one of the listed answers");
                }
            }
        }
        if (!errors.IsEmpty)
        {
            return (errors, null);
        }
        // An address without a picked place still finds its building when it names one of the community.
        building ??= address is null ? null : places.Match(community!, address);
        var stored = personal.ProtectPhone(phone);
        var matter = new Matter
        {
            TrackingCode = TrackingCodes.New("M"),
            CommunityCode = community!,
            GridId = building?.GridId,
            BuildingId = building?.Id,
            Address = address ?? building?.Name,
            CategoryCode = category!.Code,
            Description = description,
            Channel = channel,
            ReporterName = name,
            ReporterPhoneCipher = stored.Cipher,
            ReporterPhoneHash = stored.Hash,
            ReporterPhoneMasked = stored.Masked,
            ReporterPersonId = user.IsInRole(Roles.Resident) && long.TryParse(user.FindFirstValue(ScopeClaims.Person), out var person) ? person : null,
            AttributesJson = input.Attributes is { Count: > 0 } attrs ? JsonSerializer.Serialize(attrs) : null,
            ActedBy = db.Scope.Actor,
        };
        matter.Submit(submittedAt ?? Now, category, snapshot.Calendar);
        matter.Events.Add(NewEvent(matter, "submit", null, forced == MatterChannel.Hotline ? "Hotline" : RoleOf(user),
            user.Identity?.IsAuthenticated == true ? await UnitNameAsync(user, ct) : null, null, matter.SubmittedAt));
        // New matters are the queue's "New" tab; no notification row is written for them.
        await NotifyResidentAsync(matter, "Matter received", category.Name, ct);
        return (errors, matter);
    }

    /// <summary>Saves a prepared matter; returns once it is durable (several intakes may share one transaction).</summary>
    public Task SubmitAsync(Matter matter, CancellationToken ct) => intake.SubmitAsync(matter, ct);

    // ---------- reading ----------

    public Task<Matter?> FindAsync(long id, CancellationToken ct) =>
        db.Matters.Include(m => m.Events).AsSplitQuery().FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>The public tracking page reads by code, outside any scope.</summary>
    public Task<Matter?> FindByTrackingCodeAsync(string code, CancellationToken ct) =>
        db.Matters.IgnoreQueryFilters().Include(m => m.Events).AsSplitQuery().FirstOrDefaultAsync(m => m.TrackingCode == code.Trim().ToUpperInvariant(), ct);

    /// <summary>A matter for a public page (its code and state only are shown).</summary>
    public Task<Matter?> FindPublicAsync(long id, CancellationToken ct) =>
        db.Matters.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);

    public IQueryable<Matter> Queue(QueueFilter f)
    {
        var now = Now;
        var q = db.Matters.AsNoTracking();
        // The scope filter guards every query; the same limits restated as plain predicates let the database
        // reach a grid's, a unit's or a community's rows through its indexes instead of testing every row.
        var scope = db.Scope;
        if (!scope.All && scope.PartnerUnitId is { } unit)
        {
            q = q.Where(m => m.UnitId == unit);
        }
        else if (!scope.All && scope.GridRestricted && scope.PersonId is null)
        {
            var grids = scope.Grids.ToList();
            q = q.Where(m => m.GridId != null && grids.Contains(m.GridId.Value));
        }
        else if (!scope.All && scope.PersonId is null)
        {
            var communities = scope.Communities.ToList();
            q = q.Where(m => communities.Contains(m.CommunityCode));
        }
        if (!string.IsNullOrWhiteSpace(f.Community))
        {
            q = q.Where(m => m.CommunityCode == f.Community);
        }
        if (f.State is { } state)
        {
            q = q.Where(m => m.State == state);
        }
        if (f.Grid is { } grid)
        {
            q = q.Where(m => m.GridId == grid);
        }
        if (!string.IsNullOrWhiteSpace(f.Category))
        {
            q = q.Where(m => m.CategoryCode == f.Category);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            q = q.Where(m => m.TrackingCode == text.ToUpperInvariant() || m.Description.Contains(text) || (m.Address != null && m.Address.Contains(text)));
        }
        if (f.Overdue == true)
        {
            q = q.Where(m => m.DueAt != null && m.DueAt < now);
        }
        q = f.View switch
        {
            QueueView.New => q.Where(m => m.State == MatterState.Submitted),
            QueueView.DueSoon => q.Where(m => m.WarnAt != null && m.WarnAt <= now && m.DueAt >= now),
            QueueView.Overdue => q.Where(m => m.DueAt != null && m.DueAt < now),
            QueueView.CommunityQueue => q.Where(m => m.GridId == null && (int)m.State <= (int)MatterState.Verified),
            QueueView.Reworked => q.Where(m => m.ReopenCount > 0),
            QueueView.Closed => q.Where(m => (int)m.State >= (int)MatterState.Closed),
            QueueView.All => q,
            _ => f.State is null ? q.Where(m => (int)m.State <= (int)MatterState.Verified) : q,
        };
        return q;
    }

    public async Task<(List<Matter> Items, int Total)> PageAsync(QueueFilter f, CancellationToken ct)
    {
        var q = Queue(f);
        var total = await q.CountAsync(ct);
        var page = Math.Max(1, f.Page);
        // Those that fall due first come first; finished ones by recency.
        var items = await q.OrderBy(m => m.DueAt == null).ThenBy(m => m.DueAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>The reporter's full phone, for a stated reason; the reveal goes to the audit trail first.</summary>
    public async Task<string?> RevealPhoneAsync(Matter m, string reason, CancellationToken ct)
    {
        db.Audit("reveal", nameof(Matter), m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "reporterPhone: " + reason.Trim());
        await db.SaveChangesAsync(ct);
        return personal.Reveal(m.ReporterPhoneCipher);
    }

    /// <summary>The state as stored now, read fresh (after a lost race).</summary>
    public Task<MatterState?> CurrentStateAsync(long id, CancellationToken ct) =>
        db.Matters.AsNoTracking().Where(m => m.Id == id).Select(m => (MatterState?)m.State).FirstOrDefaultAsync(ct);

    public Task<List<ExtensionRequest>> ExtensionsAsync(long matterId, CancellationToken ct) =>
        db.ExtensionRequests.AsNoTracking().Where(x => x.MatterId == matterId).OrderBy(x => x.Id).ToListAsync(ct);

    public Task<List<Supervision>> SupervisionsAsync(long matterId, CancellationToken ct) =>
        db.Supervisions.AsNoTracking().Where(x => x.MatterId == matterId).OrderBy(x => x.Id).ToListAsync(ct);

    /// <summary>
    /// Possible duplicates: open matters in the same grid (or community queue) in the last 30 days, of the same
    /// category at the same place, or with similar text (Chinese character bigrams).
    /// </summary>
    public async Task<List<(Matter Matter, double Similarity, bool SamePlace)>> DuplicatesAsync(Matter m, CancellationToken ct)
    {
        var since = m.SubmittedAt.AddDays(-30);
        var candidates = await db.Matters.AsNoTracking()
            .Where(x => x.Id != m.Id && x.CommunityCode == m.CommunityCode && x.GridId == m.GridId && x.SubmittedAt >= since
                && (int)x.State <= (int)MatterState.Verified)
            .OrderByDescending(x => x.Id).Take(300).ToListAsync(ct);
        return [.. candidates
            .Select(x => (Matter: x, Similarity: TextSimilarity.Dice(m.Description, x.Description),
                SamePlace: x.CategoryCode == m.CategoryCode && ((m.BuildingId != null && x.BuildingId == m.BuildingId) || (m.Address != null && x.Address == m.Address))))
            .Where(x => x.SamePlace || x.Similarity >= TextSimilarity.DuplicateThreshold)
            .OrderByDescending(x => x.SamePlace).ThenByDescending(x => x.Similarity)
            .Take(10)];
    }

    // ---------- actions ----------

    /// <summary>Runs one action for a signed-in user; shared by the API and the pages.</summary>
    public async Task ActAsync(Matter m, string action, MatterActionInput body, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ActionRoles.TryGetValue(action, out var roles))
        {
            throw new RuleViolationException("Unknown action");
        }
        if (!roles.Any(user.IsInRole))
        {
            throw new NotAllowedException("Your role cannot take this action");
        }
        var role = RoleOf(user);
        if (action == "resolve")
        {
            var handlerRoles = m.Handler switch
            {
                HandlerLevel.Unit => new[] { Roles.UnitLiaison },
                HandlerLevel.Community => [Roles.CommunityStaff, Roles.CommunitySecretary],
                _ => [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary],
            };
            if (!handlerRoles.Any(user.IsInRole))
            {
                throw new NotAllowedException("Only the matter's current handler can resolve it");
            }
        }
        if (action == "rate" && user.IsInRole(Roles.Resident) && !user.Holds(Policies.Staff)
            && (m.ReporterPersonId is null || m.ReporterPersonId.ToString() != user.FindFirstValue(ScopeClaims.Person)))
        {
            throw new NotAllowedException("Only the resident who raised it rates a matter");
        }
        await ApplyAsync(m, action, body, role, await UnitNameAsync(user, ct), user.IsInRole(Roles.CommunitySecretary),
            long.TryParse(user.FindFirstValue(ScopeClaims.Unit), out var unit) ? unit : null, ct);
    }

    /// <summary>The resident rates on the public tracking page (the tracking code is the proof).</summary>
    public Task RateByResidentAsync(Matter m, string? rating, string? comment, CancellationToken ct) =>
        ApplyAsync(m, "rate", new MatterActionInput(Rating: rating, Comment: comment), Roles.Resident, null, false, null, ct);

    private async Task ApplyAsync(Matter m, string action, MatterActionInput body, string role, string? unitName, bool secretary,
        long? ownUnit, CancellationToken ct)
    {
        var now = Now;
        var snapshot = await catalogue.GetAsync(ct);
        var category = snapshot.Find(m.CategoryCode) ?? throw new RuleViolationException("The matter's category no longer exists");
        var from = m.State;
        var note = body.Note?.Trim() is { Length: > 0 } n ? n : body.Reason?.Trim() is { Length: > 0 } r ? r : null;
        var internalNote = false;
        switch (action)
        {
            case "accept":
                m.Accept(now, category, snapshot.Calendar);
                await NotifyResidentAsync(m, "Matter accepted", category.Name, ct);
                break;
            case "start":
                m.Start();
                break;
            case "escalate":
                m.Escalate(body.Reason ?? body.Note);
                Notify(m, "Matter escalated", category.Name, Audience.Handler, gridLevel: false);
                break;
            case "reassign":
                if (body.GridId is { } gridId && !await db.Grids.AnyAsync(g => g.Id == gridId && g.CommunityCode == m.CommunityCode, ct))
                {
                    throw new RuleViolationException("Choose a grid of the matter's community");
                }
                m.Reassign(body.GridId);
                note ??= body.GridId is null ? "→ community queue" : null;
                NotifyHandler(m, "New matter", category.Name);
                break;
            case "dispatch":
                var unit = body.UnitId is { } unitId
                    ? await db.PartnerUnits.AsNoTracking().Where(u => u.Id == unitId && u.Communities.Any(l => l.CommunityCode == m.CommunityCode))
                        .Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct)
                    : null;
                if (unit is null)
                {
                    throw new RuleViolationException("Choose a partner unit linked to the community");
                }
                m.Dispatch(unit.Id, body.DueAt is { } due ? Display.ToUtc(due) : null, now);
                note = string.Join(" ", new[] { "→ " + unit.Name, note }.Where(x => x is not null));
                Notify(m, "Matter dispatched to your unit", category.Name, Audience.Handler, gridLevel: false);
                break;
            case "report":
                m.Report(ownUnit);
                break;
            case "resolve":
                m.Resolve(note, now, category, snapshot.Calendar);
                Notify(m, "Matter resolved: verify on site", category.Name, Audience.Handler, gridLevel: m.GridId is not null);
                await NotifyResidentAsync(m, "Matter resolved", category.Name, ct);
                break;
            case "verify":
                m.Verify(now, RatingWindow);
                await NotifyResidentAsync(m, "Please rate how your matter was handled", category.Name, ct);
                break;
            case "rate":
                if (!Enum.TryParse<Rating>(body.Rating, true, out var rating) || !Enum.IsDefined(rating))
                {
                    throw new RuleViolationException("Rate satisfied, basically satisfied or unsatisfied");
                }
                m.Rate(rating, body.Comment ?? body.Note, now);
                // The timeline says how it was rated (public text is Chinese), then the resident's words.
                note = Platform.Localization.Tr.Public(MatterText.RatingName(rating))
                    + ((body.Comment ?? body.Note)?.Trim() is { Length: > 0 } c ? "：" + c : "");
                if (rating == Rating.Unsatisfied)
                {
                    Notify(m, "Matter reopened: the resident is not satisfied", category.Name, Audience.Handler, gridLevel: m.Handler == HandlerLevel.Grid);
                }
                break;
            case "reopen":
                m.Reopen(body.Reason ?? body.Note, now);
                Notify(m, "Matter reopened", category.Name, Audience.Handler, gridLevel: m.Handler == HandlerLevel.Grid);
                break;
            case "reject":
                m.Reject(body.Reason ?? body.Note, now);
                await NotifyResidentAsync(m, "Matter not accepted", category.Name, ct);
                break;
            case "merge":
                var into = body.IntoId is { } intoId ? await db.Matters.FirstOrDefaultAsync(x => x.Id == intoId, ct) : null;
                if (into is null)
                {
                    throw new RuleViolationException("Choose the matter to merge into");
                }
                m.MergeInto(into, now);
                note = string.Join(" ", new[] { "→ " + into.TrackingCode, note }.Where(x => x is not null));
                await NotifyResidentAsync(m, "Matter merged into another that is already being handled", into.TrackingCode, ct);
                break;
            case "extend":
                await ExtendAsync(m, body, role, secretary, now, ct);
                note = string.Join(" ", new[] { m.ResolveDueAt is { } d ? "→ " + Display.Local(d).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null, note }.Where(x => x is not null));
                break;
            case "refuse-extension":
                var pending = await db.ExtensionRequests.FirstOrDefaultAsync(x => x.MatterId == m.Id && x.Status == ExtensionStatus.Pending, ct)
                    ?? throw new RuleViolationException("There is no extension request to decide");
                pending.Status = ExtensionStatus.Refused;
                pending.DecidedAt = now;
                pending.DecisionNote = note;
                internalNote = true;
                Notify(m, "Extension refused", category.Name, Audience.Handler, gridLevel: m.Handler == HandlerLevel.Grid);
                break;
            case "supervise":
                if (!m.IsBeingHandled && m.State != MatterState.Submitted && m.State != MatterState.Resolved)
                {
                    throw new RuleViolationException("Only an open matter can be supervised");
                }
                db.Supervisions.Add(NewSupervision(m, SupervisionKind.Overdue, now, m.Handler.ToString()));
                Notify(m, "Supervision notice", category.Name, Audience.Handler, gridLevel: m.Handler == HandlerLevel.Grid);
                break;
            default:
                throw new RuleViolationException("Unknown action");
        }
        m.Version++;
        m.Events.Add(NewEvent(m, action, from, role, unitName, note, now, internalNote));
        await db.SaveChangesAsync(ct);
    }

    private async Task ExtendAsync(Matter m, MatterActionInput body, string role, bool secretary, DateTime now, CancellationToken ct)
    {
        m.RequireExtendable();
        var pending = await db.ExtensionRequests.FirstOrDefaultAsync(x => x.MatterId == m.Id && x.Status == ExtensionStatus.Pending, ct);
        if (secretary)
        {
            // The secretary approves the pending request, or sets a new deadline directly.
            var due = body.DueAt is { } d ? Display.ToUtc(d) : pending?.RequestedDueAt ?? throw new RuleViolationException("Give the new deadline");
            m.Extend(due, now);
            if (pending is not null)
            {
                pending.Status = ExtensionStatus.Approved;
                pending.DecidedAt = now;
                pending.DecisionNote = body.Note;
            }
            Notify(m, "Extension approved", m.TrackingCode, Audience.Handler, gridLevel: m.Handler == HandlerLevel.Grid);
            return;
        }
        if (pending is not null)
        {
            throw new RuleViolationException("An extension request is already waiting for the secretary");
        }
        if (body.DueAt is not { } requested || Display.ToUtc(requested) <= (m.ResolveDueAt ?? now))
        {
            throw new RuleViolationException("The new deadline must be later than the current one");
        }
        if (string.IsNullOrWhiteSpace(body.Reason ?? body.Note))
        {
            throw new RuleViolationException("Give the reason for the extension");
        }
        db.ExtensionRequests.Add(new ExtensionRequest
        {
            MatterId = m.Id,
            RequestedDueAt = Display.ToUtc(requested),
            Reason = (body.Reason ?? body.Note)!.Trim(),
            RequestedByRole = role,
            RequestedByUserId = db.Scope.Actor.UserId,
            CreatedAt = now,
        });
        Notify(m, "Extension requested", m.TrackingCode, Audience.Supervisor, gridLevel: false);
    }

    public static MatterEvent NewEvent(Matter m, string action, MatterState? from, string role, string? unit, string? note, DateTime at,
        bool internalNote = false) => new()
    {
        MatterId = m.Id,
        At = at,
        Action = action,
        FromState = from,
        ToState = m.State,
        ActorRole = role,
        ActorUnit = unit,
        Note = note is { Length: > 2000 } ? note[..2000] : note,
        Internal = internalNote,
    };

    public static Supervision NewSupervision(Matter m, SupervisionKind kind, DateTime now, string addressedTo) => new()
    {
        MatterId = m.Id,
        CommunityCode = m.CommunityCode,
        GridId = m.GridId,
        UnitId = m.UnitId,
        Kind = kind,
        DueAt = kind == SupervisionKind.Overdue && m.DueAt is { } due && due < now ? due : now,
        State = m.State,
        Handler = m.Handler,
        AddressedTo = addressedTo,
        CreatedAt = now,
    };

    /// <summary>
    /// The organisation a user acts for, as the timeline shows it: their unit, their grid or their division.
    /// Names rarely change, so they are cached for a few minutes (every intake and action needs one).
    /// </summary>
    private async Task<string?> UnitNameAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var unit = user.FindFirstValue(ScopeClaims.Unit);
        var grid = user.Holds(Policies.CommunityStaff) ? null : user.FindFirstValue(ScopeClaims.Grid);
        var division = user.FindFirstValue(ScopeClaims.Division);
        var key = $"unit-name:{unit}:{grid}:{division}";
        if (cache.TryGetValue(key, out string? cached))
        {
            return cached;
        }
        string? name;
        if (long.TryParse(unit, out var unitId))
        {
            name = await db.PartnerUnits.IgnoreQueryFilters().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        }
        else if (long.TryParse(grid, out var gridId))
        {
            var g = await db.Grids.IgnoreQueryFilters().Where(x => x.Id == gridId).Select(x => new { x.Name, x.CommunityCode }).FirstOrDefaultAsync(ct);
            var community = g is null ? null : await db.Communities.IgnoreQueryFilters().Where(c => c.Code == g.CommunityCode).Select(c => c.Name).FirstOrDefaultAsync(ct);
            name = g is null ? null : $"{community}{g.Name}";
        }
        else
        {
            name = division is null ? null : await db.Divisions.AsNoTracking().Where(d => d.Code == division).Select(d => d.Name).FirstOrDefaultAsync(ct);
        }
        cache.Set(key, name, TimeSpan.FromMinutes(5));
        return name;
    }

    // ---------- outbox ----------

    private void NotifyHandler(Matter m, string kind, string subject) =>
        Notify(m, kind, subject, Audience.Handler, gridLevel: m.GridId is not null && m.Handler == HandlerLevel.Grid);

    /// <summary>An in-app notification to the handler's level: the grid's workers, the community's staff or the unit.</summary>
    private void Notify(Matter m, string kind, string subject, Audience audience, bool gridLevel) => m.Outbox.Add(NewNotification(m, kind, subject, audience, gridLevel, Now));

    public static Notification NewNotification(Matter m, string kind, string subject, Audience audience, bool gridLevel, DateTime now) =>
        new()
        {
            CreatedAt = now,
            MatterId = m.Id == 0 ? null : m.Id,
            Kind = kind,
            Subject = $"{m.TrackingCode} {subject}",
            CommunityCode = m.CommunityCode,
            GridId = gridLevel ? m.GridId : null,
            UnitId = m.Handler == HandlerLevel.Unit && audience == Audience.Handler ? m.UnitId : null,
            Audience = audience,
            Channel = NotificationChannel.InApp,
            DeliveredAt = now,
        };

    /// <summary>A text message to the resident (and to the residents of matters merged into this one), sent by the dispatcher.</summary>
    private async Task NotifyResidentAsync(Matter m, string kind, string subject, CancellationToken ct)
    {
        var phones = new List<string?> { m.ReporterPhoneCipher };
        if (m.Id != 0)
        {
            phones.AddRange(await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(x => x.MergedIntoId == m.Id && x.ReporterPhoneCipher != null)
                .Select(x => x.ReporterPhoneCipher).ToListAsync(ct));
        }
        foreach (var cipher in phones.Where(p => p is not null).Distinct())
        {
            m.Outbox.Add(new Notification
            {
                CreatedAt = Now,
                Kind = kind,
                Subject = $"{m.TrackingCode} {subject}",
                CommunityCode = m.CommunityCode,
                GridId = m.GridId,
                Audience = Audience.Resident,
                Channel = NotificationChannel.Sms,
                PhoneCipher = cipher,
                NextAttemptAt = Now,
            });
        }
    }
}

/// <summary>Similarity of two Chinese texts by their character bigrams (Sørensen–Dice), ignoring spaces and punctuation.</summary>
public static class TextSimilarity
{
    public const double DuplicateThreshold = 0.5;

    public static double Dice(string a, string b)
    {
        var x = Bigrams(a);
        var y = Bigrams(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }
        var common = 0;
        var pool = y.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        foreach (var gram in x)
        {
            if (pool.TryGetValue(gram, out var n) && n > 0)
            {
                common++;
                pool[gram] = n - 1;
            }
        }
        return 2.0 * common / (x.Count + y.Count);
    }

    private static List<string> Bigrams(string text)
    {
        var chars = text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray();
        var grams = new List<string>(Math.Max(0, chars.Length - 1));
        for (var i = 0; i + 1 < chars.Length; i++)
        {
            grams.Add(new string(chars, i, 2));
        }
        return grams;
    }
}
