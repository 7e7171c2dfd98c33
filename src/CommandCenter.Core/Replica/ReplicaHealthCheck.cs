using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CommandCenter.Core.Replica;

/// <summary>/healthz: the replica's lag behind the primary, in bytes of WAL and in seconds (0 when it has
/// replayed everything it received), and how many trend reads it served or handed back to the primary.
/// A replica that cannot be reached is Degraded, not Unhealthy: the node still answers every page.</summary>
public sealed class ReplicaHealthCheck(ReadReplica reads) : IHealthCheck
{
    private const string ReplicaSql = """
        SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,
               CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                    ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object>
        {
            ["replicaConfigured"] = reads.Configured,
            ["readsOnReplica"] = reads.ReadsOnReplica,
            ["readsOnPrimaryFallback"] = reads.ReadsFellBack,
        };
        if (reads.Replica is not { } replica)
            return HealthCheckResult.Healthy("no replica configured: trend reads use the primary", data);
        try
        {
            string primaryLsn;
            await using (var p = await reads.Primary.OpenConnectionAsync(ct))
            await using (var cmd = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", p))
                primaryLsn = (string)(await cmd.ExecuteScalarAsync(ct))!;
            await using var r = await replica.OpenConnectionAsync(ct);
            await using var q = new NpgsqlCommand(ReplicaSql, r);
            await using var row = await q.ExecuteReaderAsync(ct);
            await row.ReadAsync(ct);
            var inRecovery = row.GetBoolean(0);
            var replayLsn = row.IsDBNull(1) ? "0/0" : row.GetString(1);
            var lagSeconds = row.GetDouble(2);
            await row.DisposeAsync();
            await using var diff = new NpgsqlCommand("SELECT greatest(pg_wal_lsn_diff(@p::pg_lsn, @r::pg_lsn), 0)::bigint", r);
            diff.Parameters.AddWithValue("p", primaryLsn);
            diff.Parameters.AddWithValue("r", replayLsn);
            var lagBytes = (long)(await diff.ExecuteScalarAsync(ct))!;
            data["primaryLsn"] = primaryLsn;
            data["replayLsn"] = replayLsn;
            data["replicaLagBytes"] = lagBytes;
            data["replicaLagSeconds"] = Math.Round(lagSeconds, 3);
            if (!inRecovery)
                return HealthCheckResult.Degraded("ConnectionStrings:Replica is not a standby (promoted?); trend reads go to it anyway", data: data);
            return HealthCheckResult.Healthy($"replica {lagBytes} bytes / {lagSeconds:0.###} s behind", data);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
        {
            return HealthCheckResult.Degraded($"replica unreachable ({ex.Message}); trend reads use the primary", data: data);
        }
    }
}
