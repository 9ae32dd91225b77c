using System.Net;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Organisation;

/// <summary>The person edit page, a household's page in and out of scope.</summary>
public abstract class PersonPageTests(AppFixture app)
{
    [Fact]
    public async Task StaffCorrectAnInServiceMemberOnTheEditPageKeepingTheirUnitAndTheChangeIsAudited()
    {
        var staff = await app.As("fuqian.staff");
        long id, unit, household;
        string name;
        await using (var db = app.Database())
        {
            id = await db.Users.Where(u => u.UserName == "member").Select(u => u.PersonId!.Value).SingleAsync();
            var member = await db.People.SingleAsync(p => p.Id == id);
            (name, unit, household) = (member.Name, member.InServiceUnitId!.Value, member.HouseholdId);
        }
        var url = $"/people/{id}/edit";
        var form = await staff.GetStringAsync(url);
        Assert.Matches($"<option value=\"{unit}\" selected=\"selected\">", form);
        string Text(long v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bad = await staff.SubmitAsync(url, new()
        {
            ["Input.Name"] = name, ["Input.HouseholdId"] = Text(household), ["Input.Phone"] = "12345", ["Input.IsPartyMember"] = "true",
            ["Input.InServiceUnitId"] = Text(unit),
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("is-invalid", await bad.Content.ReadAsStringAsync());
        var saved = await staff.SubmitAsync(url, new()
        {
            ["Input.Name"] = name + "改", ["Input.HouseholdId"] = Text(household), ["Input.Gender"] = "female", ["Input.Tags"] = "elderly",
            ["Input.IsPartyMember"] = "true", ["Input.InServiceUnitId"] = Text(unit),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/people/{id}", saved.Headers.Location!.OriginalString);
        await using var check = app.Database();
        var person = await check.People.SingleAsync(p => p.Id == id);
        Assert.Equal(name + "改", person.Name);
        Assert.Contains("elderly", person.Tags);
        Assert.True(person.IsPartyMember);
        Assert.Equal(unit, person.InServiceUnitId);
        var line = await check.AuditEntries.Where(a => a.EntityType == "Person" && a.EntityId == id.ToString() && a.Action == "update")
            .OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal("fuqian.staff", line.UserName);
        Assert.Contains("Name", line.Details);
        Assert.DoesNotContain("InServiceUnitId", line.Details);
        // The name goes back for the tests that follow.
        await check.People.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, name));
    }

    [Fact]
    public async Task AHouseholdPageIsShownWithinScopeAndIsNotFoundOutsideIt()
    {
        var d = await DemoRecords.LoadAsync(app);
        var own = await (await app.As("fuqian.staff")).GetAsync($"/org/households/{d.HebianHousehold}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        string door;
        await using (var db = app.Database())
        {
            door = await db.Households.Where(h => h.Id == d.HebianHousehold).Select(h => h.DoorNumber).SingleAsync();
        }
        Assert.Contains(door, await own.Content.ReadAsStringAsync());
        foreach (var (user, household) in new[] { ("fuqian.staff", d.XueyuanHousehold), ("xueyuan.staff", d.HebianHousehold), ("fuqian.grid", d.XueyuanHousehold) })
        {
            var other = await (await app.As(user)).GetAsync($"/org/households/{household}");
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.DoesNotContain(door, await other.Content.ReadAsStringAsync());
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PersonPageTestsOnSqlite(SqliteApp app) : PersonPageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PersonPageTestsOnPostgres(PostgresApp app) : PersonPageTests(app);
