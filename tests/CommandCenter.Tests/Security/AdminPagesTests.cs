using System.Net;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Security;

public sealed class AdminPagesTests(PostgisDatabase db) : WebAppTests(db)
{
    [Theory]
    [InlineData("/admin", "用户与角色")]
    [InlineData("/admin/users", "新建用户")]
    [InlineData("/admin/kiosks", "新建大屏凭证")]
    [InlineData("/admin/categories", "化粪池满溢")]
    [InlineData("/admin/departments", "市场监管")]
    [InlineData("/admin/audit", "查询条件")]
    [InlineData("/admin/grids", "导入记录")]
    [InlineData("/admin/keys", "新建密钥")]
    [InlineData("/admin/rejects", "原文（脱敏）")]
    public async Task An_administrator_sees_each_admin_page(string path, string text)
    {
        var admin = await Web.LoginAsAsync(Roles.Admin);

        var response = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(text, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Leader)]
    public async Task Other_roles_are_refused_the_admin_pages(string role)
    {
        var client = await Web.LoginAsAsync(role);

        var response = await client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(response.Headers.Location)).StatusCode);
        var (lines, _) = await Web.Services.GetRequiredService<AuditLog>().SearchAsync(
            new AuditQuery(Action: AuditActions.AccessDenied, Text: "/admin/users"), default);
        Assert.Contains(lines, l => l.ActorRole == role && !l.Succeeded);
    }

    [Fact]
    public async Task Script_in_a_user_name_renders_as_text()
    {
        await TestUsers.CreateAsync(Db.DataSource, Roles.Officer, displayName: "<script>alert('xss')</script><img src=x onerror=alert(1)>");
        var admin = await Web.LoginAsAsync(Roles.Admin);

        var html = await admin.GetStringAsync("/admin/users");

        Assert.Contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
    }

    [Fact]
    public async Task Script_in_the_login_query_string_is_not_reflected()
    {
        var html = await Web.CreateClient().GetStringAsync("/login?returnUrl=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&ended=%3Cscript%3E");

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("\"><script>", html);
    }

    [Fact]
    public async Task Sql_in_the_user_name_is_just_a_wrong_user_name()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);

        var response = await WebApp.PostLoginAsync(Web.CreateClient(), "' OR 1=1; DROP TABLE users; --", user.Password);
        await using var count = Db.DataSource.CreateCommand("SELECT count(*) FROM users");

        Assert.Contains("用户名或密码错误", await response.Content.ReadAsStringAsync());
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 1);
    }

    [Fact]
    public async Task A_category_time_limit_change_is_audited_and_announced_on_the_change_feed()
    {
        var store = Web.Services.GetRequiredService<Core.Admin.CategoryAdminStore>();
        var row = (await store.ListAsync(default)).Single(c => c.Code == "septic");
        row.TimeLimitHours = 36;

        await store.UpdateAsync(row, new AuditActor("cat-admin", Roles.Admin, "10.0.0.9"), default);
        var saved = (await store.ListAsync(default)).Single(c => c.Code == "septic");
        var (lines, _) = await Web.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditQuery(Actor: "cat-admin"), default);
        await using var feed = Db.DataSource.CreateCommand("SELECT count(*) FROM change_log WHERE kind = 'categories' AND payload->'codes' ? 'septic'");

        Assert.Equal(36, saved.TimeLimitHours);
        var line = Assert.Single(lines);
        Assert.Equal(AuditActions.CategoryChanged, line.Action);
        Assert.Contains("24h", line.Details);
        Assert.Contains("36h", line.Details);
        Assert.Equal(1L, await feed.ExecuteScalarAsync());
    }

    [Fact]
    public void Rejected_raw_records_are_shown_with_names_phones_and_id_numbers_masked()
    {
        var raw = "{\"reporterName\":\"张三丰\",\"reporterPhone\":\"13912345678\",\"title\":\"身份证110101199003071234\"}";

        var shown = Core.Ingest.RejectsStore.MaskRaw(raw);

        Assert.Equal("{\"reporterName\":\"张**\",\"reporterPhone\":\"139****5678\",\"title\":\"身份证110***********1234\"}", shown);
    }

    [Fact]
    public async Task Creating_and_revoking_an_api_key_is_audited_and_the_revoked_key_fails_on_its_next_request()
    {
        var keys = Web.Services.GetRequiredService<Core.Ingest.ApiKeyStore>();
        var admin = new AuditActor("key-admin", Roles.Admin, "10.0.0.7");

        var (id, key) = await keys.CreateAsync("audit-src", "测试来源", admin, default);
        var before = await keys.AuthenticateAsync(key, default);
        await keys.RevokeAsync(id, null, admin, default);
        var after = await keys.AuthenticateAsync(key, default);
        var (lines, _) = await Web.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditQuery(Actor: "key-admin"), default);

        Assert.Equal("audit-src", before);
        Assert.Null(after);
        Assert.Equal([AuditActions.ApiKeyRevoked, AuditActions.ApiKeyCreated], lines.Select(l => l.Action));
        Assert.All(lines, l => Assert.StartsWith($"audit-src #{id}", l.Target));
        Assert.All(lines, l => Assert.DoesNotContain(key, l.Target + l.Details));
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_demoted_or_disabled()
    {
        var fresh = new PostgisDatabase();
        await fresh.InitializeAsync();
        try
        {
            await using var web = WebApp.Create(fresh);
            var users = web.Services.GetRequiredService<UserStore>();
            var admin = await TestUsers.CreateAsync(fresh.DataSource, Roles.Admin);

            var demote = await Assert.ThrowsAsync<SecurityChangeException>(() =>
                users.ChangeAsync(admin.Id, new UserChange.SetRole(Roles.Officer), AuditActor.System, default));
            var disable = await Assert.ThrowsAsync<SecurityChangeException>(() =>
                users.ChangeAsync(admin.Id, new UserChange.Disable(), AuditActor.System, default));

            Assert.Contains("管理员", demote.Message);
            Assert.Contains("管理员", disable.Message);
            Assert.Equal(Roles.Admin, (await users.FindByIdAsync(admin.Id, default))!.Role);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }
}
