namespace Huying.Modules.Projects;

/// <summary>Names (English keys of the dictionary) and colours of the module's states and kinds.</summary>
public static class ProjectText
{
    public static string StatusColour(ProjectStatus status, bool late) => late ? "danger" : status switch
    {
        ProjectStatus.Planned => "secondary",
        ProjectStatus.InProgress => "primary",
        ProjectStatus.AwaitingAcceptance => "warning",
        _ => "success",
    };

    public static string NeedStatusName(NeedStatus s) => s switch
    {
        NeedStatus.Open => "Open need",
        NeedStatus.Adopted => "Adopted",
        NeedStatus.InProgress => "In progress",
        NeedStatus.Met => "Met",
        _ => "Dropped",
    };

    public static string NeedStatusColour(NeedStatus s) => s switch
    {
        NeedStatus.Open => "danger",
        NeedStatus.Adopted => "secondary",
        NeedStatus.InProgress => "primary",
        NeedStatus.Met => "success",
        _ => "light",
    };

    public static string SourceName(NeedSource s) => s switch
    {
        NeedSource.Visit => "Household visit",
        NeedSource.Survey => "Opinion survey",
        NeedSource.Meeting => "Meeting",
        NeedSource.Matters => "Recurring matters",
        NeedSource.Deliberation => "A deliberation decision",
        _ => "Other source",
    };

    public static string MarkName(MilestoneMark m) => m switch
    {
        MilestoneMark.OnTrack => "On track",
        MilestoneMark.DueSoon => "Due soon",
        MilestoneMark.Late => "Late",
        MilestoneMark.Done => "Done",
        _ => "Done late",
    };

    public static string MarkColour(MilestoneMark m) => m switch
    {
        MilestoneMark.OnTrack => "secondary",
        MilestoneMark.DueSoon => "warning",
        MilestoneMark.Late => "danger",
        MilestoneMark.Done => "success",
        _ => "success",
    };

    public static string CommendationName(CommendationKind k) => k switch
    {
        CommendationKind.Banner => "Banner",
        CommendationKind.Letter => "Thank-you letter",
        _ => "Commendation",
    };

    public static string RoleName(AttendeeRole r) => r switch
    {
        AttendeeRole.FirstSecretary => "First secretary",
        AttendeeRole.PartTimeMember => "Part-time member",
        AttendeeRole.UnitRepresentative => "Unit representative",
        AttendeeRole.CommunityStaff => "Community staff",
        _ => "Resident representative",
    };

    public static string TaskKindName(ServiceTaskKind k) => k switch
    {
        ServiceTaskKind.Need => "Need",
        ServiceTaskKind.ProjectTask => "Project task",
        _ => "Activity",
    };
}
