using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Huying.Platform.Data;

public static class DbErrors
{
    /// <summary>
    /// A save refused by a unique index: the same thing recorded twice at once (a vote, a sign-up, an ID number);
    /// through EF (wrapped) or a prepared statement of its own (bare).
    /// </summary>
    public static bool IsUniqueViolation(Exception exception) =>
        (exception is DbUpdateException { InnerException: { } inner } ? inner : exception)
            is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// The database is not there for now (stopped, restarting, unreachable, its file locked past the wait or its disk
    /// full): nothing of the request was saved, and the same request later may well go through — a 503, not a 500.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // SQLITE_BUSY / LOCKED past busy_timeout, IOERR, FULL, CANTOPEN.
                case SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 }:
                // Server shutting down or starting, too many connections, connection failures (class 08), out of disk (53100).
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" or "53100" } or PostgresException { SqlState: [ '0', '8', .. ] }:
                case NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException }:
                case NpgsqlException { IsTransient: true } and not PostgresException:
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }
        return false;
    }
}
