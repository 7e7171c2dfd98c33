using System.Diagnostics;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>Runs scripts/pg.sh (start/stop/status a cluster in a folder of the checkout).</summary>
public static class PgScript
{
    /// <summary>Returns the script's standard output; a non-zero exit throws with the script's own message.</summary>
    public static async Task<string> RunAsync(params string[] args)
    {
        var result = await ExecAsync(args);
        if (result.Code != 0)
            throw new InvalidOperationException($"scripts/pg.sh {string.Join(' ', args)} failed: {result.Err}");
        return result.Out;
    }

    /// <summary>Runs the script and returns its exit code and trimmed output, for tests of the script itself.</summary>
    public static async Task<PgScriptResult> ExecAsync(params string[] args)
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
        return new PgScriptResult(p.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }
}

public sealed record PgScriptResult(int Code, string Out, string Err);
