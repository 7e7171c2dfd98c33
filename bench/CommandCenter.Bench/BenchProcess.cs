using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommandCenter.Bench;

/// <summary>One of the apps started from its Release build output on a free loopback port (Development
/// environment, so the web app serves package static assets from its build output), with CPU and memory
/// read from /proc.</summary>
public sealed class BenchProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BenchProcess(Process process, string url) { _process = process; Url = url; }

    public string Url { get; }

    public int Pid => _process.Id;

    public static async Task<BenchProcess> StartAsync(string repoRoot, string project, string[] args, string connectionString, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dir = Path.Combine(repoRoot, "src", project);
        var exe = Path.Combine(dir, "bin", "Release", "net10.0", project);
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; }
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo(exe, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["ASPNETCORE_URLS"] = url;
        psi.Environment["ConnectionStrings__CommandCenter"] = connectionString;
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[{project}] {e.Data}"); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            if (p.HasExited) throw new InvalidOperationException($"{project} exited with {p.ExitCode}");
            try { if ((await http.GetAsync($"{url}/healthz", ct)).IsSuccessStatusCode) return new BenchProcess(p, url); }
            catch (HttpRequestException) { }
            await Task.Delay(100, ct);
        }
        p.Kill(true);
        throw new TimeoutException($"{project} did not become healthy at {url}");
    }

    /// <summary>Resident memory (KB) and CPU time used so far (user + system, seconds).</summary>
    public (long RssKb, double CpuSeconds, DateTime At) Sample()
    {
        _process.Refresh();
        var rss = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return (long.Parse(rss), _process.TotalProcessorTime.TotalSeconds, DateTime.UtcNow);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(true); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }
}
