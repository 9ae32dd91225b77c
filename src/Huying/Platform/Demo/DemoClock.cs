namespace Huying.Platform.Demo;

/// <summary>A clock a demo part walks forward through past days, so the real services stamp each step when it happened.</summary>
public sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
