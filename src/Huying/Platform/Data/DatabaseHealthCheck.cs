using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Huying.Platform.Data;

/// <summary>/healthz: healthy when the database answers, and its read replica when one is configured.</summary>
public sealed class DatabaseHealthCheck(HuyingContextFactory contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create(DataScope.System);
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
        if (contexts.ReplicaConnectionString is not null)
        {
            await using var replica = contexts.Create(DataScope.System, replica: true);
            if (!await replica.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The read replica does not answer.");
            }
        }
        return HealthCheckResult.Healthy();
    }
}
