using Huying.Modules.Organisation;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Volunteering.Pages;

/// <summary>Staff register a volunteer (an elder for the talent pool, a rider for the new-employment group).</summary>
[Authorize(Policy = VolunteeringPolicies.Organise)]
public sealed class NewVolunteerModel(VolunteeringService volunteering, OrganisationService org) : ActionPage
{
    public List<Community> Communities { get; private set; } = [];

    public sealed class Form
    {
        public string? CommunityCode { get; set; }
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public string? Affiliation { get; set; }
        public string? Skills { get; set; }
        public string? Availability { get; set; }
        public bool InTalentPool { get; set; }
        public string? Expertise { get; set; }
        public string? Platform { get; set; }
        public string? Employer { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public async Task OnGetAsync(string? community, CancellationToken ct)
    {
        Input.CommunityCode = community;
        Communities = await org.CommunitiesUnderAsync("", ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Volunteer? created = null;
        return await ActAsync(async () => created = await volunteering.RegisterAsync(new VolunteerInput(Input.CommunityCode, Input.Name, Input.Phone, null,
                Input.Affiliation, Input.Skills, Input.Availability, Input.InTalentPool, Input.Expertise, Input.Platform, Input.Employer), ct),
            () => Redirect($"/volunteering/volunteers/{created!.Id}"), async () => Communities = await org.CommunitiesUnderAsync("", ct));
    }
}
