using System.Data.Common;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Platform;

[Collection(SqliteCollection.Name)]
public sealed class SqliteSettingsTests(SqliteApp app)
{
    [Fact]
    public async Task EverySqliteConnectionHasTheAppsSettingsWhetherNewlyOpenedOrTakenAgainFromThePool()
    {
        // Several contexts open at once take several native connections; each is set up once, when first opened.
        var first = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SettingsOfAnOpenConnectionAsync(hold: true)));
        // Opened again, from the pool: the settings are not applied again, and still hold.
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SettingsOfAnOpenConnectionAsync(hold: false)));
        foreach (var settings in first.Concat(again))
        {
            Assert.Equal(("-32000", "0", "10000", "67108864", "wal"), settings);
        }
    }

    private async Task<(string?, string?, string?, string?, string?)> SettingsOfAnOpenConnectionAsync(bool hold)
    {
        await using var db = app.Database();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        if (hold)
        {
            // Keeps this connection out of the pool a moment, so the others open native connections of their own.
            await Task.Delay(200);
        }
        var settings = (await PragmaAsync(connection, "cache_size"), await PragmaAsync(connection, "mmap_size"),
            await PragmaAsync(connection, "busy_timeout"), await PragmaAsync(connection, "journal_size_limit"),
            await PragmaAsync(connection, "journal_mode"));
        await db.Database.CloseConnectionAsync();
        return settings;
    }

    private static async Task<string?> PragmaAsync(DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
