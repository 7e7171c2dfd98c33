using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Security;
using CommandCenter.Features.Admin;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CommandCenter.ComponentTests.Admin;

public sealed class UsersTests(PostgisDatabase db) : AdminTest(db)
{
    private UserStore Store => Ctx.Services.GetRequiredService<UserStore>();

    [Fact]
    public async Task Creating_a_user_shows_the_one_time_password_once()
    {
        var name = Unique("liu");
        var cut = Ctx.Render<Users>();
        cut.Find("input[name=new-user-name]").Change(name);
        cut.Find("input[name=new-display-name]").Change("刘一");

        cut.Find("[data-testid=create-user]").Click();

        cut.WaitForAssertion(() => Assert.Contains($"已创建用户 {name}（值班员）。", cut.Find("[data-testid=admin-message]").TextContent));
        var password = cut.Find("[data-testid=admin-secret]").TextContent;
        Assert.True(password.Length >= PasswordPolicy.MinLength, password);
        var created = await Store.FindByNameAsync(name, CancellationToken.None);
        Assert.True(created is { Role: Roles.Officer, MustChangePassword: true });
        Assert.Contains("待修改初始密码", cut.Row(name).TextContent);
        Assert.Equal("", cut.Find("input[name=new-user-name]").GetAttribute("value") ?? "");

        cut.Row(name).Button("停用").Click();

        cut.WaitForAssertion(() => Assert.Contains($"已停用 {name}", cut.Find("[data-testid=admin-message]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=admin-secret]"));
        Assert.DoesNotContain(password, cut.Markup);
    }

    [Fact]
    public async Task Changing_a_role_in_the_list_saves_it_and_says_the_session_ended()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);
        var cut = Ctx.Render<Users>();
        cut.WaitForRow(user.UserName);
        var select = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.UserAttributes.TryGetValue("aria-label", out var l) && $"{l}" == $"{user.UserName} 的角色");

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(Roles.Leader));

        cut.WaitForAssertion(() => Assert.Contains($"{user.UserName} 的角色已改为 领导，其会话已结束。", cut.Find("[data-testid=admin-message]").TextContent));
        Assert.Equal(Roles.Leader, (await Store.FindByIdAsync(user.Id, CancellationToken.None))!.Role);
    }

    [Fact]
    public async Task Disabling_and_enabling_a_user_changes_the_status_and_the_button()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);
        var cut = Ctx.Render<Users>();

        cut.WaitForRow(user.UserName).Button("停用").Click();
        cut.WaitForAssertion(() => Assert.Contains("已停用", cut.Row(user.UserName).TextContent));
        Assert.NotNull((await Store.FindByIdAsync(user.Id, CancellationToken.None))!.DisabledAt);

        cut.Row(user.UserName).Button("启用").Click();
        cut.WaitForAssertion(() => Assert.Contains("正常", cut.Row(user.UserName).TextContent));
        Assert.Contains($"已启用 {user.UserName}。", cut.Find("[data-testid=admin-message]").TextContent);
        Assert.Null((await Store.FindByIdAsync(user.Id, CancellationToken.None))!.DisabledAt);
    }

    [Fact]
    public async Task Searching_lists_only_users_whose_name_matches()
    {
        var wanted = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer, displayName: "赵搜索");
        var other = await TestUsers.CreateAsync(Db.DataSource, Roles.Leader, displayName: "钱其他");
        var cut = Ctx.Render<Users>();
        cut.WaitForRow(other.UserName);

        cut.Find(".admin-search input").Input("赵搜");

        cut.WaitForAssertion(() => Assert.DoesNotContain(other.UserName, cut.Markup));
        Assert.Contains(wanted.UserName, cut.Markup);
    }
}
