using System.Net;
using System.Net.Http.Json;
using Huying.Modules.Volunteering;
using Huying.Platform.Audit;
using Huying.Tests.Infrastructure;
using Huying.Tests.Modules.Matters;
using Huying.Tests.Modules.Volunteering;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Huying.Tests.Platform;

/// <summary>
/// The demo on PostgreSQL, then <c>tools/citus.sql</c> run over it (this machine has no Citus: its first part, the
/// keys and the children's community, runs on plain PostgreSQL; its second stops before the first Citus call).
/// </summary>
public sealed class CitusScriptApp : IAsyncLifetime
{
    public PostgresApp App { get; } = new();
    public int ForeignKeysBefore { get; private set; }
    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using var connection = await OpenAsync();
        ForeignKeysBefore = await ScalarAsync(connection, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace");
        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "citus.sql")), connection);
        await command.ExecuteNonQueryAsync();
        Output = string.Join("\n", notices);
    }

    public Task DisposeAsync() => App.DisposeAsync();

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(App.Factory.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<int> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    public static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}

public sealed class CitusScriptTests(CitusScriptApp citus) : IClassFixture<CitusScriptApp>
{
    private const string Distributed = "SELECT table_name FROM huying_citus_plan WHERE kind IN ('distributed', 'child')";

    [Fact]
    public async Task EveryDistributedTableIsKeyedByItsCommunityInItsPrimaryKeyEveryUniqueIndexAndEveryForeignKey()
    {
        await using var connection = await citus.OpenAsync();
        Assert.Contains("citus is not installed here", citus.Output);
        Assert.True(await CitusScriptApp.ScalarAsync(connection, $"SELECT count(*) FROM ({Distributed}) d") > 80);
        // What Citus refuses: a key, a unique index or a foreign key between shards without the distribution column.
        var keysWithout = await CitusScriptApp.ListAsync(connection, $"""
            SELECT con.conname FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
            WHERE con.contype IN ('p', 'u') AND c.relname IN ({Distributed})
              AND NOT EXISTS (SELECT 1 FROM unnest(con.conkey) k JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k WHERE a.attname = 'CommunityCode')
            UNION ALL
            SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            WHERE i.indisunique AND c.relname IN ({Distributed})
              AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k WHERE a.attname = 'CommunityCode')
            UNION ALL
            SELECT con.conname FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class p ON p.oid = con.confrelid
            WHERE con.contype = 'f' AND c.relname IN ({Distributed}) AND p.relname IN ({Distributed})
              AND (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = con.conkey[1]) <> 'CommunityCode'
            """);
        Assert.Empty(keysWithout);
        // A reference or local table pointing into the shards would be refused too.
        Assert.Empty(await CitusScriptApp.ListAsync(connection, $"""
            SELECT con.conname FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class p ON p.oid = con.confrelid
            WHERE con.contype = 'f' AND c.relname NOT IN ({Distributed}) AND p.relname IN ({Distributed})
            """));
        // Every foreign key is still there but the three that cross communities on purpose.
        Assert.Equal(citus.ForeignKeysBefore - 3,
            await CitusScriptApp.ScalarAsync(connection, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"));
        Assert.Equal(await CitusScriptApp.ScalarAsync(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") - 1,
            await CitusScriptApp.ScalarAsync(connection, "SELECT count(*) FROM huying_citus_plan"));
    }

    [Fact]
    public async Task TheAppRaisesAndHandlesMattersAndBuildsTeamsOnTheRekeyedTablesAndTheChildrenTakeTheirParentsCommunity()
    {
        var app = citus.App;
        var grid = await app.As("fuqian.grid");
        var matter = MatterCalls.Id(await MatterCalls.RaiseAsync(app, grid, "重新分片后：河边三巷下水道堵了"));
        Assert.Equal(HttpStatusCode.OK, (await MatterCalls.Act(grid, matter, "accept")).StatusCode);
        var staff = await app.As("hejin.social");
        await using (var db = app.Database())
        {
            var volunteers = await db.Volunteers.Where(v => v.CommunityCode == VolunteeringCalls.Hugang).OrderBy(v => v.Id).Select(v => v.Id).Take(2).ToListAsync();
            var team = await Json(await staff.PostAsJsonAsync("/api/volunteering/teams",
                new { communityCode = VolunteeringCalls.Hugang, name = "分片后的服务队", leaderId = volunteers[0], memberIds = volunteers }), HttpStatusCode.Created);
            Assert.Equal(2, team.GetProperty("memberIds").GetArrayLength());
            Assert.True((await AuditVerifier.VerifyAsync(db)).Intact);
        }

        await using var connection = await citus.OpenAsync();
        // The intake's own inserts (raised) and EF's (accepted) both left the matter's events in its community.
        Assert.Equal(2, await CitusScriptApp.ScalarAsync(connection, $"""
            SELECT count(*) FROM "MatterEvents" e JOIN "Matters" m ON m."Id" = e."MatterId"
            WHERE e."MatterId" = {matter} AND e."CommunityCode" = m."CommunityCode" AND m."CommunityCode" = '{DemoRecords.Fuqian}'
            """));
        // Every child row, the demo's and the new ones, is in its parent's community.
        foreach (var (child, parent, column) in new[] { ("MatterEvents", "Matters", "MatterId"), ("TeamMembers", "VolunteerTeams", "TeamId"), ("Votes", "Participants", "ParticipantId"), ("ProjectUnits", "Projects", "ProjectId") })
        {
            Assert.Equal(0, await CitusScriptApp.ScalarAsync(connection,
                $"""SELECT count(*) FROM "{child}" c JOIN "{parent}" p ON p."Id" = c."{column}" WHERE c."CommunityCode" IS DISTINCT FROM p."CommunityCode" """));
        }
    }
}
