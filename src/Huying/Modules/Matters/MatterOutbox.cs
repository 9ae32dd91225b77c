using Huying.Platform.Notifications;

namespace Huying.Modules.Matters;

/// <summary>What a matter's notices are addressed by: where it is and who holds it (a whole matter, or the few columns
/// the deadline sweep reads of thousands).</summary>
public interface IMatterAddress
{
    long Id { get; }
    string TrackingCode { get; }
    string CommunityCode { get; }
    long? GridId { get; }
    long? UnitId { get; }
    HandlerLevel Handler { get; }
    MatterState State { get; }
    DateTime? DueAt { get; }
}

/// <summary>
/// What a matter writes beside its state: its timeline steps, its supervision notices and its notifications (the
/// outbox, saved in the same transaction as the step they report, so nothing acknowledged is lost).
/// </summary>
public static class MatterOutbox
{
    public static MatterEvent Event(Matter m, string action, MatterState? from, string role, string? unit, string? note, DateTime at,
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

    public static Supervision Supervision(IMatterAddress m, SupervisionKind kind, DateTime now, string addressedTo) => new()
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

    /// <summary>An in-app notice to the handler's level (the grid's workers, the community's staff or the unit) or its supervisor.</summary>
    public static Notification InApp(IMatterAddress m, string kind, string subject, Audience audience, bool gridLevel, DateTime now) => new()
    {
        CreatedAt = now,
        SubjectType = nameof(Matter),
        SubjectId = m.Id == 0 ? null : m.Id,
        Link = m.Id == 0 ? null : $"/matters/{m.Id}",
        Kind = kind,
        Subject = subject,
        CommunityCode = m.CommunityCode,
        GridId = gridLevel ? m.GridId : null,
        UnitId = m.Handler == HandlerLevel.Unit && audience == Audience.Handler ? m.UnitId : null,
        Audience = audience,
        Channel = NotificationChannel.InApp,
        DeliveredAt = now,
    };

    /// <summary>A text message to a resident, sent (and retried) by the dispatcher.</summary>
    public static Notification Sms(Matter m, string kind, string subject, string phoneCipher, DateTime now) => new()
    {
        CreatedAt = now,
        SubjectType = nameof(Matter),
        SubjectId = m.Id == 0 ? null : m.Id,
        Kind = kind,
        Subject = $"{m.TrackingCode} {subject}",
        CommunityCode = m.CommunityCode,
        GridId = m.GridId,
        Audience = Audience.Resident,
        Channel = NotificationChannel.Sms,
        PhoneCipher = phoneCipher,
        NextAttemptAt = now,
    };
}
