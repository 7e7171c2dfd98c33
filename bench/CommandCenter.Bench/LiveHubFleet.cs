using System.Diagnostics;

namespace CommandCenter.Bench;

/// <summary>The bench's handle on the hub-load process (<see cref="LiveHubLoad"/>): starts it, asks it
/// questions, collects its samples and reads its CPU time.</summary>
public sealed class LiveHubFleet : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _talk = new(1, 1);

    private LiveHubFleet(Process process) => _process = process;

    public static async Task<LiveHubFleet> StartAsync(LiveLoadOptions o, CancellationToken ct)
    {
        // Through nice(1), which execs the program: the process (and its CPU time) is the hub-load's own.
        var psi = new ProcessStartInfo("nice", ["-n", o.ClientsNice.ToString(), Environment.ProcessPath!, LiveHubLoad.Command, o.Web, o.KioskCookie, o.HubClients.ToString(), o.HubProtocol])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.Environment["DOTNET_gcServer"] = "0";
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start the hub-load process");
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[hub-load] {e.Data}"); };
        p.BeginErrorReadLine();
        var fleet = new LiveHubFleet(p);
        var ready = await p.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromMinutes(5), ct);
        if (ready != "ready") throw new InvalidOperationException($"hub-load did not start its clients: {ready ?? "exited"}");
        return fleet;
    }

    /// <summary>The lowest 今日受理 any client has seen (-1 while one has seen nothing).</summary>
    public async Task<int> MinAsync(CancellationToken ct) => int.Parse(await AskAsync("min", ct));

    /// <summary>Every client's (time, 今日受理) samples in arrival order.</summary>
    public async Task<List<List<(long At, int Value)>>> SamplesAsync(CancellationToken ct)
    {
        var path = Path.GetTempFileName();
        try
        {
            await AskAsync($"dump {path}", ct);
            return (await File.ReadAllLinesAsync(path, ct)).Select(line => line.Length == 0 ? [] : line.Split(',').Select(s =>
            {
                var colon = s.IndexOf(':');
                return (long.Parse(s[..colon]), int.Parse(s[(colon + 1)..]));
            }).ToList()).ToList();
        }
        finally { File.Delete(path); }
    }

    /// <summary>CPU time the clients' process used so far (seconds).</summary>
    public double CpuSeconds()
    {
        _process.Refresh();
        return _process.TotalProcessorTime.TotalSeconds;
    }

    private async Task<string> AskAsync(string command, CancellationToken ct)
    {
        await _talk.WaitAsync(ct);
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync(ct);
            return await _process.StandardOutput.ReadLineAsync(ct) ?? throw new InvalidOperationException("hub-load exited");
        }
        finally { _talk.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("stop");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            }
        }
        catch (Exception) when (!_process.HasExited) { _process.Kill(true); }
        _process.Dispose();
        _talk.Dispose();
    }
}
