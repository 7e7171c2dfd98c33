using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Tests.Security;

public sealed class PasswordTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private UserStore Users() => new(db.DataSource, TimeProvider.System, new PasswordHasher<UserAccount>(),
        new SessionStore(db.DataSource, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new SecurityOptions())));

    [Fact]
    public async Task Only_a_salted_pbkdf2_hash_is_stored()
    {
        const string Password = "Correct-horse-7";
        var users = Users();
        var a = await users.CreateAsync("hash-a", "甲", Roles.Officer, Password, false, AuditActor.System, default);
        var b = await users.CreateAsync("hash-b", "乙", Roles.Officer, Password, false, AuditActor.System, default);

        var ha = (await users.FindByIdAsync(a, default))!.PasswordHash;
        var hb = (await users.FindByIdAsync(b, default))!.PasswordHash;

        Assert.DoesNotContain(Password, ha);
        Assert.NotEqual(ha, hb); // salted: the same password hashes differently
        Assert.Equal(0x01, Convert.FromBase64String(ha)[0]); // ASP.NET Core Identity V3 format (PBKDF2)
        var hasher = new PasswordHasher<UserAccount>();
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(null!, ha, Password));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(null!, ha, "correct-horse-7"));
    }

    [Theory]
    [InlineData("short1A!", "至少")]
    [InlineData("alllowercaseletters", "三类")]
    [InlineData("Has-officer-Name1", "用户名")]
    public void Weak_passwords_are_refused_with_a_reason(string password, string reason)
    {
        Assert.Contains(reason, PasswordPolicy.Check("officer", password));
    }

    [Fact]
    public void Generated_one_time_passwords_meet_the_policy_and_differ()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => PasswordPolicy.GenerateOneTime()).ToList();

        Assert.All(passwords, p => Assert.Null(PasswordPolicy.Check("admin", p)));
        Assert.Equal(50, passwords.Distinct().Count());
    }

    [Fact]
    public async Task User_names_are_unique_regardless_of_case()
    {
        var users = Users();
        await users.CreateAsync("CaseName", "甲", Roles.Leader, "Correct-horse-7", false, AuditActor.System, default);

        var ex = await Assert.ThrowsAsync<SecurityChangeException>(() =>
            users.CreateAsync("casename", "乙", Roles.Leader, "Correct-horse-7", false, AuditActor.System, default));

        Assert.Contains("已存在", ex.Message);
    }

    [Fact]
    public async Task First_admin_is_created_once_with_a_one_time_password_that_must_be_changed()
    {
        // Its own database: "no administrator yet" must hold for this test alone.
        var fresh = new PostgisDatabase();
        await fresh.InitializeAsync();
        try
        {
            var users = new UserStore(fresh.DataSource, TimeProvider.System, new PasswordHasher<UserAccount>(),
                new SessionStore(fresh.DataSource, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new SecurityOptions())));
            var first = new FirstAdmin(fresh.DataSource, users);

            var password = await first.EnsureAsync(default);
            var second = await first.EnsureAsync(default);
            var admin = await users.FindByNameAsync(FirstAdmin.UserName, default);

            Assert.NotNull(password);
            Assert.Null(second);
            Assert.Equal(Roles.Admin, admin!.Role);
            Assert.True(admin.MustChangePassword);
            Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<UserAccount>().VerifyHashedPassword(admin, admin.PasswordHash, password!));
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }
}
