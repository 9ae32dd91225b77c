using System.Globalization;
using System.Net;
using System.Text;
using Huying.Modules.Heritage;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Infrastructure.Answers;

namespace Huying.Tests.Modules.Heritage;

public abstract class CensusImportTests(AppFixture app)
{
    private static MultipartFormDataContent Csv(IEnumerable<string[]> rows)
    {
        var text = new StringBuilder(string.Join(",", CensusImport.Columns) + "\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(",", row)).Append('\n');
        }
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text.ToString()));
        form.Add(file, "file", "census.csv");
        return form;
    }

    private static string[] Row(string number, string village, string name = "测试遗址", string latitude = "34.8712") =>
        [number, name, "古遗址", "汉", village, latitude, "110.4523", "2025-06-01", "王强", "无人机航测"];

    [Fact]
    public async Task AFileOfFiveThousandRowsImportsAllOrNothingAndTheSameFileAgainChangesNothing()
    {
        var centre = await app.As("yongji.heritage");
        await using var db = app.Database();
        var village = await db.Set<HeritageSite>().Where(s => s.CommunityCode.StartsWith("140881")).Select(s => s.CommunityCode).FirstAsync();
        var batch = Guid.NewGuid().ToString("N")[..8];
        var rows = Enumerable.Range(0, 5000).Select(i => Row($"T{batch}-{i:00000}", village)).ToList();
        var before = await db.Set<CensusRecord>().CountAsync();

        // One bad cell on the 2,500th row: its line (the header is line 1) and column, nothing saved.
        var bad = rows.Select((r, i) => i == 2499 ? Row(r[0], village, latitude: "北纬34度") : r).ToList();
        var refused = await Json(await centre.PostAsync("/api/heritage/census", Csv(bad)));
        var problem = Assert.Single(refused.GetProperty("problems").EnumerateArray());
        Assert.Equal(2501, problem.GetProperty("row").GetInt32());
        Assert.Equal("Latitude", problem.GetProperty("column").GetString());
        Assert.Equal(before, await db.Set<CensusRecord>().CountAsync());

        var imported = await Json(await centre.PostAsync("/api/heritage/census", Csv(rows)));
        Assert.Equal(5000, imported.GetProperty("added").GetInt32());
        Assert.Equal(before + 5000, await db.Set<CensusRecord>().CountAsync());
        // The same file again: the record numbers are those records, nothing added or changed.
        var again = await Json(await centre.PostAsync("/api/heritage/census", Csv(rows)));
        Assert.Equal((0, 0), (again.GetProperty("added").GetInt32(), again.GetProperty("updated").GetInt32()));
        Assert.Equal(before + 5000, await db.Set<CensusRecord>().CountAsync());
        // One record renamed: that one is updated.
        var renamed = rows.Select((r, i) => i == 10 ? Row(r[0], village, name: "测试窑址") : r).ToList();
        var update = await Json(await centre.PostAsync("/api/heritage/census", Csv(renamed)));
        Assert.Equal((0, 1), (update.GetProperty("added").GetInt32(), update.GetProperty("updated").GetInt32()));
        Assert.Equal("测试窑址", await db.Set<CensusRecord>().Where(r => r.RecordNumber == rows[10][0]).Select(r => r.Name).SingleAsync());
        // The figures count them.
        var figures = await Json(await centre.GetAsync("/api/heritage/figures?division=140881"));
        Assert.Equal(await db.Set<CensusRecord>().CountAsync(r => r.CommunityCode.StartsWith("140881")), figures.GetProperty("censusRecords").GetInt32());
    }

    [Fact]
    public async Task RowsOutsideTheCallersAreaOrReusingAnotherPlacesNumberAreRefusedByLine()
    {
        await using var db = app.Database();
        var village = await db.Set<HeritageSite>().Where(s => s.CommunityCode.StartsWith("140881")).Select(s => s.CommunityCode).FirstAsync();
        var kept = await db.Set<CensusRecord>().Where(r => r.CommunityCode.StartsWith("140881")).Select(r => r.RecordNumber).FirstAsync();
        var county = await app.As("county");
        var before = await db.Set<CensusRecord>().CountAsync();
        // 垣曲's officer: a 永济 village is not in the area; a 垣曲 community with a number 永济 already keeps.
        var outcome = await Json(await county.PostAsync("/api/heritage/census", Csv([
            Row("Y-ELSEWHERE-1", village), Row(kept, "140827400016", latitude: "35.28"), Row("Y-ELSEWHERE-1", "140827400016", latitude: "35.28")])));
        var problems = outcome.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString())).ToList();
        Assert.Contains((2, "Village or community code"), problems);
        Assert.Contains((4, "Record number"), problems);
        Assert.Equal(before, await db.Set<CensusRecord>().CountAsync());
        var another = await Json(await county.PostAsync("/api/heritage/census", Csv([Row(kept, "140827400016", latitude: "35.28")])));
        Assert.Equal((3 - 1, "Record number"), another.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString())).Single());
        Assert.Equal(before, await db.Set<CensusRecord>().CountAsync());

        // Not a CSV or .xlsx: refused beside the file; a party member may not import.
        var notCsv = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Png), "file", "photo.png" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsync("/api/heritage/census", notCsv)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("member")).PostAsync("/api/heritage/census", Csv([Row("Z-1", village)]))).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CensusImportTestsOnSqlite(SqliteApp app) : CensusImportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CensusImportTestsOnPostgres(PostgresApp app) : CensusImportTests(app);
