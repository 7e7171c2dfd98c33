using System.Diagnostics;
using System.Text.RegularExpressions;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Tests.Security;

/// <summary>The `admin` command line as run.sh runs it: the built ingest executable against a database.</summary>
public sealed partial class AdminCommandTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    [Fact]
    public async Task Admin_init_prints_a_one_time_password_once_and_kiosk_create_prints_a_working_link()
    {
        var first = await RunAsync("admin", "init");
        var second = await RunAsync("admin", "init");
        var kiosk = await RunAsync("admin", "kiosk", "create", "主屏", "--location", "指挥中心", "--base-url", "http://10.0.0.5:5080/");

        Assert.Equal(0, first.Exit);
        var password = OneTimePassword().Match(first.Output).Groups[1].Value;
        Assert.Null(PasswordPolicy.Check("admin", password));
        await using (var cmd = db.DataSource.CreateCommand("SELECT password_hash, must_change_password FROM users WHERE user_name = 'admin'"))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await r.ReadAsync());
            Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<UserAccount>().VerifyHashedPassword(null!, r.GetString(0), password));
            Assert.True(r.GetBoolean(1));
        }
        Assert.Equal(0, second.Exit);
        Assert.Contains("already exists", second.Output);
        Assert.DoesNotContain(password, second.Output);

        Assert.Equal(0, kiosk.Exit);
        var link = KioskLink().Match(kiosk.Output);
        Assert.True(link.Success, kiosk.Output);
        await using var kioskRow = db.DataSource.CreateCommand("SELECT name FROM kiosk_credentials WHERE token_hash = @hash AND revoked_at IS NULL");
        kioskRow.Parameters.AddWithValue("hash", KioskStore.Hash(link.Groups[1].Value));
        Assert.Equal("主屏", await kioskRow.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Reset_password_of_an_unknown_user_fails_with_a_clear_message()
    {
        var result = await RunAsync("admin", "reset-password", "nobody-here");

        Assert.Equal(1, result.Exit);
        Assert.Contains("no user named 'nobody-here'", result.Output);
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var exe = Directory.EnumerateFiles(Path.Combine(TestCluster.RepoRoot, "src", "CommandCenter.Ingest", "bin"), "CommandCenter.Ingest", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
        var psi = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["ConnectionStrings__CommandCenter"] = db.ConnectionString;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex("one-time password: (\\S+)")]
    private static partial Regex OneTimePassword();

    [GeneratedRegex("^http://10\\.0\\.0\\.5:5080/kiosk/([A-Za-z0-9_-]{43})$", RegexOptions.Multiline)]
    private static partial Regex KioskLink();
}
