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
}

[Collection(SqliteCollection.Name)]
public sealed class IntakeWriterTestsOnSqlite(SqliteApp app) : IntakeWriterTests(app);

[Collection(PostgresCollection.Name)]
public sealed class IntakeWriterTestsOnPostgres(PostgresApp app) : IntakeWriterTests(app);
