using Huying.Modules.Organisation;
using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

/// <summary>On a community's page: how many of its partner units have an agreement in force today, and its project list.</summary>
internal sealed class AgreementFacts(HuyingDbContext db, AgreementsService agreements) : IPlaceFacts
{
    public async Task<IReadOnlyList<PlaceFact>> ForCommunityAsync(string community, CancellationToken ct)
    {
        var today = agreements.Today;
        var links = db.PartnerUnitCommunities.AsNoTracking().Where(l => l.CommunityCode == community);
        var signed = await links.CountAsync(l => db.Set<PartnershipAgreement>().Any(a => a.CommunityCode == community
            && a.PartnerUnitId == l.PartnerUnitId && a.StartsOn <= today && a.EndsOn >= today), ct);
        var projects = await db.Projects.CountAsync(p => p.CommunityCode == community, ct);
        return
        [
            new PlaceFact("agreements-signed", Tr.T("Partnership agreements"), Tr.T("{0} of {1} units signed", signed, await links.CountAsync(ct)),
                $"/projects/agreements?community={community}"),
            new PlaceFact("project-summary", Tr.T("Project summary"), Tr.T("{0} projects", projects), $"/projects?community={community}"),
        ];
    }
}
