using Huying.Modules.Matters;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Modules.Matters;

public abstract class IntakeWriterTests(AppFixture app)
{
    [Fact]
    public async Task AnIntakeWhoseTrackingCodeWasAlreadyGivenIsSavedUnderANewCodeNotRefused()
    {
        var first = await MatterCalls.RaiseAsync(app, await app.As("fuqian.staff"), "楼道灯坏了，编号撞上的对照");
        var taken = first.GetProperty("trackingCode").GetString()!;
        await using var db = app.Database();
        // The same matter again under the code just given, as if the generator had drawn it twice.
        var again = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == MatterCalls.Id(first));
        again.Id = 0;
        again.Description = "楼道灯坏了，同一编号再来一次";
        await app.Factory.Services.GetRequiredService<IntakeWriter>().SubmitAsync(again, CancellationToken.None);
        Assert.NotEqual(taken, again.TrackingCode);
        Assert.Equal(again.TrackingCode, await db.Matters.Where(m => m.Id == again.Id).Select(m => m.TrackingCode).SingleAsync());
        Assert.Equal(1, await db.Matters.CountAsync(m => m.TrackingCode == taken));
    }

    [Fact]
    public async Task IntakesWrittenTogetherEachKeepTheirEventTextMessageAndAuditLineUnderKeysOfTheirOwn()
    {
        // Several at once, so the writer takes them as one batch: their events, notices and audit lines go in as lists
        // whose keys the database gives and nobody reads back.
        var staff = await app.As("fuqian.staff");
        var raised = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            MatterCalls.RaiseAsync(app, staff, $"一起写入的第{i}件，下水道堵了", phone: $"1380013{i:D4}")));
        var ids = raised.Select(MatterCalls.Id).ToList();
        await using var db = app.Database();
        var events = await db.MatterEvents.AsNoTracking().Where(e => ids.Contains(e.MatterId)).Select(e => new { e.Id, e.MatterId }).ToListAsync();
        var texts = await db.Notifications.AsNoTracking()
            .Where(n => n.SubjectType == nameof(Matter) && ids.Contains(n.SubjectId!.Value) && n.Channel == Huying.Platform.Notifications.NotificationChannel.Sms)
            .Select(n => new { n.Id, n.SubjectId }).ToListAsync();
        var names = ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var lines = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "create" && a.EntityType == nameof(Matter) && names.Contains(a.EntityId!))
            .Select(a => new { a.Id, a.EntityId }).ToListAsync();
        Assert.Equal(ids.Order(), events.Select(e => e.MatterId).Distinct().Order());
        Assert.Equal(ids.Order(), texts.Select(n => n.SubjectId!.Value).Order());
        Assert.Equal(names.Order(), lines.Select(a => a.EntityId!).Order());
        Assert.All(events.Select(e => e.Id).Concat(texts.Select(n => n.Id)).Concat(lines.Select(a => a.Id)), id => Assert.True(id > 0));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IntakeWriterTestsOnSqlite(SqliteApp app) : IntakeWriterTests(app);

[Collection(PostgresCollection.Name)]
public sealed class IntakeWriterTestsOnPostgres(PostgresApp app) : IntakeWriterTests(app);
