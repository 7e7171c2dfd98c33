using System.Diagnostics;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Foundation;

/// <summary>Issue 12, finding 5: run.sh took the whole stack down when one service died. Each service now
/// runs under scripts/supervise.sh; these run it around a stand-in service (a shell command).</summary>
public sealed class SuperviseScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-supervise-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private Process Start(string service)
    {
        var psi = new ProcessStartInfo("bash", ["scripts/supervise.sh", "the test service", Path.Combine(_dir, "service.log"), "bash", "-c", service])
        {
            WorkingDirectory = TestCluster.RepoRoot,
            RedirectStandardError = true,
        };
        psi.Environment["CC_RESTART_MAX_DELAY"] = "2";
        psi.Environment["MARKER"] = Path.Combine(_dir, "starts");
        psi.Environment["PIDFILE"] = Path.Combine(_dir, "pid");
        return Process.Start(psi)!;
    }

    private int Starts => File.Exists(Path.Combine(_dir, "starts")) ? File.ReadAllLines(Path.Combine(_dir, "starts")).Length : 0;

    [Fact]
    public async Task A_service_that_crashes_is_logged_and_started_again_with_growing_pauses()
    {
        using var supervisor = Start("""echo started >> "$MARKER"; exit 3""");
        try
        {
            // Pauses of 1 s then 2 s (the test's maximum): the third start comes after about 3 s, not at once.
            var clock = Stopwatch.StartNew();
            while (Starts < 3 && clock.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(100);
            var elapsed = clock.Elapsed;

            Assert.True(Starts >= 3, $"the service was started {Starts} times");
            Assert.True(elapsed > TimeSpan.FromSeconds(2.5), $"restarted without backing off ({elapsed})");
            Assert.False(supervisor.HasExited, "the supervisor gave up");
            Assert.Contains("the test service exited with code 3; restarting in 1s", await File.ReadAllTextAsync(Path.Combine(_dir, "service.log")));
        }
        finally
        {
            supervisor.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Stopping_the_supervisor_stops_the_service_and_does_not_restart_it()
    {
        using var supervisor = Start("""echo $$ > "$PIDFILE"; echo started >> "$MARKER"; exec sleep 300""");
        var pidFile = Path.Combine(_dir, "pid");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(pidFile) && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        var service = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        using (var term = Process.Start("kill", ["-TERM", supervisor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        var exited = supervisor.WaitForExit(10_000);

        Assert.True(exited, "the supervisor did not stop on TERM");
        Assert.Equal(0, supervisor.ExitCode);
        Assert.False(IsRunning(service), "the service outlived its supervisor");
        Assert.Equal(1, Starts);
    }

    private static bool IsRunning(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }
}
