using System.Diagnostics;

namespace CommandCenter.Bench;

/// <summary>Keeps the benchmark's Chromium at a lower CPU priority than the server. Starting the browser under nice(1)
/// is not enough: Chromium sets its renderers' priority itself (a foreground renderer back to nice 0), so every half
/// second this sets <see cref="Nice"/> on every thread of every process descended from a process whose command line
/// carries <see cref="Marker"/>, through renice(1) with thread ids: Linux keeps one nice value per thread, and .NET's
/// <see cref="Process.PriorityClass"/> sets only a process's main thread.</summary>
public sealed class LiveNice(string marker, int nice) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public string Marker { get; } = marker;

    public int Nice { get; } = nice;

    public void Start()
    {
        if (Nice == 0 || !OperatingSystem.IsLinux()) return;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            try { do Apply(); while (await timer.WaitForNextTickAsync(_stop.Token)); }
            catch (OperationCanceledException) { }
        });
    }

    private void Apply()
    {
        var parents = new Dictionary<int, int>();
        var roots = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1]);
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(Marker, StringComparison.Ordinal)) roots.Add(pid);
            }
            catch (IOException) { }        // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        var late = new List<string>();
        foreach (var (pid, _) in parents)
        {
            if (!DescendsFrom(pid, roots, parents)) continue;
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    // Field 19 of stat is the nice value; index 16 after "state".
                    if (stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16] != Nice.ToString()) late.Add(Path.GetFileName(task));
                }
            }
            catch (IOException) { }
        }
        if (late.Count == 0) return;
        using var renice = Process.Start(new ProcessStartInfo("renice", ["-n", Nice.ToString(), "-p", .. late])
        { RedirectStandardOutput = true, RedirectStandardError = true });
        renice?.StandardOutput.ReadToEnd();
        renice?.WaitForExit();
    }

    private static bool DescendsFrom(int pid, HashSet<int> roots, Dictionary<int, int> parents)
    {
        for (var p = pid; p > 1; p = parents.GetValueOrDefault(p, 1))
            if (roots.Contains(p)) return true;
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        _stop.Dispose();
    }
}
