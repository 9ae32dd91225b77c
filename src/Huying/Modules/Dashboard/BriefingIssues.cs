using System.Text.Json;
using Huying.Modules.Notices;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Dashboard;

public sealed record BriefingSectionDto(long Id, string Practice, string Text, string Generated, bool Edited, IReadOnlyList<string> NumbersRemoved,
    IReadOnlyList<string> NumbersAdded, IReadOnlyList<BriefingFigure> Figures);

public sealed record BriefingIssueDto(long Id, int Version, string Division, string DivisionName, DateOnly From, DateOnly To, string Title,
    BriefingStatus Status, bool Scheduled, DateTime CreatedAt, string CreatedBy, DateTime? PublishedAt, string? PublishedBy, int NoticeCount,
    long? FirstNoticeId, string Text, IReadOnlyList<BriefingSectionDto> Sections);

/// <summary>A new draft: the division and period (this year to today unless told).</summary>
public sealed record BriefingDraftInput(string? Division, DateOnly? From, DateOnly? To);

/// <summary>The paragraphs' texts in order, and the version they were edited from (a second edit of the same version is refused).</summary>
public sealed record BriefingEditInput(int? Version, List<string?>? Texts);

public static class BriefingPolicies
{
    /// <summary>Who keeps a division's briefings (drafts, edits, publishes): community staff and secretaries, town and county officers, administrators.</summary>
    public const string Edit = "BriefingEdit";
}

/// <summary>
/// The briefings kept as drafts, edited and published. A draft keeps the generated text beside the edited one, so the
/// published text marks every paragraph whose numbers an editor changed; publishing puts it on the notice board of
/// every community of the division as a 党务公开 notice. A reader sees a division's briefings only when every
/// community of the division is in their scope (a county's briefing holds other communities' figures).
/// </summary>
public sealed class BriefingIssues(HuyingDbContext db, BriefingWriter writer, CurrentUser user, NoticeService notices, TimeProvider clock)
{
    public const int MaxTextLength = 8000;

    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    /// <summary>Whether every community of the division is in the reader's scope (and there is one).</summary>
    public async Task<bool> CoversAsync(string division, CancellationToken ct)
    {
        if (!DivisionFilter.IsCode(division))
        {
            return false;
        }
        var seen = await db.Communities.CountAsync(c => c.Code.StartsWith(division), ct);
        // The whole division, in a query of its own: lifting the filters must not reach the count above.
        var all = await db.Communities.IgnoreQueryFilters().CountAsync(c => c.Code.StartsWith(division), ct);
        return seen > 0 && seen == all;
    }

    public async Task<BriefingIssue?> IssueAsync(long id, CancellationToken ct)
    {
        var issue = await db.BriefingIssues.Include(i => i.Sections).FirstOrDefaultAsync(i => i.Id == id, ct);
        return issue is not null && await CoversAsync(issue.Division, ct) ? issue : null;
    }

    /// <summary>The latest briefings the reader may see (newest period first).</summary>
    public async Task<List<BriefingIssue>> RecentAsync(int max, CancellationToken ct)
    {
        var recent = await db.BriefingIssues.AsNoTracking().OrderByDescending(i => i.To).ThenByDescending(i => i.Id).Take(500).ToListAsync(ct);
        var covered = new Dictionary<string, bool>();
        var shown = new List<BriefingIssue>();
        foreach (var issue in recent)
        {
            if (!covered.TryGetValue(issue.Division, out var ok))
            {
                covered[issue.Division] = ok = await CoversAsync(issue.Division, ct);
            }
            if (ok)
            {
                shown.Add(issue);
                if (shown.Count == max)
                {
                    break;
                }
            }
        }
        return shown;
    }

    /// <summary>A draft written now from the figures, for a division wholly in the drafter's scope.</summary>
    public async Task<BriefingIssue?> DraftAsync(BriefingDraftInput input, CancellationToken ct) =>
        await DraftAsync(input, scheduled: false, user.Principal?.DisplayName() ?? "system", ct);

    public async Task<BriefingIssue?> DraftAsync(BriefingDraftInput input, bool scheduled, string by, CancellationToken ct)
    {
        user.Require(BriefingPolicies.Edit);
        var errors = new FieldErrors().Add("division", DivisionFilter.IsCode(input.Division) ? null : "Division code is required");
        var to = input.To ?? writer.Today;
        var from = input.From ?? new DateOnly(to.Year, 1, 1);
        errors.Add("to", to > writer.Today ? "The period cannot end after today" : from > to ? "The period starts after it ends" : to.DayNumber - from.DayNumber > 3660 ? "The period is at most ten years" : null);
        errors.ThrowIfAny();
        if (!await CoversAsync(input.Division!, ct))
        {
            return null;
        }
        var written = await writer.WriteAsync(input.Division!, from, to, ct);
        var issue = new BriefingIssue
        {
            Division = written.Division, DivisionName = written.DivisionName, From = written.From, To = written.To, Title = written.Title,
            Scheduled = scheduled, CreatedAt = Now, CreatedBy = by,
            Sections = [.. written.Paragraphs.Select((p, i) => new BriefingSection
            {
                Order = i, Practice = p.Practice, Generated = p.Text, Text = p.Text,
                FiguresJson = JsonSerializer.Serialize(p.Sentences.SelectMany(s => s.Figures), JsonSerializerOptions.Web),
            })],
        };
        db.BriefingIssues.Add(issue);
        await db.SaveChangesAsync(ct);
        return issue;
    }

    /// <summary>The paragraphs as edited (each given, none empty); a published briefing is not edited any more.</summary>
    public async Task EditAsync(BriefingIssue issue, BriefingEditInput input, CancellationToken ct)
    {
        user.Require(BriefingPolicies.Edit);
        if (issue.Status != BriefingStatus.Draft)
        {
            throw new RuleViolationException("A published briefing is not edited; draft a new one");
        }
        var sections = issue.Sections.OrderBy(s => s.Order).ToList();
        var texts = input.Texts ?? [];
        var errors = new FieldErrors().Add("texts", texts.Count != sections.Count ? "Give the text of every paragraph" : null);
        for (var i = 0; i < texts.Count && i < sections.Count; i++)
        {
            errors.Add($"texts[{i}]", string.IsNullOrWhiteSpace(texts[i]) ? "A paragraph cannot be empty" : texts[i]!.Length > MaxTextLength ? "Text is too long" : null);
        }
        if (errors.IsEmpty && texts.Sum(t => t!.Length + 60) > 19_000)
        {
            errors.Add("texts", "The briefing is too long for the notice board (19,000 characters at most)");
        }
        errors.ThrowIfAny();
        if (input.Version is { } version && version != issue.Version)
        {
            throw new RuleViolationException("Someone else changed the briefing meanwhile; reload it and edit again");
        }
        for (var i = 0; i < sections.Count; i++)
        {
            sections[i].Text = texts[i]!.Trim().ReplaceLineEndings("\n");
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Published: on the notice board of every community of the division (党务公开), with the edited numbers marked.</summary>
    public async Task PublishAsync(BriefingIssue issue, CancellationToken ct)
    {
        user.Require(BriefingPolicies.Edit);
        if (issue.Status != BriefingStatus.Draft)
        {
            throw new RuleViolationException("The briefing is published already");
        }
        if (issue.Sections.Count == 0)
        {
            throw new RuleViolationException("A briefing with no data is not published");
        }
        var communities = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(issue.Division)).OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct);
        var by = user.Principal?.DisplayName() ?? "system";
        var body = PublishedText(issue);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var published = communities.Select(c => notices.Publish(c, NoticeKind.PartyAffairs, issue.Title, body, null, 0, null, null, by)).ToList();
        await db.SaveChangesAsync(ct);
        (issue.Status, issue.PublishedAt, issue.PublishedBy, issue.NoticeCount, issue.FirstNoticeId) =
            (BriefingStatus.Published, Now, by, published.Count, published.FirstOrDefault()?.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The text as published: numbered paragraphs, and under each one whose numbers were edited what they were and are.</summary>
    public static string PublishedText(BriefingIssue issue) =>
        string.Join("\n\n", issue.Sections.OrderBy(s => s.Order).Select((s, i) =>
            $"{BriefingWriter.Numeral(i)}、{s.Practice}\n{s.Text}" + (EditNote(s) is { } note ? "\n" + note : "")));

    /// <summary>The note an edited paragraph carries when the edit changed its numbers (a changed word needs none).</summary>
    public static string? EditNote(BriefingSection section)
    {
        var (removed, added) = section.ChangedNumbers();
        return removed.Count + added.Count == 0 ? null : $"（本段数字经编辑修改：原为{Joined(removed)}，现为{Joined(added)}。）";
    }

    private static string Joined(IReadOnlyList<string> numbers) => numbers.Count == 0 ? "无" : string.Join("、", numbers);

    public static BriefingIssueDto ToDto(BriefingIssue i) => new(i.Id, i.Version, i.Division, i.DivisionName, i.From, i.To, i.Title, i.Status, i.Scheduled,
        i.CreatedAt, i.CreatedBy, i.PublishedAt, i.PublishedBy, i.NoticeCount, i.FirstNoticeId, i.Title + "\n\n" + PublishedText(i),
        [.. i.Sections.OrderBy(s => s.Order).Select(s =>
        {
            var (removed, added) = s.ChangedNumbers();
            return new BriefingSectionDto(s.Id, s.Practice, s.Text, s.Generated, s.Edited, removed, added,
                JsonSerializer.Deserialize<List<BriefingFigure>>(s.FiguresJson, JsonSerializerOptions.Web) ?? []);
        })]);
}
