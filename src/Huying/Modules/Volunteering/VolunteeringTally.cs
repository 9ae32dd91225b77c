using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Volunteering;

/// <summary>
/// One community's volunteering on one local day, kept current on every save (see <see cref="VolunteeringTallies"/>)
/// so a county year's figures add a few thousand rows instead of scanning every activity and place: one-off
/// activities held (and those with partner units), people served, confirmed hours.
/// </summary>
public sealed class VolunteeringDay : ICommunityScoped
{
    public required string CommunityCode { get; set; }
    public DateOnly Day { get; set; }
    public int Activities { get; set; }
    public int WithUnits { get; set; }
    public int PeopleServed { get; set; }

    /// <summary>Confirmed hours in tenths (hours carry one decimal): an integer adds up exactly and fast in every database.</summary>
    public long HourTenths { get; set; }
}

/// <summary>How long a span of <see cref="ActiveVolunteer"/> is.</summary>
public enum TallySpan
{
    Day = 0,
    Month = 1,
}

/// <summary>
/// A volunteer's confirmed places in one community on one day, and again in its month: what "volunteers active" in a
/// period counts. A distinct count cannot be added up, so a county year reads the months' rows (a volunteer once a
/// month, however often they served) and the days' rows only at a period's ragged ends.
/// </summary>
public sealed class ActiveVolunteer : ICommunityScoped
{
    public required string CommunityCode { get; set; }
    public TallySpan Span { get; set; }

    /// <summary>The day, or the first day of the month.</summary>
    public DateOnly Start { get; set; }

    public long VolunteerId { get; set; }
    public int Places { get; set; }
}

public sealed class VolunteeringDayConfiguration : IEntityTypeConfiguration<VolunteeringDay>
{
    public void Configure(EntityTypeBuilder<VolunteeringDay> b)
    {
        b.ToTable("VolunteeringDays");
        b.HasKey(d => new { d.CommunityCode, d.Day });
        b.Property(d => d.CommunityCode).HasMaxLength(12);
        // The figures add these columns for a county year: read from the index alone.
        b.HasIndex(d => new { d.CommunityCode, d.Day, d.Activities, d.WithUnits, d.PeopleServed, d.HourTenths }, "IX_VolunteeringDays_Figures");
    }
}

public sealed class ActiveVolunteerConfiguration : IEntityTypeConfiguration<ActiveVolunteer>
{
    public void Configure(EntityTypeBuilder<ActiveVolunteer> b)
    {
        b.ToTable("ActiveVolunteers");
        b.HasKey(d => new { d.CommunityCode, d.Span, d.Start, d.VolunteerId });
        b.Property(d => d.CommunityCode).HasMaxLength(12);
    }
}

/// <summary>Turns the tracked changes of activities, occurrences and places into per-day deltas, applied in the same transaction.</summary>
public sealed class VolunteeringTallies : ISaveHook
{
    private sealed class Delta
    {
        public int Activities;
        public int WithUnits;
        public int PeopleServed;
        public decimal Hours;

        public bool Any => Activities != 0 || WithUnits != 0 || PeopleServed != 0 || Hours != 0;
    }

    private static long Tenths(decimal hours) => (long)Math.Round(hours * 10, MidpointRounding.AwayFromZero);

    private static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(Display.Local(utc));

    /// <summary>The two rows a confirmed place counts in: its day and its month.</summary>
    private static IEnumerable<(string, TallySpan, DateOnly, long)> Spans(string community, DateTime utc, long volunteer)
    {
        var day = Day(utc);
        yield return (community, TallySpan.Day, day, volunteer);
        yield return (community, TallySpan.Month, new DateOnly(day.Year, day.Month, 1), volunteer);
    }

    public Func<CancellationToken, Task>? Capture(HuyingDbContext db)
    {
        var days = new Dictionary<(string, DateOnly), Delta>();
        var people = new Dictionary<(string, TallySpan, DateOnly, long), int>();
        Delta At(string community, DateTime utc) => days.TryGetValue((community, Day(utc)), out var d) ? d : days[(community, Day(utc))] = new Delta();

        foreach (var e in db.ChangeTracker.Entries<Activity>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            if (e.State != EntityState.Added)
            {
                var o = e.OriginalValues;
                if (o.GetValue<string?>(nameof(Activity.Recurrence)) is null && o.GetValue<DateTime?>(nameof(Activity.CancelledAt)) is null)
                {
                    var d = At(o.GetValue<string>(nameof(Activity.CommunityCode)), o.GetValue<DateTime>(nameof(Activity.StartsAt)));
                    d.Activities--;
                    d.WithUnits -= o.GetValue<int>(nameof(Activity.UnitCount)) > 0 ? 1 : 0;
                }
            }
            if (e.State != EntityState.Deleted && e.Entity is { Recurrence: null, CancelledAt: null } a)
            {
                var d = At(a.CommunityCode, a.StartsAt);
                d.Activities++;
                d.WithUnits += a.UnitCount > 0 ? 1 : 0;
            }
        }
        foreach (var e in db.ChangeTracker.Entries<Occurrence>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            if (e.State != EntityState.Added && !e.OriginalValues.GetValue<bool>(nameof(Occurrence.Cancelled)))
            {
                At(e.OriginalValues.GetValue<string>(nameof(Occurrence.CommunityCode)), e.OriginalValues.GetValue<DateTime>(nameof(Occurrence.StartsAt))).PeopleServed
                    -= e.OriginalValues.GetValue<int?>(nameof(Occurrence.PeopleServed)) ?? 0;
            }
            if (e.State != EntityState.Deleted && !e.Entity.Cancelled)
            {
                At(e.Entity.CommunityCode, e.Entity.StartsAt).PeopleServed += e.Entity.PeopleServed ?? 0;
            }
        }
        foreach (var e in db.ChangeTracker.Entries<SignUp>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            void Count(string community, DateTime start, long volunteer, decimal? hours, int sign)
            {
                At(community, start).Hours += sign * (hours ?? 0);
                foreach (var key in Spans(community, start, volunteer))
                {
                    people[key] = people.GetValueOrDefault(key) + sign;
                }
            }
            if (e.State != EntityState.Added && e.OriginalValues.GetValue<DateTime?>(nameof(SignUp.HoursConfirmedAt)) is not null)
            {
                var o = e.OriginalValues;
                Count(o.GetValue<string>(nameof(SignUp.CommunityCode)), o.GetValue<DateTime>(nameof(SignUp.OccurrenceStart)), o.GetValue<long>(nameof(SignUp.VolunteerId)),
                    o.GetValue<decimal?>(nameof(SignUp.Hours)), -1);
            }
            if (e.State != EntityState.Deleted && e.Entity.HoursConfirmedAt is not null)
            {
                Count(e.Entity.CommunityCode, e.Entity.OccurrenceStart, e.Entity.VolunteerId, e.Entity.Hours, 1);
            }
        }
        var changed = days.Where(d => d.Value.Any).ToList();
        var moved = people.Where(p => p.Value != 0).ToList();
        if (changed.Count == 0 && moved.Count == 0)
        {
            return null;
        }
        return async ct =>
        {
            foreach (var ((community, day), d) in changed)
            {
                // An atomic increment: concurrent saves on other connections add up instead of overwriting.
                if (await db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE \"VolunteeringDays\" SET \"Activities\" = \"Activities\" + {d.Activities}, \"WithUnits\" = \"WithUnits\" + {d.WithUnits}, \"PeopleServed\" = \"PeopleServed\" + {d.PeopleServed}, \"HourTenths\" = \"HourTenths\" + {Tenths(d.Hours)} WHERE \"CommunityCode\" = {community} AND \"Day\" = {day}", ct) == 0)
                {
                    await db.Database.ExecuteSqlInterpolatedAsync(
                        $"INSERT INTO \"VolunteeringDays\" (\"CommunityCode\", \"Day\", \"Activities\", \"WithUnits\", \"PeopleServed\", \"HourTenths\") VALUES ({community}, {day}, {d.Activities}, {d.WithUnits}, {d.PeopleServed}, {Tenths(d.Hours)})", ct);
                }
            }
            foreach (var ((community, span, start, volunteer), n) in moved)
            {
                var kind = (int)span;
                if (await db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE \"ActiveVolunteers\" SET \"Places\" = \"Places\" + {n} WHERE \"CommunityCode\" = {community} AND \"Span\" = {kind} AND \"Start\" = {start} AND \"VolunteerId\" = {volunteer}", ct) == 0)
                {
                    await db.Database.ExecuteSqlInterpolatedAsync(
                        $"INSERT INTO \"ActiveVolunteers\" (\"CommunityCode\", \"Span\", \"Start\", \"VolunteerId\", \"Places\") VALUES ({community}, {kind}, {start}, {volunteer}, {n})", ct);
                }
            }
        };
    }

    /// <summary>Rebuilds both tallies from the rows themselves (after bulk SQL, or to check them).</summary>
    public async Task RecountAsync(HuyingDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<VolunteeringDay>().ExecuteDeleteAsync(ct);
        await db.Set<ActiveVolunteer>().ExecuteDeleteAsync(ct);
        var days = new Dictionary<(string, DateOnly), VolunteeringDay>();
        VolunteeringDay At(string community, DateTime utc) => days.TryGetValue((community, Day(utc)), out var d) ? d
            : days[(community, Day(utc))] = new VolunteeringDay { CommunityCode = community, Day = Day(utc) };
        foreach (var a in await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => a.Recurrence == null && a.CancelledAt == null)
            .Select(a => new { a.CommunityCode, a.StartsAt, a.UnitCount }).ToListAsync(ct))
        {
            var d = At(a.CommunityCode, a.StartsAt);
            d.Activities++;
            d.WithUnits += a.UnitCount > 0 ? 1 : 0;
        }
        foreach (var o in await db.Occurrences.IgnoreQueryFilters().AsNoTracking().Where(o => !o.Cancelled && o.PeopleServed != null)
            .Select(o => new { o.CommunityCode, o.StartsAt, o.PeopleServed }).ToListAsync(ct))
        {
            At(o.CommunityCode, o.StartsAt).PeopleServed += o.PeopleServed ?? 0;
        }
        var people = new Dictionary<(string, TallySpan, DateOnly, long), int>();
        foreach (var s in await db.SignUps.IgnoreQueryFilters().AsNoTracking().Where(s => s.HoursConfirmedAt != null)
            .Select(s => new { s.CommunityCode, s.OccurrenceStart, s.VolunteerId, s.Hours }).ToListAsync(ct))
        {
            At(s.CommunityCode, s.OccurrenceStart).HourTenths += Tenths(s.Hours ?? 0);
            foreach (var key in Spans(s.CommunityCode, s.OccurrenceStart, s.VolunteerId))
            {
                people[key] = people.GetValueOrDefault(key) + 1;
            }
        }
        db.AddRange(days.Values);
        db.AddRange(people.Select(p => new ActiveVolunteer { CommunityCode = p.Key.Item1, Span = p.Key.Item2, Start = p.Key.Item3, VolunteerId = p.Key.Item4, Places = p.Value }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
