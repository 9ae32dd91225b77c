using Huying.Modules.Organisation;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Organisation;

public abstract class DivisionImportTests(AppFixture app)
{
    private static string ShanxiFolder => Path.Combine(AppContext.BaseDirectory, "Data", "divisions-shanxi");

    [Fact]
    public async Task ReimportingTheSameFilesChangesNothing()
    {
        await using var db = app.Database();
        var before = await db.Divisions.CountAsync();
        var result = await DivisionImporter.ImportAsync(db, ShanxiFolder);
        Assert.Equal(0, result.Changed);
        Assert.Equal(before, result.Rows);
        Assert.Equal(1 + 11 + 121 + 1352 + 21895, result.Rows);
    }

    [Fact]
    public async Task ARenamedDivisionIsUpdatedByCode()
    {
        var folder = Directory.CreateTempSubdirectory("divisions-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "provinces.csv"), "code,name\n14,\"山西省\"\n");
            File.WriteAllText(Path.Combine(folder, "areas.csv"), "code,name,cityCode,provinceCode\n140827,\"垣曲县(新)\",1408,14\n");
            await using var db = app.Database();
            var result = await DivisionImporter.ImportAsync(db, folder);
            Assert.Equal(1, result.Changed);
            Assert.Equal("垣曲县(新)", await db.Divisions.Where(d => d.Code == "140827").Select(d => d.Name).SingleAsync());
        }
        finally
        {
            // The shared database gets 垣曲县's name back whatever happened above.
            await using var restore = app.Database();
            await DivisionImporter.ImportAsync(restore, ShanxiFolder);
            Directory.Delete(folder, true);
        }
        await using var check = app.Database();
        Assert.Equal("垣曲县", await check.Divisions.Where(d => d.Code == "140827").Select(d => d.Name).SingleAsync());
    }

    [Fact]
    public async Task AMalformedRowIsReportedWithFileAndLineAndNothingIsImported()
    {
        var folder = Directory.CreateTempSubdirectory("divisions-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "streets.csv"),
                "code,name,areaCode,provinceCode,cityCode\n990001001,\"新街道\",990001,99,9900\n99000100,\"坏行\",990001,99,9900\n");
            await using var db = app.Database();
            var e = await Assert.ThrowsAsync<DivisionImportException>(() => DivisionImporter.ImportAsync(db, folder));
            Assert.Equal(["streets.csv:3: code '99000100' is not 9 digits"], e.Problems);
            Assert.False(await db.Divisions.AnyAsync(d => d.Code == "990001001"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void QuotedNamesWithCommasAndQuotesAreRead() =>
        Assert.Equal(["140827400016", "府前社区,\"居委会\"", "140827400"],
            DivisionImporter.SplitCsv("140827400016,\"府前社区,\"\"居委会\"\"\",140827400"));
}

[Collection(SqliteCollection.Name)]
public sealed class DivisionImportTestsOnSqlite(SqliteApp app) : DivisionImportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DivisionImportTestsOnPostgres(PostgresApp app) : DivisionImportTests(app);
