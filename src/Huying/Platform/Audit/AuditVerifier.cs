using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Audit;

public sealed record AuditVerification(long Checked, long? BrokenAt, string? Reason)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>Walks the chain in order and reports the first line whose hash or link does not hold.</summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(HuyingDbContext db, CancellationToken ct = default)
    {
        var previous = AuditEntry.GenesisHash;
        long expected = 1;
        long lastSequence = 0;
        const int page = 5000;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > lastSequence)
                .OrderBy(a => a.Sequence)
                .Take(page)
                .ToListAsync(ct);
            foreach (var entry in batch)
            {
                if (entry.Sequence != expected)
                {
                    return new(expected - 1, expected, $"line {expected} is missing");
                }
                if (entry.PreviousHash != previous)
                {
                    return new(expected - 1, entry.Sequence, "its link to the line before does not match");
                }
                if (entry.ComputeHash() != entry.Hash)
                {
                    return new(expected - 1, entry.Sequence, "its content does not match its hash");
                }
                previous = entry.Hash;
                lastSequence = entry.Sequence;
                expected++;
            }
            if (batch.Count < page)
            {
                return new(expected - 1, null, null);
            }
        }
    }
}
