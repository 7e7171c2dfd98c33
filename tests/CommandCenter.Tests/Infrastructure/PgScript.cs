using System.Diagnostics;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>Runs scripts/pg.sh (start/stop/status a cluster in a folder of the checkout) and returns its
/// standard output; a non-zero exit throws with the script's own message.</summary>
public static class PgScript
{
    public static async Task<string> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("bash", ["scripts/pg.sh", .. args])
        {
            WorkingDirectory = TestCluster.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["CC_PG_FSYNC"] = "off"; // throwaway clusters: durability is not under test
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"scripts/pg.sh {string.Join(' ', args)} failed: {await stderr}");
        return await stdout;
    }
}
