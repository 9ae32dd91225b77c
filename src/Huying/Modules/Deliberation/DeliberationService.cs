using System.Globalization;
using System.Text;
using Huying.Modules.Notices;
using Huying.Platform.Audit;
using Huying.Platform.Composition;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Localization;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Deliberation;

/// <summary>A topic to raise; <paramref name="From"/> ("matter:12", "need:3") names the record it is raised from (staff only).</summary>
public sealed record TopicInput(string? CommunityCode, string? Title, string? Description, string? Place, int? PeopleAffected,
    string? Source, string? RaiserName, string? RaiserPhone, string? From = null);

public sealed record MeetingInput(string? CommunityCode, long? VenueId, string? Title, DateTime? ScheduledAt, List<ParticipantInput>? Participants);

public sealed record ParticipantInput(string? Name, string? Kind);

public sealed record VenueInput(string? CommunityCode, string? Name, string? Place, int? Capacity, int? QuorumMinimum, int? QuorumPercent);

public sealed record TallyInput(int? For, int? Against, int? Abstain);

public sealed record DecisionInput(long? OptionId, string? Decision, int? ObjectionDays);

public sealed record TaskInput(string? Title, string? Owner, DateOnly? DueDate);

public sealed record DeliberationFigures(int TopicsRaised, int TopicsDecided, int TopicsImplemented, int TopicsDeclined,
    int MeetingsHeld, int ParticipantsInvited, int ParticipantsPresent, double? ParticipationRate, int Objections,
    int ObjectionsAnswered, double? AverageDaysRaisedToDecided);

/// <summary>Topics, venues, meetings, votes and decisions; each stage's result goes to the notice board.</summary>
public sealed partial class DeliberationService(HuyingDbContext db, NoticeService notices, PersonalData personal, CurrentUser user, FileStore files, TimeProvider clock,
    Chains chains)
{
    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    /// <summary>A topic raised by a resident on the public page, or by staff for a representative, the branch, a matter or a need.</summary>
    public async Task<Topic> RaiseAsync(TopicInput input, bool publicForm, CancellationToken ct = default)
    {
        if (!publicForm)
        {
            user.Require(Policies.CommunityStaff);
        }
        var errors = new FieldErrors();
        var community = await db.Communities.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Code == input.CommunityCode, ct);
        if (!publicForm && community is not null && !await db.Communities.AnyAsync(c => c.Code == community.Code, ct))
        {
            community = null;
        }
        errors.Add("communityCode", community is null ? "Community not found" : null);
        errors.Add("title", string.IsNullOrWhiteSpace(input.Title) ? "Title is required" : input.Title.Trim().Length > 200 ? "Title is too long (200 characters at most)" : null);
        errors.Add("description", string.IsNullOrWhiteSpace(input.Description) ? "Describe the topic" : input.Description.Length > 4000 ? "Text is too long" : null);
        errors.Add("peopleAffected", input.PeopleAffected is < 0 ? "People affected cannot be negative" : null);
        var source = TopicSource.Resident;
        if (!publicForm && input.Source is not null && !(Enum.TryParse(input.Source, true, out source) && Enum.IsDefined(source)))
        {
            errors.Add("source", "Unknown source");
        }
        if (publicForm)
        {
            errors.Add("raiserName", string.IsNullOrWhiteSpace(input.RaiserName) ? "Name is required" : null);
            errors.Add("raiserPhone", Validators.Mobile(input.RaiserPhone));
        }
        else if (!string.IsNullOrWhiteSpace(input.RaiserPhone))
        {
            errors.Add("raiserPhone", Validators.Mobile(input.RaiserPhone));
        }
        var from = publicForm ? null : await RaisedFromAsync(input.From, community?.Code, errors, ct);
        errors.ThrowIfAny();
        var phone = personal.ProtectPhone(input.RaiserPhone);
        var topic = new Topic
        {
            CommunityCode = community!.Code,
            TrackingCode = TrackingCodes.New("YT"),
            Title = input.Title!.Trim(),
            Description = input.Description!.Trim(),
            Place = input.Place?.Trim(),
            PeopleAffected = input.PeopleAffected,
            Source = from is null ? source : from.Value.Kind == "matter" ? TopicSource.Matter : TopicSource.Need,
            MatterId = from is { Kind: "matter" } matter ? matter.Id : null,
            NeedId = from is { Kind: "need" } need ? need.Id : null,
            RaiserName = input.RaiserName?.Trim(),
            RaiserPhoneCipher = phone.Cipher,
            RaiserPhoneMasked = phone.Masked,
            RaisedAt = Now,
        };
        db.Topics.Add(topic);
        await db.SaveChangesAsync(ct);
        return topic;
    }

    /// <summary>
    /// The matter or need a topic is raised from: one the raiser can see, of the topic's community, with no open topic
    /// raised from it already (the chain goes on from the one there is).
    /// </summary>
    private async Task<ChainRef?> RaisedFromAsync(string? text, string? community, FieldErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var from = ChainRef.Parse(text) is { Kind: "matter" or "need" } named ? await chains.RecordAsync(named, ct) : null;
        if (from is null || from.Community != community)
        {
            errors.Add("from", from is null ? "The matter or need it is raised from was not found" : "It is raised from a record of another community");
            return null;
        }
        var id = from.Ref.Id;
        var open = db.Topics.Where(t => t.Stage != TopicStage.Declined && t.Stage != TopicStage.Merged);
        if (from.Ref.Kind == "matter" ? await open.AnyAsync(t => t.MatterId == id, ct) : await open.AnyAsync(t => t.NeedId == id, ct))
        {
            errors.Add("from", "A topic was already raised from it");
            return null;
        }
        return from.Ref;
    }

    /// <summary>A resident's topic from the public page with photos: the topic and its files are saved together, or neither.</summary>
    public async Task<Topic> RaisePublicAsync(TopicInput input, IReadOnlyList<IFormFile> photos, CancellationToken ct)
    {
        var (fileErrors, _) = await files.CheckAsync(photos, "photos", ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Topic topic;
        try
        {
            topic = await RaiseAsync(input, publicForm: true, ct);
        }
        catch (FieldException refused)
        {
            fileErrors.AddAll(refused.Errors).ThrowIfAny();
            throw;
        }
        fileErrors.ThrowIfAny();
        await files.SaveAsync(db, nameof(Topic), topic.Id, photos, "photos", ct);
        await transaction.CommitAsync(ct);
        return topic;
    }

    /// <summary>Community staff attach photos or PDFs (minutes, plans) to a topic.</summary>
    public async Task AttachAsync(Topic topic, IReadOnlyList<IFormFile> attached, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        if (attached.Count == 0)
        {
            throw new FieldException("files", "Choose a photo or PDF to attach");
        }
        await files.SaveAsync(db, nameof(Topic), topic.Id, attached, "files", ct);
    }

    public Task<Topic?> TopicAsync(long id, CancellationToken ct = default) =>
        db.Topics.Include(t => t.Tasks).FirstOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>The public follow-up of a topic by its code: stage, decision and the reason of a decline.</summary>
    public Task<Topic?> TrackAsync(string community, string code, CancellationToken ct = default) =>
        db.Topics.IgnoreQueryFilters().AsNoTracking().Include(t => t.Tasks)
            .FirstOrDefaultAsync(t => t.CommunityCode == community && t.TrackingCode == code, ct);

    public async Task<List<Topic>> TopicsAsync(string? community, TopicStage? stage, CancellationToken ct = default)
    {
        var query = db.Topics.AsNoTracking();
        if (!string.IsNullOrEmpty(community))
        {
            query = query.Where(t => t.CommunityCode == community);
        }
        if (stage is { } s)
        {
            query = query.Where(t => t.Stage == s);
        }
        return await query.OrderByDescending(t => t.RaisedAt).ThenByDescending(t => t.Id).ToListAsync(ct);
    }

    public async Task<List<DeliberationOption>> OptionsAsync(long topicId, CancellationToken ct = default) =>
        await db.DeliberationOptions.AsNoTracking().Where(o => o.TopicId == topicId).OrderBy(o => o.Id).ToListAsync(ct);

    /// <summary>On the agenda; the meeting's announcement on the notice board lists it (a new version each time).</summary>
    public async Task PutOnAgendaAsync(Topic topic, long meetingId, string author, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.Include(m => m.Venue).FirstOrDefaultAsync(m => m.Id == meetingId, ct)
            ?? throw new RuleViolationException("Meeting not found");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        topic.PutOnAgenda(meeting);
        await db.SaveChangesAsync(ct);
        var agenda = await db.Topics.AsNoTracking().Where(t => t.MeetingId == meeting.Id && t.Stage == TopicStage.OnAgenda)
            .OrderBy(t => t.Id).Select(t => t.Title).ToListAsync(ct);
        var title = Tr.Public("Meeting announcement: {0}", meeting.Title);
        var body = new StringBuilder()
            .AppendLine(Tr.Public("Time: {0}", Display.Local(meeting.ScheduledAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
            .AppendLine(Tr.Public("Place: {0}", meeting.Venue!.Name + (meeting.Venue.Place is { } place ? $"（{place}）" : "")))
            .AppendLine(Tr.Public("Topics:"))
            .AppendJoin('\n', agenda.Select((t, i) => $"{i + 1}. {t}")).AppendLine()
            .Append(Tr.Public("Residents are welcome to attend and to raise their views beforehand."))
            .ToString();
        if (meeting.NoticeId is { } noticeId)
        {
            await notices.ReplaceAsync(noticeId, title, body, Tr.Public("Agenda updated"), author, ct);
        }
        else
        {
            var days = Math.Max(1, (int)Math.Ceiling((meeting.ScheduledAt - Now).TotalDays) + 1);
            var notice = notices.Publish(meeting.CommunityCode, NoticeKind.MeetingAnnouncement, title, body, meeting.Venue.Place, 0, days, null, author);
            await db.SaveChangesAsync(ct);
            meeting.NoticeId = notice.Id;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task DeclineAsync(Topic topic, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RuleViolationException("Give the reason the raiser will see");
        }
        topic.Decline(reason.Trim());
        await db.SaveChangesAsync(ct);
    }

    public async Task MergeAsync(Topic topic, long intoId, CancellationToken ct = default)
    {
        var into = await db.Topics.FirstOrDefaultAsync(t => t.Id == intoId, ct) ?? throw new RuleViolationException("Topic not found");
        topic.MergeInto(into);
        await db.SaveChangesAsync(ct);
    }

    public async Task<DeliberationOption> AddOptionAsync(Topic topic, string? text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RuleViolationException("Describe the option");
        }
        if (topic.MeetingId is not { } meetingId || topic.Stage is not (TopicStage.OnAgenda or TopicStage.Discussed))
        {
            throw new RuleViolationException("Options are laid out for a topic on a meeting's agenda");
        }
        var option = new DeliberationOption { TopicId = topic.Id, MeetingId = meetingId, Text = text.Trim() };
        db.DeliberationOptions.Add(option);
        await db.SaveChangesAsync(ct);
        return option;
    }

    /// <summary>Counted votes for an option; the topic is then discussed.</summary>
    public async Task TallyAsync(Topic topic, long optionId, TallyInput tally, CancellationToken ct = default)
    {
        var option = await db.DeliberationOptions.FirstOrDefaultAsync(o => o.Id == optionId && o.TopicId == topic.Id, ct)
            ?? throw new RuleViolationException("Option not found");
        var meeting = (await MeetingAsync(option.MeetingId, ct))!;
        var counts = new[] { tally.For ?? 0, tally.Against ?? 0, tally.Abstain ?? 0 };
        if (counts.Any(c => c < 0 || c > meeting.Present) || counts.Sum(c => (long)c) > meeting.Present)
        {
            throw new RuleViolationException("More votes than participants present");
        }
        (option.For, option.Against, option.Abstain) = (counts[0], counts[1], counts[2]);
        topic.MarkDiscussed();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A named vote; the option's counts are the sum of its named votes.</summary>
    public async Task VoteAsync(Topic topic, long optionId, long participantId, VoteChoice choice, CancellationToken ct = default)
    {
        var option = await db.DeliberationOptions.FirstOrDefaultAsync(o => o.Id == optionId && o.TopicId == topic.Id, ct)
            ?? throw new RuleViolationException("Option not found");
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.Id == participantId && p.MeetingId == option.MeetingId, ct);
        if (participant is not { Present: true })
        {
            throw new RuleViolationException("Only a participant present at the meeting votes");
        }
        var vote = await db.Votes.FirstOrDefaultAsync(v => v.OptionId == optionId && v.ParticipantId == participantId, ct);
        if (vote is null)
        {
            db.Votes.Add(new Vote { OptionId = optionId, ParticipantId = participantId, Choice = choice });
        }
        else
        {
            vote.Choice = choice;
        }
        await db.SaveChangesAsync(ct);
        var votes = await db.Votes.Where(v => v.OptionId == optionId).Select(v => v.Choice).ToListAsync(ct);
        option.For = votes.Count(v => v == VoteChoice.For);
        option.Against = votes.Count(v => v == VoteChoice.Against);
        option.Abstain = votes.Count(v => v == VoteChoice.Abstain);
        topic.MarkDiscussed();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>现场拍板 with the venue's quorum; the result is published with an objection window.</summary>
    public async Task<Notice> DecideAsync(Topic topic, DecisionInput input, string author, CancellationToken ct = default)
    {
        if (input.OptionId is null || string.IsNullOrWhiteSpace(input.Decision))
        {
            throw new RuleViolationException("Choose an option and write the decision");
        }
        if (input.ObjectionDays is < 1 or > 60)
        {
            throw new RuleViolationException("Objection window must be 1 to 60 days");
        }
        var option = await db.DeliberationOptions.FirstOrDefaultAsync(o => o.Id == input.OptionId && o.TopicId == topic.Id, ct)
            ?? throw new RuleViolationException("Option not found");
        var meeting = (await MeetingAsync(option.MeetingId, ct))!;
        if (!meeting.HasQuorum)
        {
            throw new RuleViolationException("The meeting does not have its quorum: no decision can be taken");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        topic.Decide(option, input.Decision.Trim(), Now);
        var options = await OptionsAsync(topic.Id, ct);
        var days = input.ObjectionDays ?? NoticeService.DefaultObjectionDays;
        var notice = notices.Publish(topic.CommunityCode, NoticeKind.DeliberationResult, Tr.Public("Deliberation result: {0}", topic.Title),
            ResultText(topic, meeting, options, days), topic.Place, days, null, topic.Id, author);
        await db.SaveChangesAsync(ct);
        topic.Publicise(notice.Id, notice.ObjectionUntil!.Value);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return notice;
    }

    /// <summary>The public text of a decision: counts, never participants' names.</summary>
    private static string ResultText(Topic topic, Meeting meeting, List<DeliberationOption> options, int days)
    {
        var text = new StringBuilder();
        text.AppendLine(Tr.Public("Topic: {0}", topic.Title));
        text.AppendLine(topic.Description);
        text.AppendLine();
        text.AppendLine(Tr.Public("Meeting: {0}, {1} at {2}; {3} of {4} invited participants present.", meeting.Title,
            Display.Local(meeting.HeldAt)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), meeting.Venue?.Name, meeting.Present, meeting.Invited));
        foreach (var o in options)
        {
            text.AppendLine(Tr.Public("Option “{0}”: {1} for, {2} against, {3} abstaining.", o.Text, o.For, o.Against, o.Abstain));
        }
        text.AppendLine();
        text.AppendLine(Tr.Public("Decision: {0}", topic.Decision));
        text.Append(Tr.Public("Residents may object on this page within {0} days.", days));
        return text.ToString();
    }

    public async Task StartImplementingAsync(Topic topic, string? urgentReason, bool mayOverride, string author, CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(urgentReason) && !mayOverride)
        {
            throw new RuleViolationException("Only the community secretary may start before the objection window closes");
        }
        topic.StartImplementing(Now, urgentReason);
        if (topic.UrgentReason is not null)
        {
            db.Audit("urgent-start", nameof(Topic), topic.Id.ToString(CultureInfo.InvariantCulture), topic.UrgentReason);
        }
        await notices.AppendAsync(topic.NoticeId!.Value, Tr.Public("Implementation started on {0}.", Display.Local(Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            + (topic.UrgentReason is null ? "" : " " + Tr.Public("Started before the objection window closed because: {0}", topic.UrgentReason)), author, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task<FollowUpTask> AddTaskAsync(Topic topic, TaskInput input, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(input.Title) || string.IsNullOrWhiteSpace(input.Owner) || input.DueDate is null)
        {
            throw new RuleViolationException("A task needs a title, an owner and a date");
        }
        if (topic.Stage is not (TopicStage.Decided or TopicStage.Publicised or TopicStage.Implementing))
        {
            throw new RuleViolationException("Tasks follow a decision");
        }
        var task = new FollowUpTask { TopicId = topic.Id, Title = input.Title.Trim(), Owner = input.Owner.Trim(), DueDate = input.DueDate.Value };
        topic.Tasks.Add(task);
        await db.SaveChangesAsync(ct);
        return task;
    }

    /// <summary>A task done: its progress goes on the topic's notice as a new version.</summary>
    public async Task CompleteTaskAsync(Topic topic, long taskId, string? note, string author, CancellationToken ct = default)
    {
        var task = topic.Tasks.FirstOrDefault(t => t.Id == taskId) ?? throw new RuleViolationException("Task not found");
        if (topic.Stage != TopicStage.Implementing)
        {
            throw new RuleViolationException("Tasks are done while the decision is implemented");
        }
        if (task.DoneAt is not null)
        {
            throw new RuleViolationException("The task is already done");
        }
        task.DoneAt = Now;
        task.Note = note?.Trim();
        await notices.AppendAsync(topic.NoticeId!.Value, Tr.Public("Progress {0}: {1} ({2}) done.", Display.Local(Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), task.Title, task.Owner)
            + (string.IsNullOrWhiteSpace(task.Note) ? "" : " " + task.Note), author, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task CompleteAsync(Topic topic, string author, CancellationToken ct = default)
    {
        topic.Complete(Now);
        await notices.AppendAsync(topic.NoticeId!.Value, Tr.Public("Completed on {0}.", Display.Local(Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), author, ct);
        await db.SaveChangesAsync(ct);
    }
}
