using Microsoft.AspNetCore.Authorization;
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
    /// <summary>A one-time password (the first administrator's): every page leads to changing it, the API refuses.</summary>
    public bool MustChangePassword { get; set; }
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
    /// <summary>乡村医生: keeps the village's health records and follows its chronic patients.</summary>
    public const string VillageDoctor = nameof(VillageDoctor);
    /// <summary>A health-aid work team's member (a hospital's doctor or expert stationed in the village).</summary>
    public const string HealthTeam = nameof(HealthTeam);

    public static readonly string[] All =
    [
        Resident, GridWorker, GridLeader, CommunityStaff, CommunitySecretary, UnitLiaison, PartyMember, Volunteer,
        TownOfficer, CountyOfficer, Admin, VillageDoctor, HealthTeam,
    ];

    /// <summary>The English name of a role (a key of the localization dictionary).</summary>
    public static string Name(string role) => role switch
    {
        Resident => "Resident",
        GridWorker => "Grid worker",
        GridLeader => "Grid leader",
        CommunityStaff => "Community staff",
        CommunitySecretary => "Community secretary",
        UnitLiaison => "Unit liaison",
        PartyMember => "Party member",
        Volunteer => "Volunteer",
        TownOfficer => "Town officer",
        CountyOfficer => "County officer",
        Admin => "Administrator",
        VillageDoctor => "Village doctor",
        HealthTeam => "Health-aid team member",
        _ => role,
    };
}

/// <summary>
/// Authorization policies, each the set of roles that holds it. The platform's own are below; a module defines its
/// own with <see cref="PolicySetup.AddPolicy"/> in its entry. <see cref="PrincipalExtensions.Holds"/> reads the same
/// table, so a page's decision and an endpoint's policy cannot differ.
/// </summary>
public static class Policies
{
    /// <summary>Anyone signed in, whatever the role.</summary>
    public const string SignedIn = nameof(SignedIn);
    /// <summary>Staff of a scope: grid workers and leaders, community staff and secretaries, town and county officers, administrators.</summary>
    public const string Staff = nameof(Staff);
    /// <summary>Staff, and the liaisons of partner units (who see their own unit's records).</summary>
    public const string StaffOrUnit = nameof(StaffOrUnit);
    /// <summary>Community staff and secretaries: they run the community's records.</summary>
    public const string CommunityStaff = nameof(CommunityStaff);
    /// <summary>Community secretaries: approvals (extensions, acceptance).</summary>
    public const string CommunitySecretary = nameof(CommunitySecretary);
    /// <summary>Reveal a full ID number or phone, with a reason; every reveal is audited.</summary>
    public const string RevealPersonalData = nameof(RevealPersonalData);
    /// <summary>Read sensitive status (disability, relocation, low income); every read is audited.</summary>
    public const string SensitiveRead = nameof(SensitiveRead);
    public const string AuditRead = nameof(AuditRead);
    /// <summary>Liaisons of partner units: what only a unit does (adopt a need offered to it).</summary>
    public const string UnitLiaison = nameof(UnitLiaison);
    /// <summary>Party members: what a member does for themselves (report in service, pick a task).</summary>
    public const string PartyMember = nameof(PartyMember);
    /// <summary>Who reads notifications in the app: staff, the units' liaisons, party members (their reminders).</summary>
    public const string Inbox = nameof(Inbox);
    /// <summary>Catalogues, calendars and accounts.</summary>
    public const string Admin = nameof(Admin);
    /// <summary>
    /// The care roles (village doctor, health-aid team): the only ones who see health records, and only of the villages
    /// in their scope. Every other role, an administrator's included, is told such records do not exist (404).
    /// </summary>
    public const string Care = nameof(Care);

    private static readonly string[] StaffRoles =
        [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Table = new(new Dictionary<string, string[]>
    {
        [SignedIn] = Roles.All,
        [Staff] = StaffRoles,
        [StaffOrUnit] = [.. StaffRoles, Roles.UnitLiaison],
        [CommunityStaff] = [Roles.CommunityStaff, Roles.CommunitySecretary],
        [CommunitySecretary] = [Roles.CommunitySecretary],
        [RevealPersonalData] = [Roles.GridWorker, Roles.CommunityStaff, Roles.CommunitySecretary],
        [SensitiveRead] = [Roles.GridWorker, Roles.CommunityStaff, Roles.CommunitySecretary],
        [AuditRead] = [Roles.Admin],
        [UnitLiaison] = [Roles.UnitLiaison],
        [PartyMember] = [Roles.PartyMember],
        [Inbox] = [.. StaffRoles, Roles.UnitLiaison, Roles.PartyMember],
        [Admin] = [Roles.Admin],
        [Care] = [Roles.VillageDoctor, Roles.HealthTeam],
    });

    public static IReadOnlyDictionary<string, string[]> RolesOf => Table;

    /// <summary>Adds a module's policy to the table (the same definition again is harmless).</summary>
    public static void Define(string policy, string[] roles)
    {
        var stored = Table.GetOrAdd(policy, roles);
        if (!stored.SequenceEqual(roles))
        {
            throw new InvalidOperationException($"Policy {policy} is defined twice with different roles");
        }
    }
}

public static class PolicySetup
{
    /// <summary>A module's policy: held by these roles, for endpoints, pages and <see cref="PrincipalExtensions.Holds"/>.</summary>
    public static IServiceCollection AddPolicy(this IServiceCollection services, string policy, params string[] roles)
    {
        Policies.Define(policy, roles);
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles)));
        return services;
    }
}

public static class ScopeClaims
{
    public const string Division = "hy:div";
    public const string Grid = "hy:grid";
    public const string Unit = "hy:unit";
    public const string Person = "hy:person";
    public const string DisplayName = "hy:name";
    public const string MustChangePassword = "hy:must-change";
}

public static class PrincipalExtensions
{
    /// <summary>Whether the user holds a policy's role; for decisions inside a page or service.</summary>
    public static bool Holds(this System.Security.Claims.ClaimsPrincipal user, string policy) =>
        user.FirstRoleOf(Policies.RolesOf[policy]) is not null;

    /// <summary>
    /// The first of <paramref name="roles"/> the user is in (as <c>IsInRole</c> matches), or null: the claims read once,
    /// not once a role (every request asks several policies, and each <c>IsInRole</c> walked all the claims again).
    /// </summary>
    public static string? FirstRoleOf(this System.Security.Claims.ClaimsPrincipal user, IReadOnlyList<string> roles)
    {
        var first = int.MaxValue;
        foreach (var identity in user.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                if (string.Equals(claim.Type, identity.RoleClaimType, StringComparison.OrdinalIgnoreCase))
                {
                    for (var i = 0; i < roles.Count && i < first; i++)
                    {
                        if (string.Equals(claim.Value, roles[i], StringComparison.Ordinal))
                        {
                            first = i;
                        }
                    }
                }
            }
        }
        return first == int.MaxValue ? null : roles[first];
    }

    /// <summary>The community an account belongs to (a 12-digit division of its scope), or null for wider scopes.</summary>
    public static string? HomeCommunity(this System.Security.Claims.ClaimsPrincipal user) =>
        user.FindAll(ScopeClaims.Division).Select(c => c.Value).FirstOrDefault(c => c.Length == 12);

    /// <summary>The account's id, or null when not signed in.</summary>
    public static long? UserId(this System.Security.Claims.ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string DisplayName(this System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(ScopeClaims.DisplayName)?.Value is { Length: > 0 } name ? name : user.Identity?.Name ?? "";
}
