using System.Diagnostics;
using System.Text.Json;
using CommandCenter.Core.Data.Migrations;
using CommandCenter.Core.Kpis;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.Tests.Operations;

/// <summary>Issue 17, operations: the restore drill of deploy/backup. A PostgreSQL of its own with WAL archiving
/// (deploy/postgresql/archiving.conf's settings), a base backup by backup.sh, more writes after it (which only
/// the WAL archive holds), the data directory destroyed, restore.sh, and every KPI (KpiCalculator) of several
/// periods and scopes equal to what it was before the destruction.</summary>
public sealed class RestoreDrillTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(TestCluster.RepoRoot, ".data", $"restore-drill-{Guid.NewGuid():N}"[..22]);
    private string PgDir => Path.Combine(_dir, "pg");
    private string Archive => Path.Combine(_dir, "wal");
    private string Backups => Path.Combine(_dir, "backups");

    [Fact]
    public async Task Backup_destroy_and_restore_give_back_every_KPI_including_the_writes_after_the_backup()
    {
        var cs = await StartAsync("auto");
        Directory.CreateDirectory(Archive);
        await OwnByPostgresAsync(Archive);
        await using (var db = NpgsqlDataSource.Create(cs))
        {
            await ExecAsync(db, "ALTER SYSTEM SET archive_mode = 'on'");
            await ExecAsync(db, $"ALTER SYSTEM SET archive_command = 'test ! -f {Archive}/%f && cp %p {Archive}/%f'");
        }
        await PgScript.RunAsync("stop", PgDir);
        cs = await StartAsync(null);   // archive_mode needs a restart; same port

        var now = DateTimeOffset.UtcNow;
        await using (var db = NpgsqlDataSource.Create(cs))
        {
            await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
            var grids = await SampleData.EnsureGridsAsync(db, 24);
            await SampleData.AddCasesAsync(db, Cases(now, grids, 0, 300));
            await SampleData.AddMediationAsync(db, "网格", "调解成功", now.AddDays(-2), grids[0]);

            await RunAsync("deploy/backup/backup.sh", cs, Backups, Archive);

            // After the base backup: only the archived WAL has these.
            await SampleData.AddCasesAsync(db, Cases(now, grids, 300, 200));
            await SampleData.AddMediationAsync(db, "社区", "调解失败", now.AddDays(-1), grids[3]);
            await ExecAsync(db, "UPDATE cases SET status = 'closed', closed_at = accepted_at + interval '3 hours' WHERE id % 7 = 0 AND closed_at IS NULL");
            await ArchiveCurrentSegmentAsync(db);
        }

        var before = await KpisAsync(cs, now);
        await PgScript.RunAsync("stop", PgDir);
        Directory.Delete(Path.Combine(PgDir, "data"), recursive: true);                 // the disaster

        var backup = Directory.GetDirectories(Backups, "base-*").OrderBy(d => d, StringComparer.Ordinal).Last();
        await RunAsync("deploy/backup/restore.sh", cs, backup, Archive, Path.Combine(PgDir, "data"));
        cs = await StartAsync(null);
        await using (var db = NpgsqlDataSource.Create(cs))
            await UntilPromotedAsync(db);

        var after = await KpisAsync(cs, now);
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++) Assert.Equal(before[i], after[i]);
        Assert.Contains("\"Accepted\":500", before[0], StringComparison.Ordinal);   // the drill did restore the late writes
    }

    private static IEnumerable<CaseSpec> Cases(DateTimeOffset now, IReadOnlyList<string> grids, int from, int count) =>
        Enumerable.Range(from, count).Select(i =>
        {
            var accepted = now.AddHours(-(i % 200) * 3 - 1);
            var closed = i % 3 == 0 ? accepted.AddHours(i % 5 + 1) : (DateTimeOffset?)null;
            return new CaseSpec(accepted)
            {
                Grid = grids[i % grids.Count],
                Category = i % 2 == 0 ? "sewer" : "noise",
                Status = closed is null ? (i % 4 == 0 ? "dispatched" : "accepted") : "closed",
                DispatchedAt = i % 4 == 0 || closed is not null ? accepted.AddMinutes(20) : null,
                DeadlineAt = accepted.AddHours(24),
                ClosedAt = closed,
                Satisfaction = closed is null ? null : i % 2 == 0 ? "满意" : "基本满意",
                CallbackAt = closed,
            };
        });

    /// <summary>Every KPI of today, the last 7 days, the last 30 days and this year, for the whole subdistrict,
    /// a 片区 and a grid, as JSON (KpiSnapshot's every field).</summary>
    private static async Task<List<string>> KpisAsync(string cs, DateTimeOffset now)
    {
        await using var db = NpgsqlDataSource.Create(cs);
        var kpis = new KpiCalculator(db);
        var today = KpiPeriod.Today(now);
        // The widest first: the test reads the count of the first.
        KpiPeriod[] periods = [new(today.From.AddDays(-365), today.To), new(today.From.AddDays(-29), today.To), new(today.From.AddDays(-6), today.To), today];
        KpiScope[] scopes = [KpiScope.All, KpiScope.Region("P1"), KpiScope.Grid("G002")];
        var all = new List<string>();
        foreach (var p in periods)
            foreach (var s in scopes)
                all.Add(JsonSerializer.Serialize(await kpis.ComputeAsync(p, now, s, CancellationToken.None)));
        return all;
    }

    private async Task<string> StartAsync(string? port)
    {
        var output = port is null ? await PgScript.RunAsync("start", PgDir) : await PgScript.RunAsync("start", PgDir, port);
        return new NpgsqlConnectionStringBuilder(output.Trim().Split('\n')[^1]) { Pooling = false }.ConnectionString;
    }

    private static async Task ArchiveCurrentSegmentAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("SELECT pg_walfile_name(pg_switch_wal())");
        var segment = (string)(await cmd.ExecuteScalarAsync())!;
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var check = db.CreateCommand("SELECT coalesce(last_archived_wal >= @s, false) FROM pg_stat_archiver");
            check.Parameters.AddWithValue("s", segment);
            if ((bool)(await check.ExecuteScalarAsync())!) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"WAL segment {segment} was not archived within 60 s");
            await Task.Delay(100);
        }
    }

    private static async Task UntilPromotedAsync(NpgsqlDataSource db)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                await using var cmd = db.CreateCommand("SELECT NOT pg_is_in_recovery()");
                if ((bool)(await cmd.ExecuteScalarAsync())!) return;
            }
            catch (NpgsqlException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException("the restored server did not finish recovery within 120 s");
            await Task.Delay(200);
        }
    }

    private static async Task ExecAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task OwnByPostgresAsync(string path)
    {
        if (Environment.UserName != "root") return;   // not root: PostgreSQL runs as this user and owns it already
        using var p = Process.Start("chown", ["postgres:", path])!;
        await p.WaitForExitAsync();
    }

    private static async Task RunAsync(string script, string cs, params string[] args)
    {
        var csb = new NpgsqlConnectionStringBuilder(cs);
        var psi = new ProcessStartInfo("bash", [script, .. args])
        {
            WorkingDirectory = TestCluster.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["PGHOST"] = csb.Host;
        psi.Environment["PGPORT"] = csb.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGUSER"] = csb.Username;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{script} failed ({p.ExitCode}): {await stdout}\n{await stderr}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await PgScript.ExecAsync("stop", PgDir);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
