using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Huying.Platform.Privacy;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Modules.Organisation;

/// <summary>
/// The probe's attack, repeated: a grid leader (who may not reveal) reads everything the API and the pages show of
/// 300 residents and tries to rebuild each ID number. Generous to the attacker: the birthplace is taken to be the
/// county itself (where most residents are born), the sex and the age as shown fix the sequence's parity and a year
/// of birth dates, and the shown first and last characters must match. Every resident must leave at least 1,000
/// candidates, and the true number must be among them when the resident was born in the county (so the count is of
/// the right set, not an empty one).
/// </summary>
public abstract partial class IdReconstructionTests(AppFixture app)
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";
    private const string County = "140827";

    [Fact]
    public async Task AGridLeaderCannotNarrowAnyOf300ResidentsIdNumbersToFewerThan1000Candidates()
    {
        var leader = await app.As("fuqian.gridleader");
        var seen = new List<JsonElement>();
        for (var page = 1; seen.Count < 300; page++)
        {
            var items = (await leader.GetFromJsonAsync<JsonElement>($"/api/people?community={DemoRecords.Fuqian}&page={page}")).GetProperty("items");
            Assert.True(items.GetArrayLength() > 0, "fewer than 300 residents in scope");
            seen.AddRange(items.EnumerateArray().Where(p => p.GetProperty("idNumber").ValueKind == JsonValueKind.String));
        }
        var personal = app.Factory.Services.GetRequiredService<PersonalData>();
        await using var db = app.Database();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var bornHere = 0;
        foreach (var listed in seen.Take(300))
        {
            var id = listed.GetProperty("id").GetInt64();
            var detail = await leader.GetStringAsync($"/api/people/{id}");
            var html = await leader.GetStringAsync($"/people/{id}");
            var shown = JsonDocument.Parse(detail).RootElement;
            var truth = await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.IdNumberCipher, p.BirthDate, p.RegistrationCode }).SingleAsync();
            var real = personal.Reveal(truth.IdNumberCipher)!;

            // What the pages and the API show: the first and last character, the age, the sex; never more.
            var masked = shown.GetProperty("idNumber").GetString()!;
            Assert.Matches(MaskShape(), masked);
            Assert.Equal(JsonValueKind.Null, shown.GetProperty("registrationCode").ValueKind);
            foreach (var text in new[] { detail, html, listed.GetRawText() })
            {
                // Every ID-shaped run of characters is the mask, nothing longer of the number.
                Assert.All(IdShaped().Matches(text), m => Assert.Equal(masked, m.Value));
                Assert.DoesNotContain(real[6..14], text);
                Assert.DoesNotContain(truth.BirthDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), text);
                Assert.DoesNotContain(truth.BirthDate.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture), text);
                Assert.DoesNotContain(truth.BirthDate.Value.ToString("yyyy年M月d日", CultureInfo.InvariantCulture), text);
            }
            var age = shown.GetProperty("age").GetInt32();
            var male = shown.GetProperty("gender").GetString() is "male" or "男";
            var candidates = Candidates(masked[0], masked[^1], age, male, today, real);
            Assert.True(candidates.Count >= 1000, $"{id}: {candidates.Count} candidates");
            if (real.StartsWith(County, StringComparison.Ordinal))
            {
                Assert.True(candidates.Found, $"{id}: the true number is outside the candidates counted: {real} age {age} male {male} born {truth.BirthDate} gender {shown.GetProperty("gender")}");
                bornHere++;
            }
        }
        Assert.True(bornHere >= 30, $"only {bornHere} of 300 born in the county: the sanity check proves little");
    }

    [Fact]
    public async Task SearchingByTheLastFourDigitsFindsPhonesNotIdNumbersForThoseWhoCannotReveal()
    {
        var personal = app.Factory.Services.GetRequiredService<PersonalData>();
        await using var db = app.Database();
        var people = await db.People.AsNoTracking().Where(p => p.CommunityCode == DemoRecords.Fuqian && p.IdNumberTail != null && p.PhoneTail != p.IdNumberTail)
            .OrderBy(p => p.Id).Take(5).Select(p => new { p.Id, p.IdNumberTail }).ToListAsync();
        var leader = await app.As("fuqian.gridleader");
        var staff = await app.As("fuqian.staff");
        foreach (var p in people)
        {
            var asLeader = (await leader.GetFromJsonAsync<JsonElement>($"/api/people?community={DemoRecords.Fuqian}&q={p.IdNumberTail}")).GetProperty("items");
            Assert.DoesNotContain(asLeader.EnumerateArray(), i => i.GetProperty("id").GetInt64() == p.Id);
            var asStaff = (await staff.GetFromJsonAsync<JsonElement>($"/api/people?community={DemoRecords.Fuqian}&q={p.IdNumberTail}")).GetProperty("items");
            Assert.Contains(asStaff.EnumerateArray(), i => i.GetProperty("id").GetInt64() == p.Id);
        }
    }

    /// <summary>How many numbers fit: the county, a birth date that gives the age today, a sequence of the sex, the shown ends.</summary>
    private static (int Count, bool Found) Candidates(char first, char last, int age, bool male, DateOnly today, string real)
    {
        var count = 0;
        var found = false;
        if (County[0] != first)
        {
            return (int.MaxValue, false);
        }
        // Born after today's date age+1 years ago and no later than today's date age years ago.
        var earliest = today.AddYears(-age - 1).AddDays(1);
        var latest = today.AddYears(-age);
        var digits = new int[17];
        for (var i = 0; i < 6; i++)
        {
            digits[i] = County[i] - '0';
        }
        for (var day = earliest; day <= latest; day = day.AddDays(1))
        {
            var date = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            for (var i = 0; i < 8; i++)
            {
                digits[6 + i] = date[i] - '0';
            }
            for (var sequence = male ? 1 : 0; sequence < 1000; sequence += 2)
            {
                digits[14] = sequence / 100;
                digits[15] = sequence / 10 % 10;
                digits[16] = sequence % 10;
                var sum = 0;
                for (var i = 0; i < 17; i++)
                {
                    sum += digits[i] * Weights[i];
                }
                if (CheckChars[sum % 11] == last)
                {
                    count++;
                    if (!found && real == County + date + sequence.ToString("000", CultureInfo.InvariantCulture) + last)
                    {
                        found = true;
                    }
                }
            }
        }
        return (count, found);
    }

    [GeneratedRegex(@"^[0-9]\*{16}[0-9X]$")]
    private static partial Regex MaskShape();

    [GeneratedRegex(@"(?<![0-9*])[0-9][0-9*]{16}[0-9X](?![0-9X])")]
    private static partial Regex IdShaped();
}

[Collection(SqliteCollection.Name)]
public sealed class IdReconstructionTestsOnSqlite(SqliteApp app) : IdReconstructionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class IdReconstructionTestsOnPostgres(PostgresApp app) : IdReconstructionTests(app);
