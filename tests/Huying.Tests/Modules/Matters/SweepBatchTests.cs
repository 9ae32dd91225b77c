using Huying.Modules.Matters;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Modules.Matters.MatterCalls;

namespace Huying.Tests.Modules.Matters;

/// <summary>
/// The deadline sweep's batches: a backlog of many written each notice once, and a pass the database refuses failing
/// whole. On the clock tests' database (a sweep ahead touches every matter in it).
/// </summary>
public abstract class SweepBatchTests(AppFixture app)
{
    /// <summary>Matters raised in 河边三巷 whose deadlines and next notices are all the first one's.</summary>
    private async Task<(List<long> Ids, DateTime Due)> DueTogetherAsync(int count, string what, string category)
    {
        var staff = await app.As("fuqian.staff");
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(Id(await RaiseAsync(app, staff, $"河边三巷第{i + 1}{what}", category)));
        }
        await using var db = app.Database();
        var due = (await db.Matters.SingleAsync(m => m.Id == ids[0])).DueAt!.Value;
        await db.Matters.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.DueAt, due));
        await db.NextNotices.Where(n => ids.Contains(n.MatterId)).ExecuteUpdateAsync(u => u.SetProperty(n => n.At, due));
        return (ids, due);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ABacklogOfManyBatchesFallenDueAtOneMomentIsWrittenEachNoticeOnceByOneWriterOrSeveralAndOneWriterLinksItsAuditLines(int writers)
    {
        // All owed at one moment: the batches of two split them by id, not by time.
        var (ids, due) = await DueTogetherAsync(9, "号井盖松动，车过有响声", "facilities.manhole");

        await Sweeper(app, due.AddMinutes(5), batch: 2, writers: writers).SweepAsync(default);

        await using var check = app.Database();
        var notices = await check.Supervisions.Where(s => ids.Contains(s.MatterId)).ToListAsync();
        Assert.Equal(ids.Order(), notices.Select(s => s.MatterId).Order());
        Assert.All(notices, s => Assert.Equal((SupervisionKind.Overdue, due), (s.Kind, s.DueAt)));
        Assert.Equal(ids.Count, await check.Notifications.CountAsync(n => n.SubjectType == "Matter" && ids.Contains(n.SubjectId!.Value)
            && n.Kind == "Overdue: supervision notice (red card)"));
        var written = notices.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Count, await check.AuditEntries.CountAsync(a => a.EntityType == nameof(Supervision) && written.Contains(a.EntityId!)));
        if (writers == 1)
        {
            // Written linked, in the batch's transaction: none left for the linker to write again.
            Assert.False(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(Supervision) && written.Contains(a.EntityId!) && a.Sequence == null));
        }
        // Each schedule moved on to the escalation, a day after the deadline.
        Assert.All(await check.NextNotices.Where(n => ids.Contains(n.MatterId)).ToListAsync(), n => Assert.Equal(due.AddHours(24), n.At));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ASweepWhoseNoticesTheDatabaseRefusesFailsWholeLeavingEveryScheduleForTheNextPass(int writers)
    {
        var (ids, due) = await DueTogetherAsync(6, "盏路灯不亮，晚上看不清路", "lighting");
        bool postgres;
        await using (var db = app.Database())
        {
            postgres = db.Database.IsNpgsql();
            // The database refuses every 督办 record, as a full disk or a broken constraint would.
            await db.Database.ExecuteSqlRawAsync(postgres
                ? """
                  CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
                  CREATE TRIGGER test_refuse BEFORE INSERT ON "Supervisions" FOR EACH ROW EXECUTE FUNCTION test_refuse();
                  """
                : """CREATE TRIGGER test_refuse BEFORE INSERT ON "Supervisions" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;""");
        }
        try
        {
            // It ends, with the database's refusal, rather than waiting forever on a writer that stopped (a batch a matter:
            // more batches than the writers and the read-ahead hold).
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
                Sweeper(app, due.AddMinutes(5), batch: 1, writers: writers).SweepAsync(default).WaitAsync(TimeSpan.FromMinutes(1)));
        }
        finally
        {
            await using var db = app.Database();
            await db.Database.ExecuteSqlRawAsync(postgres
                ? "DROP TRIGGER test_refuse ON \"Supervisions\"; DROP FUNCTION test_refuse();"
                : "DROP TRIGGER test_refuse");
        }
        await using (var db = app.Database())
        {
            Assert.False(await db.Supervisions.AnyAsync(s => ids.Contains(s.MatterId)));
            Assert.False(await db.Notifications.AnyAsync(n => n.SubjectType == "Matter" && ids.Contains(n.SubjectId!.Value)
                && n.Kind == "Overdue: supervision notice (red card)"));
            Assert.All(await db.NextNotices.Where(n => ids.Contains(n.MatterId)).ToListAsync(), n => Assert.Equal(due, n.At));
        }

        await Sweeper(app, due.AddMinutes(6), batch: 2, writers: writers).SweepAsync(default);
        await using var check = app.Database();
        Assert.Equal(ids.Order(), (await check.Supervisions.Where(s => ids.Contains(s.MatterId)).Select(s => s.MatterId).ToListAsync()).Order());
    }
}

[Collection(SqliteClockCollection.Name)]
public sealed class SweepBatchTestsOnSqlite(SqliteClockApp app) : SweepBatchTests(app);

[Collection(PostgresClockCollection.Name)]
public sealed class SweepBatchTestsOnPostgres(PostgresClockApp app) : SweepBatchTests(app);
