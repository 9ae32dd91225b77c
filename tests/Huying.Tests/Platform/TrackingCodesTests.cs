using Huying.Platform.Web;

namespace Huying.Tests.Platform;

public sealed class TrackingCodesTests
{
    private sealed class Item(string code)
    {
        public string Code { get; set; } = code;
    }

    private static Task RedrawAsync(List<Item> items, Func<IReadOnlyList<string>, IReadOnlyCollection<string>> takenOf) =>
        TrackingCodes.RedrawTakenAsync(items, "M", i => i.Code, (i, c) => i.Code = c, (codes, _) => Task.FromResult(takenOf(codes)), default);

    [Fact]
    public async Task ACodeDrawnTwiceInAListOrAlreadyGivenIsDrawnAgainAndTheOthersAreKept()
    {
        List<Item> items = [new("M-AAAAAAAA"), new("M-AAAAAAAA"), new("M-BBBBBBBB"), new("M-CCCCCCCC")];
        await RedrawAsync(items, codes => [.. codes.Where(c => c == "M-BBBBBBBB")]);
        Assert.Equal("M-AAAAAAAA", items[0].Code);
        Assert.Equal("M-CCCCCCCC", items[3].Code);
        Assert.NotEqual("M-BBBBBBBB", items[2].Code);
        Assert.Equal(4, items.Select(i => i.Code).Distinct().Count());
        Assert.All(items, i => Assert.Matches("^M-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$", i.Code));
    }

    [Fact]
    public async Task NewCodesThatTurnOutTakenTooAreDrawnAgainUntilNoneIs()
    {
        List<Item> items = [.. Enumerable.Range(0, 1200).Select(i => new Item($"M-{i:D8}"))];
        var asked = new List<int>();
        // Everything asked about is taken twice over (1,200 codes: three look-ups of at most 500 each time), then nothing.
        await RedrawAsync(items, codes =>
        {
            asked.Add(codes.Count);
            return asked.Count <= 6 ? codes : [];
        });
        Assert.Equal([500, 500, 200, 500, 500, 200, 500, 500, 200], asked);
        Assert.DoesNotContain(items, i => i.Code.StartsWith("M-0", StringComparison.Ordinal));
        Assert.Equal(1200, items.Select(i => i.Code).Distinct().Count());
    }
}
