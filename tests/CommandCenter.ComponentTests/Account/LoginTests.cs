using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Features.Account;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Account;

/// <summary>The login form is a static server-rendered form: these tests check what it renders and
/// the messages a refused sign-in puts on it (the cookie itself is the web tests' business).</summary>
public sealed class LoginTests : MudTest, IClassFixture<PostgisDatabase>
{
    private readonly PostgisDatabase _db;

    public LoginTests(PostgisDatabase db)
    {
        _db = db;
        Ctx.AddCommandCenter(db.DataSource, Clocks.Fixed());
    }

    private IRenderedComponent<Login> Open(string query = "")
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("login" + query);
        return Ctx.Render<Login>(p => p.AddCascadingValue<HttpContext>(new DefaultHttpContext()));
    }

    [Fact]
    public void The_form_asks_for_user_name_and_password_and_states_the_lockout_rule()
    {
        var cut = Open();

        Assert.Equal("username", cut.Find("#user-name").GetAttribute("autocomplete"));
        Assert.Equal("password", cut.Find("#password").GetAttribute("type"));
        Assert.True(cut.Find("#password").HasAttribute("required"));
        var o = new SecurityOptions();
        Assert.Contains($"连续 {o.LockoutThreshold} 次密码错误将锁定 {o.LockoutMinutes} 分钟", cut.Find(".account-hint").TextContent);
    }

    [Fact]
    public void A_session_that_ended_for_idleness_says_so()
    {
        var cut = Open("?ended=idle");

        Assert.Equal($"{new SecurityOptions().IdleTimeoutMinutes} 分钟无操作，会话已结束，请重新登录。", cut.Find(".account-notice").TextContent);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong_and_is_not_rendered_back()
    {
        var user = await TestUsers.CreateAsync(_db.DataSource, Roles.Officer);
        var cut = Open();
        cut.Find("#user-name").Change(user.UserName);
        cut.Find("#password").Change("Wrong-Passw0rd!");

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("用户名或密码错误。", cut.Find(".account-error").TextContent));
        Assert.DoesNotContain("Wrong-Passw0rd!", cut.Markup);
    }
}
