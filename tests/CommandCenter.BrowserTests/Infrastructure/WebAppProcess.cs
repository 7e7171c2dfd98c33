using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.BrowserTests.Infrastructure;

/// <summary>An app (the web app, or ingest) as a real process from its build output, in Development (so package static assets
/// are served), on a free loopback port. It can be stopped and started again on the same port, as an
/// operator's restart would.</summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private readonly string _project;
    private readonly string[] _args;
    // Set for a `dotnet publish` output: run from that folder in Production, as an operator's server would.
    private string? _publishedDir;

    public WebAppProcess(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
        : this("CommandCenter", [], connectionString, settings) { }

    private WebAppProcess(string project, string[] args, string connectionString, IReadOnlyDictionary<string, string>? settings)
    {
        _project = project;
        _args = args;
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string>();
        Port = FreePort();
    }

    /// <summary>The ingest service (`CommandCenter.Ingest serve`) the same way, for tests that go ingest → screen.</summary>
    public static WebAppProcess Ingest(string connectionString) =>
        new("CommandCenter.Ingest", ["serve"], connectionString, null);

    /// <summary>The web app from a `dotnet publish` folder, in Production (static assets from the publish
    /// output's manifest, not from the project's build output).</summary>
    public static WebAppProcess Published(string publishDir, string connectionString) =>
        new("CommandCenter", [], connectionString, null) { _publishedDir = publishDir };

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
    public string Log { get { lock (_log) return _log.ToString(); } }

    private string ProjectDir => Path.Combine(TestCluster.RepoRoot, "src", _project);

    public async Task StartAsync()
    {
        var exe = _publishedDir is not null ? Path.Combine(_publishedDir, _project)
            : Directory.EnumerateFiles(Path.Combine(ProjectDir, "bin"), _project, SearchOption.AllDirectories)
                .Where(p => p.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new InvalidOperationException($"{_project} is not built under {ProjectDir}/bin (dotnet build first)");
        var psi = new ProcessStartInfo(exe, _args)
        {
            // Like `dotnet run` (content root = the project, static web assets from its manifest), or like a server.
            WorkingDirectory = _publishedDir ?? ProjectDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = _publishedDir is null ? "Development" : "Production";
        psi.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        psi.Environment["ConnectionStrings__CommandCenter"] = _connectionString;
        psi.Environment["Logging__LogLevel__Default"] = "Information";
        // A test class logs a dozen people in from 127.0.0.1 within a minute (the login page and its form both count);
        // the per-address limit has its own test (RateLimitTests), here it would only fail whichever login came 21st.
        psi.Environment["Security__LoginPermitsPerMinute"] = "10000";
        foreach (var (k, v) in _settings) psi.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v;
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the web app exited with {_process.ExitCode}:\n{Log}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "healthz"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the web app did not become healthy at {BaseAddress}:\n{Log}");
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        // The server's side of a failed browser test (an exception that ended a circuit, a refused query) is only
        // in this log: keep it in the artifacts' logs folder rather than lose it with the process.
        try { await File.WriteAllTextAsync(Artifacts.LogPathFor($"{_project}-{Port}.log"), Log); }
        catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
