using Huying.Platform.Composition;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Heritage;

/// <summary>On a village's or community's public page of a city that keeps heritage sites: report a hazard, book a visit to its education base.</summary>
internal sealed class HeritageEntries(HuyingDbContext db) : IPublicEntries
{
    public async Task<IReadOnlyList<PublicEntry>> ForCommunityAsync(string community, CancellationToken ct)
    {
        if (community.Length < 6)
        {
            return [];
        }
        var city = community[..6];
        // Queries of their own outside the scope: the public page asks only whether the city has sites and a base.
        var sites = db.Set<HeritageSite>().IgnoreQueryFilters().AsNoTracking().Where(s => s.CommunityCode.StartsWith(city));
        if (!await sites.AnyAsync(ct))
        {
            return [];
        }
        List<PublicEntry> entries =
        [
            new("public-heritage-report", "Report a heritage hazard",
                "Cracks, collapse, theft or digging, fire risk, building work or water at a protected site: tell the heritage centre, it answers urgent hazards within two hours.",
                $"/heritage/report?city={city}"),
        ];
        if (await sites.AnyAsync(s => s.EducationBase, ct))
        {
            entries.Add(new("public-heritage-visit", "Book a visit to the red education base",
                "Groups of schools, branches and companies book a day; the base confirms with a guide. Keep the booking code to follow or call off the visit.",
                "/heritage/visit"));
        }
        return entries;
    }
}
