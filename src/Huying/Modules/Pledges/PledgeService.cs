using Huying.Modules.Organisation;
using System.Globalization;
using Huying.Modules.Notices;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Pledges;

public sealed record PledgeInput(long? MemberId, string? Month, string? Kind, string? Title, string? DoneWhen, DateOnly? DueOn, string? HelpNeeded,
    long? OpinionItemId);

/// <summary>The branch committee's decision: approve (the meeting recorded in the note) or send back (the reason in the note).</summary>
public sealed record ReviewInput(bool? Approve, string? Note);

public sealed record NoteInput(string? Note);

/// <summary>
/// The branch's month-end close: completed, notCompleted, or carryOn (not completed, carried on next month by this
/// decision); a commendation (praise, a reward) when the branch gives one.
/// </summary>
public sealed record CloseInput(string? Outcome, string? Rating, string? Note, string? Commendation = null);

public sealed record AmendInput(string? Title, string? DoneWhen, DateOnly? DueOn, string? Reason);

/// <summary>
/// 每月一件事: a member claims a pledge, the branch studies it, the town files it, the branch shows the month's list
/// on the board, the member reports mid-month and at the end, the branch closes it. Every step is authorized here,
/// for the pages and the API alike, and no step is skipped (409).
/// </summary>
public sealed partial class PledgeService(HuyingDbContext db, CurrentUser user, NoticeService notices, Platform.Ratings.ResidentCodes codes, FileStore files,
    TimeProvider clock)
{
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    private DateOnly Today => DateOnly.FromDateTime(Display.Local(Now));

    public DateOnly ThisMonth => new(Today.Year, Today.Month, 1);

    private string By => user.Principal?.Identity?.Name ?? "system";

    /// <summary>"2026-03" as the first of its month; null when it is not a month.</summary>
    public static DateOnly? ParseMonth(string? month) =>
        DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m : null;

    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A branch (a village or community) in the caller's scope, by its code; null when out of it.</summary>
    public Task<Organisation.Community?> BranchAsync(string code, CancellationToken ct) =>
        db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);

    /// <summary>The signed-in member's own branch record (whatever the scope), or null.</summary>
    public Task<BranchMember?> MeAsync(CancellationToken ct) =>
        user.Principal?.UserId() is { } id
            ? db.BranchMembers.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.UserId == id && m.LeftOn == null, ct)
            : Task.FromResult<BranchMember?>(null);

    /// <summary>A pledge the caller may see: their own, or one of the branches in their scope (staff, branch, town, county).</summary>
    public async Task<Pledge?> FindAsync(long id, CancellationToken ct)
    {
        if (user.Holds(PledgePolicies.Oversee))
        {
            return await db.Pledges.Include(p => p.Member).FirstOrDefaultAsync(p => p.Id == id, ct);
        }
        return await MeAsync(ct) is { } me
            ? await db.Pledges.IgnoreQueryFilters().Include(p => p.Member).FirstOrDefaultAsync(p => p.Id == id && p.MemberId == me.Id, ct)
            : null;
    }

    public Task<List<PledgeStep>> StepsAsync(Pledge pledge, CancellationToken ct) =>
        db.PledgeSteps.IgnoreQueryFilters().AsNoTracking().Where(s => s.PledgeId == pledge.Id).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);

    // ---- The member's steps

    /// <summary>A member claims a pledge for this month or the next: their own (a party member), or for a member of the branch (its staff).</summary>
    public async Task<Pledge> ClaimAsync(PledgeInput input, CancellationToken ct)
    {
        var self = !user.Holds(PledgePolicies.Review) && !user.Holds(Policies.CommunityStaff);
        if (self)
        {
            user.Require(Policies.PartyMember, "Only a party member pledges");
        }
        var member = self ? await MeAsync(ct)
            : input.MemberId is { } mid ? await db.BranchMembers.FirstOrDefaultAsync(m => m.Id == mid && m.LeftOn == null, ct) : null;
        var errors = new FieldErrors().Add("memberId", member is not null ? null : self ? "You are not on a branch's member list" : "Member not found");
        var month = ParseMonth(input.Month) ?? ThisMonth;
        errors.Add("month", input.Month is { Length: > 0 } && ParseMonth(input.Month) is null ? "Give the month as 2026-03"
            : month < ThisMonth ? "A pledge is for this month or the next" : month > ThisMonth.AddMonths(1) ? "A pledge is for this month or the next" : null);
        var kind = ParseKind(input.Kind, errors);
        var title = input.Title?.Trim() ?? "";
        var done = input.DoneWhen?.Trim() ?? "";
        errors.Add("title", title.Length == 0 ? "Say what you will do" : title.Length > 200 ? "Keep it under {0} characters" : null);
        errors.Add("doneWhen", done.Length == 0 ? "Say what done looks like" : done.Length > 300 ? "Keep it under {0} characters" : null);
        errors.Add("dueOn", input.DueOn is not { } due ? "Give the date it will be done by" : due < month || due > month.AddMonths(12) ? "The date falls in the pledge's month or the year after it" : null);
        errors.Add("helpNeeded", input.HelpNeeded?.Trim().Length > 300 ? "Keep it under {0} characters" : null);
        OpinionItem? item = null;
        if (input.OpinionItemId is { } oid)
        {
            item = await db.OpinionItems.IgnoreQueryFilters().FirstOrDefaultAsync(o => o.Id == oid, ct);
            errors.Add("opinionItemId", item is null || item.CommunityCode != member?.CommunityCode ? "Not on the branch's opinion list" : null);
        }
        errors.ThrowIfAny();
        var pledge = new Pledge
        {
            CommunityCode = member!.CommunityCode, MemberId = member.Id, Month = month, Kind = kind, Title = title, DoneWhen = done, DueOn = input.DueOn!.Value,
            HelpNeeded = string.IsNullOrWhiteSpace(input.HelpNeeded) ? null : input.HelpNeeded.Trim(), OpinionItemId = item?.Id, State = PledgeState.Draft, CreatedAt = Now,
        };
        db.Pledges.Add(pledge);
        Step(pledge, "Claimed", item is null ? null : item.Title);
        await db.SaveChangesAsync(ct);
        return pledge;
    }

    /// <summary>The member (or the branch's staff for them) hands the draft to the branch committee.</summary>
    public async Task<Pledge> SubmitAsync(Pledge pledge, CancellationToken ct)
    {
        await RequireMemberOrStaffAsync(pledge, ct);
        Move(pledge, PledgeState.Draft, PledgeState.Submitted);
        pledge.SubmittedAt = Now;
        Step(pledge, "Submitted", null);
        await db.SaveChangesAsync(ct);
        return pledge;
    }

    /// <summary>督诺: the member reports progress and difficulties, with up to four photos (any number of times while the pledge is on the board).</summary>
    public async Task<Pledge> ReportProgressAsync(Pledge pledge, NoteInput input, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        await RequireMemberOrStaffAsync(pledge, ct);
        var note = await NoteWithPhotosAsync(input.Note, "Say how it is going", photos, ct);
        Expect(pledge, PledgeState.Published, "Progress is reported once the pledge is on the board");
        pledge.Progress = note;
        pledge.ProgressAt = Now;
        await SaveWithPhotosAsync(Step(pledge, "Progress", note), photos, ct);
        return pledge;
    }

    /// <summary>评诺, the member's half: the self-report at month end with its photos (after at least one progress report).</summary>
    public async Task<Pledge> SelfReportAsync(Pledge pledge, NoteInput input, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        await RequireMemberOrStaffAsync(pledge, ct);
        var note = await NoteWithPhotosAsync(input.Note, "Say what was done", photos, ct);
        Expect(pledge, PledgeState.Published, "The self-report comes after the pledge is on the board");
        if (pledge.ProgressAt is null)
        {
            throw new RuleViolationException("Report progress mid-month before the month-end report");
        }
        Move(pledge, PledgeState.Published, PledgeState.Reported);
        pledge.SelfReport = note;
        pledge.ReportedAt = Now;
        await SaveWithPhotosAsync(Step(pledge, "Reported", note), photos, ct);
        return pledge;
    }

    /// <summary>
    /// Photos added afterwards to the member's progress report or self-report (the API's multipart call; the pages send
    /// them with the report), while the pledge is still open.
    /// </summary>
    public async Task<PledgeStep> AttachPhotosAsync(Pledge pledge, long stepId, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        await RequireMemberOrStaffAsync(pledge, ct);
        var step = await db.PledgeSteps.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Id == stepId && s.PledgeId == pledge.Id, ct)
            ?? throw new RuleViolationException("Photos go with a progress report or the month-end report of this pledge");
        if (step.Action is not ("Progress" or "Reported") || pledge.State is not (PledgeState.Published or PledgeState.Reported))
        {
            throw new RuleViolationException("Photos go with a progress report or the month-end report of this pledge");
        }
        var (errors, _) = await files.CheckAsync(photos, "photos", ct);
        var adding = photos.Count(f => f.Length > 0);
        var already = await db.Attachments.CountAsync(a => a.OwnerType == nameof(PledgeStep) && a.OwnerId == step.Id, ct);
        errors.Add("photos", adding == 0 ? "Choose a photo" : already + adding > FileStore.MaxFiles ? "Attach four files at most" : null);
        errors.ThrowIfAny();
        await files.SaveAsync(db, nameof(PledgeStep), step.Id, photos, "photos", ct);
        return step;
    }

    /// <summary>The photos of the steps, by step.</summary>
    public Task<ILookup<long, long>> PhotosAsync(IEnumerable<PledgeStep> steps, CancellationToken ct) =>
        FileStore.IdsByOwnerAsync(db, nameof(PledgeStep), [.. steps.Select(s => s.Id)], ct);

    private async Task<string> NoteWithPhotosAsync(string? text, string missing, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        var (errors, _) = await files.CheckAsync(photos, "photos", ct);
        var note = text?.Trim() ?? "";
        errors.Add("note", note.Length == 0 ? missing : note.Length > 1000 ? new Message("Keep it under {0} characters", 1000) : (Message?)null);
        errors.ThrowIfAny();
        return note;
    }

    /// <summary>The step and its photos are kept together or not at all.</summary>
    private async Task SaveWithPhotosAsync(PledgeStep step, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (photos.Count > 0)
        {
            await files.SaveAsync(db, nameof(PledgeStep), step.Id, photos, "photos", ct);
        }
        await transaction.CommitAsync(ct);
    }

    // ---- The branch's and the town's steps

    /// <summary>村支委会研究: the branch committee approves (the meeting recorded) or sends back with the reason.</summary>
    public async Task<Pledge> ReviewAsync(Pledge pledge, ReviewInput input, CancellationToken ct)
    {
        user.Require(PledgePolicies.Review, "Only the member's branch reviews a pledge");
        var errors = new FieldErrors().Add("approve", input.Approve is null ? "Approve or send back" : null);
        var note = input.Note?.Trim() ?? "";
        errors.Add("note", note.Length == 0 ? (input.Approve == false ? "Say why it is sent back" : "Record the committee meeting (date, who attended)")
            : note.Length > 1000 ? "Keep it under {0} characters" : null);
        errors.ThrowIfAny();
        Move(pledge, PledgeState.Submitted, input.Approve == true ? PledgeState.Approved : PledgeState.Draft);
        pledge.ApprovedAt = input.Approve == true ? Now : null;
        Step(pledge, input.Approve == true ? "Approved" : "Sent back", note);
        await db.SaveChangesAsync(ct);
        return pledge;
    }

    /// <summary>镇党委备案: the town files an approved pledge.</summary>
    public async Task<Pledge> FileAsync(Pledge pledge, CancellationToken ct)
    {
        user.Require(PledgePolicies.File, "Only the town party committee files a pledge");
        Move(pledge, PledgeState.Approved, PledgeState.Filed);
        pledge.FiledAt = Now;
        Step(pledge, "Filed", null);
        await db.SaveChangesAsync(ct);
        return pledge;
    }

    /// <summary>The town files a branch's whole approved list for a month at once; answers how many were filed.</summary>
    public async Task<int> FileAllAsync(string community, DateOnly month, CancellationToken ct)
    {
        user.Require(PledgePolicies.File, "Only the town party committee files a pledge");
        var approved = await db.Pledges.Where(p => p.CommunityCode == community && p.Month == month && p.State == PledgeState.Approved).ToListAsync(ct);
        foreach (var pledge in approved)
        {
            pledge.State = PledgeState.Filed;
            pledge.FiledAt = Now;
            Step(pledge, "Filed", null);
        }
        await db.SaveChangesAsync(ct);
        return approved.Count;
    }

    /// <summary>
    /// 晒诺: the branch shows its filed pledges of the month on the party-affairs board — one notice per branch and
    /// month (承诺公示), a new version each time its list changes. Answers the notice.
    /// </summary>
    public async Task<Notice> PublishAsync(string community, DateOnly month, CancellationToken ct)
    {
        user.Require(PledgePolicies.Review, "Only the branch shows its pledges on the board");
        var filed = await db.Pledges.Where(p => p.CommunityCode == community && p.Month == month && p.State == PledgeState.Filed).ToListAsync(ct);
        if (filed.Count == 0)
        {
            throw new RuleViolationException("No filed pledge of this month waits to be shown");
        }
        foreach (var pledge in filed)
        {
            pledge.State = PledgeState.Published;
            pledge.PublishedAt = Now;
            Step(pledge, "Published", null);
        }
        await db.SaveChangesAsync(ct);
        return await BoardAsync(community, month, "Published", ct);
    }

    /// <summary>Help the branch gave (technical advice, coordination), recorded on the pledge while it is on the board.</summary>
    public async Task<Pledge> RecordHelpAsync(Pledge pledge, NoteInput input, CancellationToken ct)
    {
        user.Require(PledgePolicies.Review, "Only the member's branch records its help");
        var note = Required(input.Note, "note", "Say what help was given", 1000);
        Expect(pledge, PledgeState.Published, "Help is recorded while the pledge is on the board");
        Step(pledge, "Help", note);
        await db.SaveChangesAsync(ct);
        return pledge;
    }

    /// <summary>
    /// 评诺, the branch's half: rates the month and closes the pledge — completed, not completed, or carried on into next
    /// month (a new draft for the member, by this explicit decision). The board shows the result as a new version.
    /// </summary>
    public async Task<Pledge> CloseAsync(Pledge pledge, CloseInput input, CancellationToken ct)
    {
        user.Require(PledgePolicies.Review, "Only the member's branch evaluates a pledge");
        var errors = new FieldErrors();
        var outcome = input.Outcome?.Trim().ToLowerInvariant();
        errors.Add("outcome", outcome is "completed" or "notcompleted" or "carryon" ? null : "Choose completed, not completed or carry on");
        errors.Add("rating", Enum.TryParse<PledgeRating>(input.Rating, true, out var rating) && Enum.IsDefined(rating) && !(input.Rating ?? "").All(char.IsDigit)
            ? null : "Choose a rating");
        errors.Add("note", input.Note?.Trim().Length > 1000 ? "Keep it under {0} characters" : null);
        errors.Add("commendation", input.Commendation?.Trim().Length > 200 ? new Message("Keep it under {0} characters", 200) : (Message?)null);
        errors.ThrowIfAny();
        Move(pledge, PledgeState.Reported, outcome == "completed" ? PledgeState.Done : PledgeState.NotDone);
        pledge.Rating = rating;
        pledge.Commendation = string.IsNullOrWhiteSpace(input.Commendation) ? null : input.Commendation.Trim();
        pledge.ClosedAt = Now;
        Step(pledge, outcome == "completed" ? "Done" : outcome == "carryon" ? "Carried on" : "Not done", input.Note?.Trim());
        if (outcome == "carryon")
        {
            var next = new Pledge
            {
                CommunityCode = pledge.CommunityCode, MemberId = pledge.MemberId, Month = pledge.Month.AddMonths(1), Kind = pledge.Kind, Title = pledge.Title,
                DoneWhen = pledge.DoneWhen, DueOn = pledge.DueOn < pledge.Month.AddMonths(2) ? pledge.Month.AddMonths(2).AddDays(-1) : pledge.DueOn,
                HelpNeeded = pledge.HelpNeeded, OpinionItemId = pledge.OpinionItemId, CarriedFromId = pledge.Id, State = PledgeState.Draft, CreatedAt = Now,
            };
            db.Pledges.Add(next);
            Step(next, "Claimed", "Carried on from last month by the branch's decision");
        }
        await db.SaveChangesAsync(ct);
        await BoardAsync(pledge.CommunityCode, pledge.Month, "Evaluated", ct);
        return pledge;
    }

    /// <summary>A filed pledge changes only by a recorded amendment of the branch (with the reason); a shown one gets a new board version.</summary>
    public async Task<Pledge> AmendAsync(Pledge pledge, AmendInput input, CancellationToken ct)
    {
        user.Require(PledgePolicies.Review, "Only the member's branch amends a filed pledge");
        if (pledge.State is not (PledgeState.Filed or PledgeState.Published))
        {
            throw new RuleViolationException(pledge.State < PledgeState.Filed ? "Before filing, send the pledge back to change it" : "A closed pledge is not amended");
        }
        var errors = new FieldErrors();
        var title = input.Title?.Trim() ?? pledge.Title;
        var done = input.DoneWhen?.Trim() ?? pledge.DoneWhen;
        errors.Add("title", title.Length == 0 ? "Say what you will do" : title.Length > 200 ? "Keep it under {0} characters" : null);
        errors.Add("doneWhen", done.Length == 0 ? "Say what done looks like" : done.Length > 300 ? "Keep it under {0} characters" : null);
        errors.Add("dueOn", input.DueOn is { } due && (due < pledge.Month || due > pledge.Month.AddMonths(12)) ? "The date falls in the pledge's month or the year after it" : null);
        errors.Add("reason", string.IsNullOrWhiteSpace(input.Reason) ? "Say why the pledge is amended" : input.Reason.Trim().Length > 500 ? "Keep it under {0} characters" : null);
        errors.ThrowIfAny();
        var before = $"{pledge.Title} · {pledge.DoneWhen} · {pledge.DueOn:yyyy-MM-dd}";
        pledge.Title = title;
        pledge.DoneWhen = done;
        pledge.DueOn = input.DueOn ?? pledge.DueOn;
        pledge.Amendments++;
        Step(pledge, "Amended", $"{input.Reason!.Trim()}（{before}）");
        await db.SaveChangesAsync(ct);
        if (pledge.State == PledgeState.Published)
        {
            await BoardAsync(pledge.CommunityCode, pledge.Month, "Amended", ct);
        }
        return pledge;
    }

    // ---- Helpers

    private static PledgeKind ParseKind(string? kind, FieldErrors errors)
    {
        if (Enum.TryParse<PledgeKind>(kind, true, out var k) && Enum.IsDefined(k) && !(kind ?? "").All(char.IsDigit))
        {
            return k;
        }
        errors.Add("kind", "Choose one of the five kinds");
        return default;
    }

    private static string Required(string? text, string field, string missing, int max)
    {
        var t = text?.Trim() ?? "";
        new FieldErrors().Add(field, t.Length == 0 ? missing : t.Length > max ? new Message("Keep it under {0} characters", max) : (Message?)null).ThrowIfAny();
        return t;
    }

    /// <summary>The member acts on their own pledge; the branch's staff may act for them (a member without a phone).</summary>
    private async Task RequireMemberOrStaffAsync(Pledge pledge, CancellationToken ct)
    {
        if (user.Holds(PledgePolicies.Review) || user.Holds(Policies.CommunityStaff))
        {
            return;
        }
        if (await MeAsync(ct) is not { } me || me.Id != pledge.MemberId)
        {
            throw new NotAllowedException("Only the member or their branch acts on a pledge");
        }
    }

    /// <summary>The one move a step makes; any other state is a skipped or repeated phase (409).</summary>
    private static void Move(Pledge pledge, PledgeState from, PledgeState to)
    {
        Expect(pledge, from, from switch
        {
            PledgeState.Draft => "Only a draft is submitted",
            PledgeState.Submitted => "Only a submitted pledge is reviewed",
            PledgeState.Approved => "Only a pledge the branch approved is filed",
            PledgeState.Published => "The self-report comes after the pledge is on the board",
            PledgeState.Reported => "The branch evaluates after the member's month-end report",
            _ => "This step does not follow the pledge's present phase",
        });
        pledge.State = to;
    }

    private static void Expect(Pledge pledge, PledgeState state, string message)
    {
        if (pledge.State != state)
        {
            throw new RuleViolationException(message, new Dictionary<string, object?> { ["state"] = pledge.State.ToString() });
        }
    }

    private PledgeStep Step(Pledge pledge, string action, string? note)
    {
        var step = new PledgeStep { Pledge = pledge, CommunityCode = pledge.CommunityCode, At = Now, By = By, Action = action, Note = note };
        db.PledgeSteps.Add(step);
        return step;
    }
}
