using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CommandCenter.Core.Data;
using CommandCenter.Core.Geo;
using CommandCenter.Ingest;
using CommandCenter.Core.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommandCenter.Bench;

/// <summary>Incidents end to end through the HTTP API (NDJSON batches from concurrent clients into the
/// ingest app started in-process on a loopback port, the 133 generated grids loaded, every index in
/// place) against the naive way: one INSERT per record, autocommit, measured in the same run on a
/// sample and extrapolated. Then a paced phase: --paced-rate events/s (10,000) for --paced-seconds (10) in batches of
/// --paced-batch (500), sent on schedule whatever the answers, with the ack latency measured from each batch's
/// scheduled time. Options: --count N (default 1,000,000), --clients, --batch, --baseline N, --ceiling N.
/// The trend rollups are folded by the ingest app's background folder while it runs (migration 0160); the time
/// the last fold takes after the last acknowledgement is reported, and the ceiling includes its fold.</summary>
public sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";
    public string Description => "incidents/s through the HTTP API (COPY + upsert) vs one INSERT per record; p99 ack latency, peak memory";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchContext context, CancellationToken ct)
    {
        var count = context.Int("count", 1_000_000);
        var clients = context.Int("clients", 3);
        var batch = context.Int("batch", 5000);
        var baselineCount = context.Int("baseline", 20_000);
        await using var ds = await BenchDatabase.CreateFreshAsync(context, "cc_bench_ingest", ct);
        var grids = await new GridImporter(ds).ImportAsync(
            await File.ReadAllBytesAsync(Path.Combine(context.RepoRoot, "assets/geo/grids.geojson"), ct), "grids.geojson", ct);
        BenchContext.Log($"grids imported ({grids})");
        var points = await PointsAsync(ds, ct);

        var foldInterval = context.Options.GetValueOrDefault("fold-interval", "00:00:01");
        await using var app = await StartIngestAsync(context.ConnectionStringFor("cc_bench_ingest"), foldInterval, ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var key = (await new ApiKeyStore(ds).CreateAsync("bench", null, ct)).Key;

        // Warm-up (JIT, pools, plans), not counted: its cases are removed again.
        await PostAllAsync(address, key, "warm", 20_000, clients, batch, points, null, ct);
        await ExecAsync(ds, "DELETE FROM case_events; DELETE FROM cases", ct);
        await ExecAsync(ds, "SELECT trend_fold()", ct);
        await ExecAsync(ds, "VACUUM ANALYZE cases", ct);
        await ExecAsync(ds, "VACUUM ANALYZE trend_pending_case", ct);

        var memory = new PeakMemory();
        using var folds = new FoldStats();
        var latencies = new List<double>();
        BenchContext.Log($"ingesting {count:N0} incidents: {clients} clients, {batch} per batch ...");
        var sw = Stopwatch.StartNew();
        var rejected = await PostAllAsync(address, key, "b", count, clients, batch, points, latencies, ct);
        var seconds = sw.Elapsed.TotalSeconds;
        var (foldCount, foldSeconds, foldMax) = folds.Stop();
        // What the background folder had not caught up with at the last acknowledgement.
        var pendingAtEnd = await ScalarAsync(ds, "SELECT count(*) FROM trend_pending_case", ct);
        var catchup = Stopwatch.StartNew();
        await ExecAsync(ds, "SELECT trend_fold()", ct);
        var catchupMs = catchup.Elapsed.TotalMilliseconds;
        memory.Stop();
        var stored = await ScalarAsync(ds, "SELECT count(*) FROM cases WHERE external_id LIKE 'b-%'", ct);
        BenchContext.Log($"{count / seconds:N0}/s; the database's own ceiling (server-side COPY) ...");
        var (ceilingRows, ceiling, copyOnly) = await CopyCeilingAsync(ds, Math.Min(count, context.Int("ceiling", 200_000)), ct);
        BenchContext.Log($"ceiling {ceiling:N0}/s (COPY alone {copyOnly:N0}/s); paced phase ...");
        var paced = await PacedAsync(address, key, context.Int("paced-rate", 10_000), context.Int("paced-seconds", 10),
            context.Int("paced-batch", 500), points, ct);
        BenchContext.Log($"paced {paced.Rate:N0}/s: ack p99 {paced.P99:N0} ms; baseline on {baselineCount:N0} records ...");

        var baseline = await NaiveAsync(ds, baselineCount, clients, points, ct);
        BenchContext.Log($"baseline {baseline:N0}/s; the write path's layers (COPY without triggers, without indexes) ...");
        var (noTriggers, bare, indexesDropped) = await WritePathBreakdownAsync(ds, (int)ceilingRows, ct);
        latencies.Sort();
        var rate = count / seconds;
        return new Dictionary<string, object?>
        {
            ["incidents"] = count,
            ["stored"] = stored,
            ["rejected"] = rejected,
            ["clients"] = clients,
            ["batch_size"] = batch,
            ["seconds"] = Math.Round(seconds, 1),
            ["events_per_s"] = Math.Round(rate),
            ["baseline"] = $"one INSERT ... ON CONFLICT DO NOTHING per record, autocommit, {clients} connections, straight to PostgreSQL (no HTTP); {baselineCount:N0}-record sample, rate extrapolated",
            ["baseline_events_per_s"] = Math.Round(baseline),
            ["ratio"] = Math.Round(rate / baseline, 1),
            ["copy_ceiling"] = $"server-side COPY FROM a file of {ceilingRows:N0} of the same rows (new external ids) into the same table, indexes and triggers, one statement",
            ["copy_ceiling_events_per_s"] = Math.Round(ceiling),
            ["copy_ceiling_note"] = "COPY plus the fold of its rollup parts (trend_fold()), i.e. until the rollups are current",
            ["copy_only_events_per_s"] = Math.Round(copyOnly),
            ["efficiency"] = Math.Round(rate / ceiling, 2),
            ["copy_no_triggers_events_per_s"] = Math.Round(noTriggers),
            ["copy_bare_events_per_s"] = Math.Round(bare),
            ["copy_bare_indexes_dropped"] = indexesDropped,
            ["copy_layers_note"] = "the same COPY in a rolled-back transaction: without the table's own triggers, then also without its indexes but the primary and (source, external_id) keys; per-row µs = 1e6 / rate",
            ["us_per_row_fold"] = Math.Round(1e6 / ceiling - 1e6 / copyOnly, 1),
            ["us_per_row_triggers"] = Math.Round(1e6 / copyOnly - 1e6 / noTriggers, 1),
            ["us_per_row_indexes"] = Math.Round(1e6 / noTriggers - 1e6 / bare, 1),
            ["us_per_row_bare"] = Math.Round(1e6 / bare, 1),
            ["folds_during_ingest"] = foldCount,
            ["fold_seconds_during_ingest"] = Math.Round(foldSeconds, 2),
            ["fold_max_ms"] = Math.Round(foldMax * 1000, 1),
            ["fold_interval"] = foldInterval,
            ["fold_note"] = "the ingest app's background folder (Trends:FoldInterval, --fold-interval), from its cc.trends.fold.duration metric",
            ["pending_parts_at_last_ack"] = pendingAtEnd,
            ["final_fold_ms"] = Math.Round(catchupMs, 1),
            ["rollups_current_events_per_s"] = Math.Round(count / (seconds + catchupMs / 1000)),
            ["ack_p50_ms"] = Math.Round(latencies[latencies.Count / 2], 1),
            ["ack_p99_ms"] = Math.Round(latencies[(int)(latencies.Count * 0.99)], 1),
            ["paced_target_events_per_s"] = paced.Target,
            ["paced_events_per_s"] = Math.Round(paced.Rate),
            ["paced_batch_size"] = paced.Batch,
            ["paced_ack_p50_ms"] = Math.Round(paced.P50, 1),
            ["paced_ack_p99_ms"] = Math.Round(paced.P99, 1),
            ["paced_note"] = "batches sent on a fixed schedule (not after the previous answer); latency from the scheduled send to the acknowledgement",
            ["peak_rss_mb"] = Math.Round(memory.PeakBytes / 1048576.0),
            ["peak_rss_note"] = "the whole benchmark process: ingest app and the load-generating clients",
        };
    }

    private static async Task<WebApplication> StartIngestAsync(string connectionString, string foldInterval, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(IngestProgram).Assembly.GetName().Name,
            EnvironmentName = "Production",
        });
        builder.Configuration["ConnectionStrings:CommandCenter"] = connectionString;
        builder.Configuration["Trends:FoldInterval"] = foldInterval;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddCommandCenterData();
        builder.AddIngestApi();
        var app = builder.Build();
        if (!await app.PrepareDatabaseAsync(ct)) throw new InvalidOperationException("ingest could not prepare the database");
        app.UseIngestApi();
        await app.StartAsync(ct);
        return app;
    }

    private static async Task<int> PostAllAsync(string address, string key, string prefix, int count, int clients, int batch,
        (double Lon, double Lat)[] points, List<double>? latencies, CancellationToken ct)
    {
        var next = -1;
        var rejected = 0;
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            var sb = new StringBuilder(batch * 400);
            int start;
            while ((start = Interlocked.Add(ref next, batch) - batch + 1) < count)
            {
                sb.Clear();
                for (var i = start; i < Math.Min(count, start + batch); i++) AppendIncident(sb, prefix, i, random, points);
                var sw = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents") { Content = new StringContent(sb.ToString()) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                request.Headers.Add(ApiKeyStore.Header, key);
                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}: {body}");
                var ms = sw.Elapsed.TotalMilliseconds;
                var r = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("rejected").GetInt32();
                Interlocked.Add(ref rejected, r);
                if (latencies is not null) lock (latencies) latencies.Add(ms);
            }
        }, ct)));
        return rejected;
    }

    private sealed record Paced(int Target, int Batch, double Rate, double P50, double P99);

    /// <summary>Batches of <paramref name="batch"/> sent every batch / rate seconds on a fixed schedule, each on its own
    /// request as soon as its time comes (so a slow answer delays no later batch: no coordinated omission).</summary>
    private static async Task<Paced> PacedAsync(string address, string key, int rate, int seconds, int batch,
        (double Lon, double Lat)[] points, CancellationToken ct)
    {
        var batches = Math.Max(1, rate * seconds / batch);
        var interval = TimeSpan.FromSeconds((double)batch / rate);
        var random = new Random(7);
        var bodies = Enumerable.Range(0, batches).Select(b =>
        {
            var sb = new StringBuilder(batch * 400);
            for (var i = 0; i < batch; i++) AppendIncident(sb, "p", b * batch + i, random, points);
            return sb.ToString();
        }).ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
        var latencies = new double[batches];
        var start = Stopwatch.GetTimestamp();
        var sends = new List<Task>(batches);
        for (var b = 0; b < batches; b++)
        {
            var due = interval * b;
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            var index = b;
            sends.Add(Task.Run(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents") { Content = new StringContent(bodies[index]) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                request.Headers.Add(ApiKeyStore.Header, key);
                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}: {body}");
                latencies[index] = (Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds;
            }, ct));
        }
        await Task.WhenAll(sends);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(latencies);
        return new Paced(rate, batch, batches * batch / elapsed, latencies[batches / 2],
            latencies[Math.Min(batches - 1, (int)(batches * 0.99))]);
    }

    private static readonly string[] Categories = ["sewer", "parking", "sanitation", "noise", "property", "drainpipe", "safety", "dispute"];
    private static readonly DateTimeOffset Reported = DateTimeOffset.UtcNow.AddDays(-1);

    private static void AppendIncident(StringBuilder sb, string prefix, int i, Random random, (double Lon, double Lat)[] points)
    {
        var p = points[random.Next(points.Length)];
        var at = Reported.AddSeconds(i % 80_000).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        sb.Append(CultureInfo.InvariantCulture,
            $$"""{"externalId":"{{prefix}}-{{i}}","channel":"网格员巡查","category":"{{Categories[i % Categories.Length]}}","title":"小区下水道堵塞","description":"3幢东侧下水道堵塞，污水外溢到路面，请尽快处理","lon":{{p.Lon:F6}},"lat":{{p.Lat:F6}},"address":"雉城街道3幢","reporterName":"王建国","reporterPhone":"13812345678","priority":{{1 + i % 3}},"reportedAt":"{{at}}"}""");
        sb.Append('\n');
    }

    private static async Task<double> NaiveAsync(NpgsqlDataSource ds, int count, int clients, (double Lon, double Lat)[] points, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO cases (source, external_id, channel, category_code, title, description, address, location,
                reporter_name, reporter_phone, priority, status, reported_at, accepted_at, source_updated_at)
            VALUES ('naive', @id, '网格员巡查', @cat, '小区下水道堵塞', '3幢东侧下水道堵塞，污水外溢到路面，请尽快处理', '雉城街道3幢',
                ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), '王建国', '13812345678', @prio, 'accepted', @at, @at, @at)
            ON CONFLICT (source, external_id) DO NOTHING
            """;
        var next = -1;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(100 + c);
            await using var conn = await ds.OpenConnectionAsync(ct);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var p = points[random.Next(points.Length)];
                await using var cmd = new NpgsqlCommand(Sql, conn);
                cmd.Parameters.AddWithValue("id", "n-" + i);
                cmd.Parameters.AddWithValue("cat", Categories[i % Categories.Length]);
                cmd.Parameters.AddWithValue("lon", p.Lon);
                cmd.Parameters.AddWithValue("lat", p.Lat);
                cmd.Parameters.AddWithValue("prio", (short)(1 + i % 3));
                cmd.Parameters.AddWithValue("at", Reported.AddSeconds(i % 80_000));
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }, ct)));
        return count / sw.Elapsed.TotalSeconds;
    }

    /// <summary>What PostgreSQL itself can take: the same rows the API stored, written out by the server and copied
    /// back in by the server under new external ids — no HTTP, no parsing, no client round trips, but every index,
    /// constraint and trigger (the trend rollups included) of the real table. The API's rate over this one is how much
    /// of the database's ceiling the service reaches; unlike the naive baseline it does not swing with fsync.</summary>
    private static async Task<(long Rows, double PerSecond, double CopyOnly)> CopyCeilingAsync(NpgsqlDataSource ds, int rows, CancellationToken ct)
    {
        await using var conn = await ds.OpenConnectionAsync(ct);
        var (file, columns) = await ExportAsync(conn, "c-", rows, ct);
        try
        {
            await using (var cmd = new NpgsqlCommand("CHECKPOINT", conn) { CommandTimeout = 600 }) await cmd.ExecuteNonQueryAsync(ct);
            // Nothing else pending, so the fold below is this COPY's own rollup work.
            await using (var cmd = new NpgsqlCommand("SELECT trend_fold()", conn) { CommandTimeout = 600 }) await cmd.ExecuteNonQueryAsync(ct);
            var sw = Stopwatch.StartNew();
            long copied;
            await using (var cmd = new NpgsqlCommand($"COPY cases ({columns}) FROM '{file}' WITH (FORMAT binary)", conn) { CommandTimeout = 600 })
                copied = await cmd.ExecuteNonQueryAsync(ct);
            var copySeconds = sw.Elapsed.TotalSeconds;
            await using (var cmd = new NpgsqlCommand("SELECT trend_fold()", conn) { CommandTimeout = 600 }) await cmd.ExecuteNonQueryAsync(ct);
            return (copied, copied / sw.Elapsed.TotalSeconds, copied / copySeconds);
        }
        finally { DeleteServerFile(file); }
    }

    /// <summary>Where the database's ceiling goes: the same server-side COPY of the same rows, inside a transaction that
    /// is rolled back, (a) with the table's own triggers disabled (the rollup parts, the 接诉即办 tracker) and (b) with
    /// those disabled and every index but the primary key and the (source, external_id) key dropped — what each layer of
    /// the write path costs per row, so the README can say which limits ingest. Nothing it does is kept.</summary>
    private static async Task<(double NoTriggers, double Bare, int IndexesDropped)> WritePathBreakdownAsync(NpgsqlDataSource ds, int rows, CancellationToken ct)
    {
        await using var conn = await ds.OpenConnectionAsync(ct);
        var (file, columns) = await ExportAsync(conn, "d-", rows, ct);
        try
        {
            async Task<(double PerSecond, int Dropped)> CopyInRolledBackAsync(bool dropIndexes)
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand("ALTER TABLE cases DISABLE TRIGGER USER", conn, tx)) await cmd.ExecuteNonQueryAsync(ct);
                var dropped = 0;
                if (dropIndexes)
                {
                    await using var cmd = new NpgsqlCommand("""
                        SELECT coalesce(string_agg(format('DROP INDEX %I', i.relname), '; '), ''), count(*)::int
                        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                        WHERE x.indrelid = 'cases'::regclass
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                        """, conn, tx);
                    await using var r = await cmd.ExecuteReaderAsync(ct);
                    await r.ReadAsync(ct);
                    var drops = r.GetString(0);
                    dropped = r.GetInt32(1);
                    await r.CloseAsync();
                    if (dropped > 0) await using (var drop = new NpgsqlCommand(drops, conn, tx)) await drop.ExecuteNonQueryAsync(ct);
                }
                var sw = Stopwatch.StartNew();
                long copied;
                await using (var cmd = new NpgsqlCommand($"COPY cases ({columns}) FROM '{file}' WITH (FORMAT binary)", conn, tx) { CommandTimeout = 600 })
                    copied = await cmd.ExecuteNonQueryAsync(ct);
                var perSecond = copied / sw.Elapsed.TotalSeconds;
                await tx.RollbackAsync(ct);
                return (perSecond, dropped);
            }
            var (noTriggers, _) = await CopyInRolledBackAsync(dropIndexes: false);
            var (bare, count) = await CopyInRolledBackAsync(dropIndexes: true);
            return (noTriggers, bare, count);
        }
        finally { DeleteServerFile(file); }
    }

    /// <summary>Writes <paramref name="rows"/> of the stored benchmark rows to a file in the server's own temporary
    /// directory (it never crosses the client connection), their external ids re-prefixed so they can be copied back in.</summary>
    private static async Task<(string File, string Columns)> ExportAsync(NpgsqlConnection conn, string prefix, int rows, CancellationToken ct)
    {
        string columns;
        await using (var cmd = new NpgsqlCommand("""
            SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'cases' AND is_identity = 'NO' AND is_generated = 'NEVER'
            """, conn))
            columns = (string)(await cmd.ExecuteScalarAsync(ct))!;
        var select = columns.Replace("external_id", $"'{prefix}' || substr(external_id, 3)", StringComparison.Ordinal);
        var file = $"/tmp/cc-bench-copy-{Environment.ProcessId}-{prefix.TrimEnd('-')}.bin";
        await using (var cmd = new NpgsqlCommand($"""
            COPY (SELECT {select} FROM cases WHERE external_id LIKE 'b-%' ORDER BY id LIMIT {rows}) TO '{file}' WITH (FORMAT binary)
            """, conn) { CommandTimeout = 600 })
            await cmd.ExecuteNonQueryAsync(ct);
        return (file, columns);
    }

    // SQL cannot remove a server file without an extension; the benchmark's server runs on this machine.
    private static void DeleteServerFile(string file)
    {
        try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<(double, double)[]> PointsAsync(NpgsqlDataSource ds, CancellationToken ct)
    {
        await using var cmd = ds.CreateCommand("SELECT ST_X(p.geom), ST_Y(p.geom) FROM grids, ST_Dump(ST_GeneratePoints(geom, 30, 1)) p");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(double, double)>();
        while (await r.ReadAsync(ct)) list.Add((r.GetDouble(0), r.GetDouble(1)));
        return list.ToArray();
    }

    private static async Task ExecAsync(NpgsqlDataSource ds, string sql, CancellationToken ct)
    {
        await using var cmd = ds.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource ds, string sql, CancellationToken ct)
    {
        await using var cmd = ds.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The background folder's folds while ingest runs, from its own metric (in this process).</summary>
    private sealed class FoldStats : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private long _count;
        private double _seconds, _max;
        private bool _stopped;

        public FoldStats()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CommandCenter.Core.Observability.CommandCenterMetrics.MeterName && instrument.Name == "cc.trends.fold.duration")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (_listener)
                {
                    if (_stopped) return;
                    _count++;
                    _seconds += value;
                    _max = Math.Max(_max, value);
                }
            });
            _listener.Start();
        }

        public (long Count, double Seconds, double Max) Stop()
        {
            lock (_listener)
            {
                _stopped = true;
                return (_count, _seconds, _max);
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Samples the process's resident memory every 50 ms.</summary>
    private sealed class PeakMemory
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        public long PeakBytes { get; private set; }

        public PeakMemory() => _loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                PeakBytes = Math.Max(PeakBytes, process.WorkingSet64);
                try { await Task.Delay(50, _stop.Token); } catch (OperationCanceledException) { }
            }
        });

        public void Stop()
        {
            _stop.Cancel();
            _loop.Wait();
        }
    }
}
