using Microsoft.AspNetCore.Identity;

namespace Huying.Platform.Accounts;

/// <summary>An account. Its scope is a set of divisions, a set of grids, a partner unit or the own person.</summary>
public sealed class AppUser : IdentityUser<long>
{
    public string DisplayName { get; set; } = "";
    /// <summary>Comma-separated division codes (6, 9 or 12 digits); everything beneath each is in scope.</summary>
    public string ScopeDivisions { get; set; } = "";
    /// <summary>Comma-separated grid ids; when present, grid-level records are limited to them.</summary>
    public string ScopeGrids { get; set; } = "";
    public long? PartnerUnitId { get; set; }
    public long? PersonId { get; set; }
}

public static class Roles
{
    public const string Resident = nameof(Resident);
    public const string GridWorker = nameof(GridWorker);
    public const string GridLeader = nameof(GridLeader);
    public const string CommunityStaff = nameof(CommunityStaff);
    public const string CommunitySecretary = nameof(CommunitySecretary);
    public const string UnitLiaison = nameof(UnitLiaison);
    public const string PartyMember = nameof(PartyMember);
    public const string Volunteer = nameof(Volunteer);
    public const string TownOfficer = nameof(TownOfficer);
    public const string CountyOfficer = nameof(CountyOfficer);
    public const string Admin = nameof(Admin);

    public static readonly string[] All =
    [
        Resident, GridWorker, GridLeader, CommunityStaff, CommunitySecretary, UnitLiaison, PartyMember, Volunteer,
        TownOfficer, CountyOfficer, Admin,
    ];
}

/// <summary>Authorization policies; each names the roles that hold it.</summary>
public static class Policies
{
    /// <summary>Read the organisation structure and people of the own scope.</summary>
    public const string OrgRead = nameof(OrgRead);
    /// <summary>Read partner units (liaisons see their own unit).</summary>
    public const string PartnerUnitRead = nameof(PartnerUnitRead);
    /// <summary>Create and edit people and households.</summary>
    public const string PeopleWrite = nameof(PeopleWrite);
    /// <summary>Reveal a full ID number or phone, with a reason; every reveal is audited.</summary>
    public const string RevealPersonalData = nameof(RevealPersonalData);
    /// <summary>Read sensitive status (disability, relocation, health); every read is audited.</summary>
    public const string SensitiveRead = nameof(SensitiveRead);
    public const string AuditRead = nameof(AuditRead);
    /// <summary>Publish and correct notices, answer objections, run topics and meetings.</summary>
    public const string DeliberationWrite = nameof(DeliberationWrite);

    /// <summary>Import hotline work orders, send supervision notices across communities.</summary>
    public const string MattersManage = nameof(MattersManage);
    /// <summary>Edit the category catalogue, its deadlines and the holiday calendar.</summary>
    public const string CatalogueWrite = nameof(CatalogueWrite);

    /// <summary>Read the needs list, projects, agreements and figures of the own scope (a unit: its own).</summary>
    public const string ProjectsRead = nameof(ProjectsRead);
    /// <summary>Keep the needs list, agreements and joint meetings; record commendations and service hours.</summary>
    public const string ProjectsWrite = nameof(ProjectsWrite);
    /// <summary>Accept a project (验收) or send it back.</summary>
    public const string ProjectsAccept = nameof(ProjectsAccept);
    /// <summary>In-service party members' reports and service (双报到).</summary>
    public const string InServiceRead = nameof(InServiceRead);

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [OrgRead] = [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin],
        [PartnerUnitRead] = [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin, Roles.UnitLiaison],
        [PeopleWrite] = [Roles.GridWorker, Roles.CommunityStaff, Roles.CommunitySecretary],
        [RevealPersonalData] = [Roles.GridWorker, Roles.CommunityStaff, Roles.CommunitySecretary],
        [SensitiveRead] = [Roles.GridWorker, Roles.CommunityStaff, Roles.CommunitySecretary],
        [AuditRead] = [Roles.Admin],
        [DeliberationWrite] = [Roles.CommunityStaff, Roles.CommunitySecretary],
        [MattersManage] = [Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin],
        [CatalogueWrite] = [Roles.Admin],
        [ProjectsRead] = [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin, Roles.UnitLiaison],
        [ProjectsWrite] = [Roles.CommunityStaff, Roles.CommunitySecretary],
        [ProjectsAccept] = [Roles.CommunitySecretary],
        [InServiceRead] = [Roles.PartyMember, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.UnitLiaison, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin],
    };
}

public static class ScopeClaims
{
    public const string Division = "hy:div";
    public const string Grid = "hy:grid";
    public const string Unit = "hy:unit";
    public const string Person = "hy:person";
    public const string DisplayName = "hy:name";
}

public static class PrincipalExtensions
{
    /// <summary>Whether the user holds a policy's role; for decisions inside a page or service.</summary>
    public static bool Holds(this System.Security.Claims.ClaimsPrincipal user, string policy) =>
        Policies.RolesOf[policy].Any(user.IsInRole);

    public static string DisplayName(this System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(ScopeClaims.DisplayName)?.Value is { Length: > 0 } name ? name : user.Identity?.Name ?? "";
}
