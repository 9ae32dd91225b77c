using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation;

public static class PersonTags
{
    /// <summary>Tag codes and their Chinese labels (English labels are the codes' own words).</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["elderly"] = "Elderly",
        ["living-alone"] = "Living alone",
        ["disabled"] = "Disabled",
        ["low-income"] = "Low income",
        ["relocated"] = "Relocated",
        ["veteran"] = "Veteran",
        ["retired-cadre"] = "Retired cadre",
        ["new-employment"] = "New employment",
    };

    /// <summary>Sensitive personal information under PIPL: shown only to permitted roles, each read audited.</summary>
    public static readonly IReadOnlySet<string> Sensitive = new HashSet<string> { "disabled", "relocated", "low-income" };
}

public sealed record PersonInput(
    string? Name, string? IdNumber, string? Phone, long? HouseholdId, string? Gender = null, DateOnly? BirthDate = null,
    List<string>? Tags = null, string? RegistrationCode = null, bool IsPartyMember = false, long? InServiceUnitId = null);

public sealed record PersonListItem(long Id, string Name, string Gender, int? Age, string? IdNumber, string? Phone,
    string CommunityCode, string Address, List<string> Tags, bool IsPartyMember);

/// <summary>
/// A person as a reader sees them: the ID number as its first and last character, the age (never the birth date),
/// the phone as three digits and two, and the registration place only for those who may reveal — together these
/// cannot narrow an ID number to fewer than tens of thousands of candidates.
/// </summary>
public sealed record PersonDetail(long Id, string Name, string Gender, int? Age, string? IdNumber,
    string? Phone, string CommunityCode, string CommunityName, long GridId, string GridName, long HouseholdId,
    long BuildingId, string Address, List<string> Tags, string? RegistrationCode, string? RegistrationName,
    bool IsPartyMember, long? InServiceUnitId, string? InServiceUnitName);

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record RevealRequest(string? Field, string? Reason);

public sealed record RevealResult(string Field, string? Value);

/// <summary>People: search, read, create, edit and reveal; shared by the API and the pages.</summary>
public sealed class PeopleService(HuyingDbContext db, CurrentUser user, PersonalData personal, Reveals reveals, ExactSearches exact, PlaceNames names,
    TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<PageOf<PersonListItem>> SearchAsync(string? community, string? q, int page, CancellationToken ct = default)
    {
        page = Platform.Web.Paging.Clamp(page);
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(community))
        {
            query = query.Where(p => p.CommunityCode == community);
        }
        q = q?.Trim();
        if (ExactKind(q) is { } kind)
        {
            await exact.RecordAsync(db, user, kind, ct);
        }
        query = ApplyText(query, q, community);
        var total = await query.CountAsync(ct);
        var items = await ListAsync(query.OrderBy(p => p.Id).Skip((page - 1) * PageSize).Take(PageSize), ct);
        return new PageOf<PersonListItem>(items, total, page, PageSize);
    }

    public Task<List<PersonListItem>> InHouseholdAsync(long householdId, CancellationToken ct = default) =>
        ListAsync(db.People.AsNoTracking().Where(p => p.HouseholdId == householdId).OrderBy(p => p.Id), ct);

    /// <summary>List rows never carry sensitive tags; those show on the person's own page, where the read is audited.</summary>
    private async Task<List<PersonListItem>> ListAsync(IQueryable<Person> query, CancellationToken ct)
    {
        var rows = await query
            .Select(p => new
            {
                p.Id, p.Name, p.Gender, p.BirthDate, p.IdNumberMasked, p.PhoneMasked, p.CommunityCode, p.Tags, p.IsPartyMember,
                Building = p.Household!.Building!.Name, p.Household.DoorNumber,
            })
            .ToListAsync(ct);
        return [.. rows.Select(p => new PersonListItem(p.Id, p.Name, p.Gender.ToString().ToLowerInvariant(), Age(p.BirthDate),
            p.IdNumberMasked, PersonalData.ShortPhone(p.PhoneMasked), p.CommunityCode, $"{p.Building} {p.DoorNumber}",
            [.. p.Tags.Where(t => !PersonTags.Sensitive.Contains(t))], p.IsPartyMember))];
    }

    /// <summary>"idNumber" or "phone" for a full number (found by its hash), else null.</summary>
    private static string? ExactKind(string? q) =>
        string.IsNullOrEmpty(q) ? null : q.Length == 18 && Validators.IdNumber(q) is null ? "idNumber" : Validators.Mobile(q) is null ? "phone" : null;

    private IQueryable<Person> ApplyText(IQueryable<Person> query, string? q, string? community)
    {
        if (string.IsNullOrEmpty(q))
        {
            return query;
        }
        if (ExactKind(q) is not null)
        {
            var hash = personal.Hash(q);
            return query.Where(p => p.IdNumberHash == hash || p.PhoneHash == hash);
        }
        if (q.Length == 4 && q.All(c => char.IsAsciiDigit(c) || c is 'X' or 'x'))
        {
            // The last four digits of a phone a caller reads out; of an ID number only for those who may reveal it
            // (its last four are the sequence and check digit: ten thousand searches would hand them out, and with an
            // age and the county they leave a few dozen candidates).
            var tail = q.ToUpperInvariant();
            return user.Holds(Policies.RevealPersonalData)
                ? query.Where(p => p.IdNumberTail == tail || p.PhoneTail == tail)
                : query.Where(p => p.PhoneTail == tail);
        }
        // The people whose names hold the search's first two characters, from their index; the whole text on those only.
        if (PersonNameGram.KeyOf(q) is not { } key)
        {
            return query.Where(p => p.Name.Contains(q));
        }
        var holding = db.Set<PersonNameGram>().Where(g => g.Gram == key);
        if (!string.IsNullOrWhiteSpace(community))
        {
            holding = holding.Where(g => g.CommunityCode == community);
        }
        return query.Where(p => holding.Select(g => g.PersonId).Contains(p.Id) && p.Name.Contains(q));
    }

    public async Task<PersonDetail?> GetAsync(long id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var row = await db.People.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new
            {
                Person = p,
                Community = db.Set<Community>().Where(c => c.Code == p.CommunityCode).Select(c => c.Name).FirstOrDefault(),
                Grid = db.Set<Grid>().Where(g => g.Id == p.GridId).Select(g => g.Name).FirstOrDefault(),
                p.Household!.BuildingId,
                Building = p.Household.Building!.Name,
                p.Household.DoorNumber,
                Registration = db.Set<Division>().Where(d => d.Code == p.RegistrationCode).Select(d => d.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var p = row.Person;
        // A member's unit may lie outside the caller's scope; its name is not personal.
        var unit = await names.UnitAsync(p.InServiceUnitId, ct);
        var tags = await SensitiveTagsShownAsync(p, ct);
        var mayReveal = user.Holds(Policies.RevealPersonalData);
        return new PersonDetail(p.Id, p.Name, p.Gender.ToString().ToLowerInvariant(), Age(p.BirthDate),
            p.IdNumberMasked, PersonalData.ShortPhone(p.PhoneMasked), p.CommunityCode, row.Community ?? p.CommunityCode, p.GridId, row.Grid ?? "",
            p.HouseholdId, row.BuildingId, $"{row.Building} {row.DoorNumber}", tags, mayReveal ? p.RegistrationCode : null,
            mayReveal ? row.Registration : null,
            p.IsPartyMember, p.InServiceUnitId, unit);
    }

    /// <summary>
    /// The tags a reader is shown: sensitive ones (disability, low income, relocation) only to those who may read them,
    /// and every such read on the audit trail — on the person's page and on the edit form alike.
    /// </summary>
    public async Task<List<string>> SensitiveTagsShownAsync(Person p, CancellationToken ct)
    {
        var sensitive = p.Tags.Where(PersonTags.Sensitive.Contains).ToList();
        if (sensitive.Count == 0)
        {
            return p.Tags;
        }
        if (!user.Holds(Policies.SensitiveRead))
        {
            return [.. p.Tags.Except(sensitive)];
        }
        db.Audit("read-sensitive", nameof(Person), p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(",", sensitive));
        await db.SaveChangesAsync(ct);
        return p.Tags;
    }

    /// <summary>Registers a person in a household (grid workers and community staff).</summary>
    public async Task<Person> CreateAsync(PersonInput input, CancellationToken ct = default)
    {
        user.Require(OrganisationPolicies.PeopleWrite);
        var person = new Person { Name = "", CommunityCode = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
        (await ApplyAsync(person, input, ct)).ThrowIfAny();
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return person;
    }

    public Task<Person?> FindAsync(long id, CancellationToken ct) => db.People.FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>Edits a person; bad input is refused field by field and changes nothing.</summary>
    public async Task UpdateAsync(Person person, PersonInput input, CancellationToken ct = default)
    {
        user.Require(OrganisationPolicies.PeopleWrite);
        var errors = await ApplyAsync(person, input, ct);
        if (!errors.IsEmpty)
        {
            db.ChangeTracker.Clear();
            errors.ThrowIfAny();
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<FieldErrors> ApplyAsync(Person person, PersonInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = input.Name?.Trim();
        errors.Add("name", string.IsNullOrEmpty(name) ? "Name is required" : name.Length > 50 ? "Name is too long (50 characters at most)" : null);

        // On an edit, an absent ID number or phone keeps the stored one (the form never holds it in clear); "" clears it.
        var keepId = input.IdNumber is null && person.Id != 0;
        var keepPhone = input.Phone is null && person.Id != 0;
        var idNumber = string.IsNullOrWhiteSpace(input.IdNumber) ? null : input.IdNumber.Trim().ToUpperInvariant();
        if (idNumber is not null)
        {
            var areas = idNumber.Length >= 6 ? await KnownAreasAsync(idNumber[..6], ct) : false;
            var problem = Validators.IdNumber(idNumber, _ => areas);
            errors.Add("idNumber", problem);
            if (problem is null)
            {
                var hash = personal.Hash(idNumber);
                var taken = await db.People.IgnoreQueryFilters().AnyAsync(p => p.IdNumberHash == hash && p.Id != person.Id, ct);
                if (taken)
                {
                    // That a number is registered somewhere is itself personal: the answer does not say where, and each
                    // such answer counts as an exact search (permission, audit line, limit per user).
                    await exact.RecordAsync(db, user, "idNumber-taken", ct);
                    errors.Add("idNumber", "This ID number is already registered; ask the county office to move the person");
                }
            }
        }
        var phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim();
        if (phone is not null)
        {
            errors.Add("phone", Validators.Mobile(phone));
        }

        Household? household = null;
        if (input.HouseholdId is null)
        {
            errors.Add("householdId", "Household is required");
        }
        else
        {
            household = await db.Households.FirstOrDefaultAsync(h => h.Id == input.HouseholdId, ct);
            errors.Add("householdId", household is null ? "Household not found" : null);
        }

        var tags = Validators.Entries(input.Tags).Distinct().ToList();
        errors.Add("tags", tags.Any(t => !PersonTags.Labels.ContainsKey(t)) ? "Unknown tag" : null);

        var registration = string.IsNullOrWhiteSpace(input.RegistrationCode) ? null : input.RegistrationCode.Trim();
        if (registration is not null)
        {
            var exists = await db.Divisions.AnyAsync(d => d.Code == registration, ct);
            errors.Add("registrationCode", Validators.DivisionCode(registration, _ => exists));
        }

        var gender = Gender.Unknown;
        if (idNumber is null && !string.IsNullOrWhiteSpace(input.Gender) && !Enum.TryParse(input.Gender, true, out gender))
        {
            errors.Add("gender", "Gender must be male or female");
        }
        if (input.InServiceUnitId is { } unitId && !await db.PartnerUnits.IgnoreQueryFilters().AnyAsync(u => u.Id == unitId, ct))
        {
            errors.Add("inServiceUnitId", "Partner unit not found");
        }
        if (!errors.IsEmpty)
        {
            return errors;
        }

        person.Name = name!;
        if (keepId)
        {
            person.Gender = person.IdNumberCipher is null ? gender : person.Gender;
            person.BirthDate = person.IdNumberCipher is null ? input.BirthDate : person.BirthDate;
        }
        else if (idNumber is not null)
        {
            person.SetIdNumber(personal.ProtectIdNumber(idNumber));
            person.BirthDate = Validators.BirthDateOf(idNumber);
            person.Gender = Validators.IsMale(idNumber) ? Gender.Male : Gender.Female;
        }
        else
        {
            person.SetIdNumber(default);
            person.BirthDate = input.BirthDate;
            person.Gender = gender;
        }
        if (!keepPhone)
        {
            person.SetPhone(personal.ProtectPhone(phone));
        }
        person.MoveTo(household!);
        person.Tags = tags;
        person.RegistrationCode = registration;
        person.IsPartyMember = input.IsPartyMember;
        person.InServiceUnitId = input.InServiceUnitId;
        person.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return errors;
    }

    private Task<bool> KnownAreasAsync(string area, CancellationToken ct) =>
        db.Divisions.AnyAsync(d => d.Code == area, ct);

    /// <summary>The full value, for a permitted caller with a reason; the reveal is written to the audit trail.</summary>
    public async Task<RevealResult> RevealAsync(Person person, RevealRequest request, CancellationToken ct = default)
    {
        var field = request.Field?.Trim();
        new FieldErrors().Add("field", field is "idNumber" or "phone" ? null : "Field must be idNumber or phone").ThrowIfAny();
        var value = await reveals.RevealAsync(nameof(Person), person.Id, field!, request.Reason,
            () => personal.Reveal(field == "idNumber" ? person.IdNumberCipher : person.PhoneCipher), ct);
        return new RevealResult(field!, value);
    }

    private int? Age(DateOnly? birth)
    {
        if (birth is not { } b)
        {
            return null;
        }
        // Today where the residents live (App:TimeZone), not on the server's clock.
        var today = DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));
        var age = today.Year - b.Year;
        return b.AddYears(age) > today ? age - 1 : age;
    }
}
