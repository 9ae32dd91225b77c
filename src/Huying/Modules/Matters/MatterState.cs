namespace Huying.Modules.Matters;

public enum MatterState
{
    Submitted = 1,
    Accepted = 2,
    InProgress = 3,
    Escalated = 4,
    Dispatched = 5,
    UnitAccepted = 6,
    Resolved = 7,
    Verified = 8,
    Closed = 9,
    Rejected = 10,
    Merged = 11,
}

public enum MatterChannel
{
    Web = 1,
    Visit = 2,
    Phone = 3,
    Hotline = 4,
    Open311 = 5,
    Staff = 6,
}

/// <summary>Who holds the matter now; a rework returns it to the last of these.</summary>
public enum HandlerLevel
{
    Grid = 1,
    Community = 2,
    Unit = 3,
}

