using CommandCenter.Core.Data.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Core.Data;

public static class DatabaseStartup
{
    /// <summary>Checks the database and applies migrations before the app starts serving. On failure it
    /// writes one plain sentence to stderr (which host, what is missing, which migration file) and
    /// returns false; the caller exits non-zero instead of showing a stack trace.</summary>
    public static async Task<bool> PrepareDatabaseAsync(this IHost host, CancellationToken ct = default)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CommandCenter.Startup");
        var probe = host.Services.GetRequiredService<DatabaseProbe>();
        DatabaseStatus status;
        try
        {
            status = await probe.CheckAsync(ct);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            return Fail(logger, ex.Message);
        }
        // PostGIS available but not yet created is fine: migration 0001 creates it (and says so if it cannot).
        if (!status.Reachable || status.PostGisVersion is null && !status.PostGisAvailable)
            return Fail(logger, status.Problem ?? $"database {status.Where} is not usable");
        try
        {
            var applied = await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
            logger.LogInformation("Database {Database} ready ({Applied} migrations applied)", status.Where, applied);
            return true;
        }
        catch (MigrationException ex)
        {
            return Fail(logger, ex.Message);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            return Fail(logger, $"database {status.Where} failed during migration: {ex.Message}");
        }
    }

    private static bool Fail(ILogger logger, string message)
    {
        logger.LogCritical("Cannot start: {Problem}", message);
        Console.Error.WriteLine($"error: {message}");
        return false;
    }
}
