using System.Net;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Security;

public sealed class LockoutTests(PostgisDatabase db) : WebAppTests(db, fixedClock: true)
{
    private LoginService Logins => Web.Services.GetRequiredService<LoginService>();

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_password()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);

        var outcomes = new List<LoginOutcome>();
        for (var i = 0; i < 5; i++)
            outcomes.Add((await Logins.PasswordSignInAsync(user.UserName, "Wrong-Passw0rd", "10.0.0.1", null, default)).Outcome);
        Clock.Advance(TimeSpan.FromMinutes(14));
        var rightButLocked = await Logins.PasswordSignInAsync(user.UserName, user.Password, "10.0.0.1", null, default);

        Assert.Equal([LoginOutcome.Invalid, LoginOutcome.Invalid, LoginOutcome.Invalid, LoginOutcome.Invalid, LoginOutcome.LockedOut], outcomes);
        Assert.Equal(LoginOutcome.LockedOut, rightButLocked.Outcome);
    }

    [Fact]
    public async Task Lockout_expires_after_fifteen_minutes_and_the_counter_starts_again()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Leader);
        for (var i = 0; i < 5; i++)
            await Logins.PasswordSignInAsync(user.UserName, "Wrong-Passw0rd", null, null, default);

        Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var afterExpiry = await Logins.PasswordSignInAsync(user.UserName, user.Password, null, null, default);
        var oneMoreWrong = await Logins.PasswordSignInAsync(user.UserName, "Wrong-Passw0rd", null, null, default);

        Assert.Equal(LoginOutcome.Succeeded, afterExpiry.Outcome);
        Assert.Equal(LoginOutcome.Invalid, oneMoreWrong.Outcome);
        Assert.Equal(4, oneMoreWrong.AttemptsLeft);
    }

    [Fact]
    public async Task A_success_resets_the_count_of_failures()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);
        for (var i = 0; i < 4; i++)
            await Logins.PasswordSignInAsync(user.UserName, "Wrong-Passw0rd", null, null, default);

        await Logins.PasswordSignInAsync(user.UserName, user.Password, null, null, default);
        var next = await Logins.PasswordSignInAsync(user.UserName, "Wrong-Passw0rd", null, null, default);

        Assert.Equal(LoginOutcome.Invalid, next.Outcome);
        Assert.Equal(4, next.AttemptsLeft);
    }

    [Fact]
    public async Task The_login_form_says_the_account_is_locked_and_the_audit_log_records_every_attempt()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);
        var client = Web.CreateClient();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
            last = await WebApp.PostLoginAsync(client, user.UserName, i < 5 ? "Wrong-Passw0rd" : user.Password);

        var (lines, _) = await Web.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditQuery(Actor: user.UserName), default);

        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Contains("账号已锁定", await last.Content.ReadAsStringAsync());
        Assert.Equal(4, lines.Count(l => l.Action == AuditActions.LoginFailed && !l.Succeeded));
        Assert.Equal(2, lines.Count(l => l.Action == AuditActions.LoginLockedOut));
        Assert.All(lines, l => Assert.Equal("127.0.0.1", l.Ip is "::1" ? "127.0.0.1" : l.Ip ?? "127.0.0.1"));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);
        await using (var cmd = Db.DataSource.CreateCommand($"UPDATE users SET disabled_at = now() WHERE id = {user.Id}"))
            await cmd.ExecuteNonQueryAsync();

        var result = await Logins.PasswordSignInAsync(user.UserName, user.Password, null, null, default);

        Assert.Equal(LoginOutcome.Invalid, result.Outcome);
    }
}
