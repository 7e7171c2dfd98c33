using System.Diagnostics;
using System.Net;
using System.Text;
using CommandCenter.Tests.Infrastructure;
using Npgsql;

namespace CommandCenter.Tests.Cluster;

/// <summary>Starts ./cluster.sh once for a test class: PostgreSQL primary + streaming replica, two web nodes,
/// two ingest nodes and nginx, in a folder of the checkout on the loopback ports 5350–5357 (from the solution's
/// Debug build, which ./test.sh has just made; no simulator, no restarts: the tests kill nodes on purpose).
/// Dispose stops the script with TERM, which stops everything it started. Shared as source with the browser
/// tests, whose cluster (a Chromium wall on it) takes other ports.</summary>
public class ClusterFixture : IAsyncLifetime
{
    protected virtual int BasePort => 5350;
    private readonly string _dir = Path.Combine(TestCluster.RepoRoot, ".data", $"cluster-test-{Guid.NewGuid():N}"[..21]);
    private readonly StringBuilder _log = new();
    private Process? _script;
    private Dictionary<string, string> _env = [];

    public Uri WebUrl => new(_env["CC_CLUSTER_WEB_URL"] + "/");
    public Uri IngestUrl => new(_env["CC_CLUSTER_INGEST_URL"] + "/");
    public string Primary => _env["CC_CLUSTER_PRIMARY"];
    public string Replica => _env["CC_CLUSTER_REPLICA"];
    public int[] WebPorts => Ints("CC_CLUSTER_WEB_PORTS");
    public int[] IngestPorts => Ints("CC_CLUSTER_INGEST_PORTS");
    public NpgsqlDataSource PrimaryDb { get; private set; } = null!;
    public NpgsqlDataSource ReplicaDb { get; private set; } = null!;
    public string Directory => _dir;

    private int[] Ints(string key) => _env[key].Split(' ').Select(int.Parse).ToArray();

    /// <summary>The process id of the node listening on <paramref name="port"/> (a web or ingest node).</summary>
    public int PidOf(int port)
    {
        var web = Array.IndexOf(WebPorts, port);
        var key = web >= 0 ? "CC_CLUSTER_WEB_PIDS" : "CC_CLUSTER_INGEST_PIDS";
        var index = web >= 0 ? web : Array.IndexOf(IngestPorts, port);
        return Ints(key)[index];
    }

    /// <summary>Kills a node as a crash would (SIGKILL: no graceful shutdown, open connections just drop).</summary>
    public void Kill(int port)
    {
        using var p = Process.GetProcessById(PidOf(port));
        p.Kill();
        p.WaitForExit(10_000);
    }

    public async Task InitializeAsync()
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(TestCluster.RepoRoot, "cluster.sh")])
        {
            WorkingDirectory = TestCluster.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["CC_CLUSTER_DIR"] = _dir;
        psi.Environment["CC_CLUSTER_PORT"] = BasePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["CC_CLUSTER_BUILD"] = "debug";
        psi.Environment["CC_CLUSTER_RESTART"] = "0";
        psi.Environment["CC_SIMULATE"] = "0";
        psi.Environment["CC_PG_FSYNC"] = "off";
        // Every test logs in from 127.0.0.1; the per-address login limit would throttle the class.
        psi.Environment["Security__LoginPermitsPerMinute"] = "10000";
        psi.Environment["Security__RevalidationSeconds"] = "1";
        // Only readers fold the trend parts here, so a test can leave parts pending until its read (the replica test).
        psi.Environment["Trends__BackgroundFold"] = "false";
        psi.Environment["Logging__LogLevel__Default"] = "Information";
        _script = Process.Start(psi)!;
        _script.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _script.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();

        var envFile = Path.Combine(_dir, "cluster.env");
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (!File.Exists(envFile))
        {
            if (_script.HasExited) throw new InvalidOperationException($"cluster.sh exited with {_script.ExitCode}:\n{Log}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"cluster.sh did not become ready in 4 minutes:\n{Log}");
            await Task.Delay(250);
        }
        _env = (await File.ReadAllLinesAsync(envFile)).Where(l => l.Contains('=', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        PrimaryDb = NpgsqlDataSource.Create(Primary);
        ReplicaDb = NpgsqlDataSource.Create(Replica);
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>A node's log file (web1, web2, ingest1, ingest2).</summary>
    public string NodeLog(string name) =>
        File.Exists(Path.Combine(_dir, "logs", name + ".log")) ? File.ReadAllText(Path.Combine(_dir, "logs", name + ".log")) : "";

    /// <summary>An HTTP client with its own cookies (nginx's cc_node and the sign-in), never following redirects.</summary>
    public static (HttpClient Client, CookieContainer Cookies) NewClient(Uri baseAddress)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        return (client, cookies);
    }

    public async Task DisposeAsync()
    {
        if (PrimaryDb is not null) await PrimaryDb.DisposeAsync();
        if (ReplicaDb is not null) await ReplicaDb.DisposeAsync();
        if (_script is { HasExited: false })
        {
            using (var kill = Process.Start("kill", ["-TERM", _script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await _script.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _script.Kill(entireProcessTree: true); }
        }
        _script?.Dispose();
        try { System.IO.Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
