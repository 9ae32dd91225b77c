using System.Globalization;
using System.Text;
using Huying.Modules.Notices;
using Huying.Platform.Audit;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Deliberation;

/// <summary>Venues, meetings, attendance and minutes, and the deliberation figures.</summary>
public sealed partial class DeliberationService
{
    /// <summary>A place where the community deliberates (议事亭, 议事长廊), with how many it holds and its quorum rule.</summary>
    public async Task<Venue> CreateVenueAsync(VenueInput input, CancellationToken ct = default)
    {
        user.Require(Policies.CommunityStaff);
        (await VenueErrorsAsync(input, ct)).ThrowIfAny();
        var venue = new Venue
        {
            CommunityCode = input.CommunityCode!, Name = input.Name!.Trim(), Place = input.Place?.Trim(), Capacity = input.Capacity!.Value,
            QuorumMinimum = input.QuorumMinimum ?? 5, QuorumPercent = input.QuorumPercent ?? 50,
        };
        db.Venues.Add(venue);
        await db.SaveChangesAsync(ct);
        return venue;
    }

    private async Task<FieldErrors> VenueErrorsAsync(VenueInput input, CancellationToken ct) => new FieldErrors()
        .Add("communityCode", await db.Communities.AnyAsync(c => c.Code == input.CommunityCode, ct) ? null : "Community not found")
        .Add("name", string.IsNullOrWhiteSpace(input.Name) ? "Name is required" : null)
        .Add("capacity", input.Capacity is null or < 1 ? "Capacity must be at least 1" : null)
        .Add("quorumMinimum", input.QuorumMinimum is < 1 ? "Quorum must be at least 1" : null)
        .Add("quorumPercent", input.QuorumPercent is < 0 or > 100 ? "Quorum share must be 0 to 100 percent" : null);

    /// <summary>A meeting at a venue with its invited participants (the venue's capacity holds them).</summary>
    public async Task<Meeting> ScheduleAsync(MeetingInput input, CancellationToken ct = default)
    {
        user.Require(Policies.CommunityStaff);
        var venue = input.VenueId is { } vid ? await db.Venues.FirstOrDefaultAsync(v => v.Id == vid, ct) : null;
        var found = venue is not null && venue.CommunityCode == input.CommunityCode;
        MeetingErrors(input, found ? venue!.Capacity : null).Add("venueId", found ? null : "Venue not found").ThrowIfAny();
        return await AddMeetingAsync(input, venue!, ct);
    }

    /// <summary>
    /// A meeting at a venue named in the same form (a community with no venue yet): both are checked together, so
    /// every refused field is said at once, and saved together or not at all. The venue's fields answer as venueName …
    /// </summary>
    public async Task<Meeting> ScheduleAtNewVenueAsync(MeetingInput input, VenueInput newVenue, CancellationToken ct = default)
    {
        user.Require(Policies.CommunityStaff);
        var errors = MeetingErrors(input, newVenue.Capacity);
        foreach (var (field, messages) in (await VenueErrorsAsync(newVenue with { CommunityCode = input.CommunityCode }, ct)).All)
        {
            messages.ForEach(m => errors.Add(field == "communityCode" ? field : "venue" + char.ToUpperInvariant(field[0]) + field[1..], m));
        }
        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var venue = await CreateVenueAsync(newVenue with { CommunityCode = input.CommunityCode }, ct);
        var meeting = await AddMeetingAsync(input, venue, ct);
        await transaction.CommitAsync(ct);
        return meeting;
    }

    private static FieldErrors MeetingErrors(MeetingInput input, int? capacity)
    {
        var participants = input.Participants ?? [];
        return new FieldErrors()
            .Add("title", string.IsNullOrWhiteSpace(input.Title) ? "Title is required" : input.Title.Trim().Length > 200 ? "Text is too long" : null)
            .Add("scheduledAt", input.ScheduledAt is null ? "Date and time are required" : null)
            .Add("participants", participants.Count == 0 ? "Invite at least one participant"
                : participants.Any(p => string.IsNullOrWhiteSpace(p?.Name) || ParticipantKinds.Parse(p.Kind) is null) ? "Every participant needs a name and a kind"
                : capacity is { } c && participants.Count > c ? "More participants than the venue holds" : null);
    }

    private async Task<Meeting> AddMeetingAsync(MeetingInput input, Venue venue, CancellationToken ct)
    {
        var meeting = new Meeting
        {
            CommunityCode = venue.CommunityCode,
            VenueId = venue.Id,
            Title = input.Title!.Trim(),
            ScheduledAt = Display.ToUtc(input.ScheduledAt!.Value),
            Participants = [.. input.Participants!.Select(p => new Participant { Name = p.Name!.Trim(), Kind = ParticipantKinds.Parse(p.Kind)!.Value })],
        };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    public Task<Meeting?> MeetingAsync(long id, CancellationToken ct = default) =>
        db.Meetings.Include(m => m.Venue).Include(m => m.Participants).FirstOrDefaultAsync(m => m.Id == id, ct);

    public async Task<List<Meeting>> MeetingsAsync(string? community, CancellationToken ct = default)
    {
        var query = db.Meetings.AsNoTracking().Include(m => m.Venue).Include(m => m.Participants).AsQueryable();
        if (!string.IsNullOrEmpty(community))
        {
            query = query.Where(m => m.CommunityCode == community);
        }
        return await query.OrderByDescending(m => m.ScheduledAt).ToListAsync(ct);
    }

    public async Task<List<Venue>> VenuesAsync(string? community, CancellationToken ct = default) =>
        await db.Venues.AsNoTracking().Where(v => community == null || v.CommunityCode == community).OrderBy(v => v.Id).ToListAsync(ct);

    public async Task<List<Topic>> AgendaAsync(long meetingId, CancellationToken ct = default) =>
        await db.Topics.AsNoTracking().Where(t => t.MeetingId == meetingId).OrderBy(t => t.Id).ToListAsync(ct);

    public async Task SetAttendanceAsync(Meeting meeting, IReadOnlyCollection<long> present, CancellationToken ct = default)
    {
        user.Require(Policies.CommunityStaff);
        // The published result counts who was there; it cannot change afterwards.
        if (await db.Topics.AnyAsync(t => t.MeetingId == meeting.Id && t.DecidedAt != null, ct))
        {
            throw new RuleViolationException("Attendance is fixed once the meeting has decided");
        }
        foreach (var p in meeting.Participants)
        {
            p.Present = present.Contains(p.Id);
        }
        meeting.HeldAt ??= Now;
        await db.SaveChangesAsync(ct);
    }

    public async Task SetMinutesAsync(Meeting meeting, string? minutes, CancellationToken ct = default)
    {
        user.Require(Policies.CommunityStaff);
        new FieldErrors().Add("minutes", minutes is { Length: > 8000 } ? "Text is too long" : null).ThrowIfAny();
        meeting.Minutes = minutes?.Trim();
        await db.SaveChangesAsync(ct);
    }

    public async Task<DeliberationFigures> FiguresAsync(string division, DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        // A time without a zone is the county's (a reader's "from 1 January"); the ends of the calendar stay ends.
        static DateTime Instant(DateTime? value, DateTime otherwise) => value is not { } v ? otherwise
            : v.Kind == DateTimeKind.Utc ? v : v.Year is <= 1 or >= 9999 ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : Display.ToUtc(v);
        var start = Instant(from, DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc));
        var end = Instant(to, DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc));
        var topics = await db.Topics.AsNoTracking().Where(t => t.CommunityCode.StartsWith(division) && t.RaisedAt >= start && t.RaisedAt < end)
            .Select(t => new { t.Stage, t.RaisedAt, t.DecidedAt }).ToListAsync(ct);
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Participants)
            .Where(m => m.CommunityCode.StartsWith(division) && m.HeldAt != null && m.HeldAt >= start && m.HeldAt < end).ToListAsync(ct);
        var objections = await db.Objections.AsNoTracking()
            .Where(o => db.Set<Notice>().Any(n => n.Id == o.NoticeId && n.CommunityCode.StartsWith(division)) && o.CreatedAt >= start && o.CreatedAt < end)
            .Select(o => o.Answer != null).ToListAsync(ct);
        var decided = topics.Where(t => t.DecidedAt is not null).ToList();
        var invited = meetings.Sum(m => m.Invited);
        var present = meetings.Sum(m => m.Present);
        return new DeliberationFigures(topics.Count, decided.Count, topics.Count(t => t.Stage == TopicStage.Done),
            topics.Count(t => t.Stage == TopicStage.Declined), meetings.Count, invited, present,
            invited == 0 ? null : Math.Round(present * 100.0 / invited, 1), objections.Count, objections.Count(a => a),
            decided.Count == 0 ? null : Math.Round(decided.Average(t => (t.DecidedAt!.Value - t.RaisedAt).TotalDays), 1));
    }
}
