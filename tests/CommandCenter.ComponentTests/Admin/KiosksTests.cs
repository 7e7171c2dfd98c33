using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Security;
using CommandCenter.Features.Admin;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Admin;

public sealed class KiosksTests(PostgisDatabase db) : AdminTest(db)
{
    private async Task<KioskCredential> StoredAsync(long id) =>
        (await Ctx.Services.GetRequiredService<KioskStore>().ListAsync(CancellationToken.None)).Single(k => k.Id == id);

    [Fact]
    public void Creating_a_credential_shows_its_login_link_once()
    {
        var name = Unique("大厅屏");
        var cut = Ctx.Render<Kiosks>();
        cut.Find("input[name=kiosk-name]").Change(name);
        cut.Find("input[name=kiosk-location]").Change("一楼大厅");

        cut.Find("[data-testid=create-kiosk]").Click();

        cut.WaitForAssertion(() => Assert.Contains($"（{name}）。请在大屏浏览器中打开下面的链接。", cut.Find("[data-testid=admin-message]").TextContent));
        var link = cut.Find("[data-testid=admin-secret]").TextContent;
        Assert.StartsWith("http://localhost/kiosk/", link);
        Assert.Contains("一楼大厅", cut.WaitForRow(name).TextContent);

        cut.Find("[data-testid=admin-message] .mud-alert-close button").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=admin-secret]"));
            Assert.DoesNotContain(link, cut.Markup);
        });
    }

    [Fact]
    public async Task Revoking_asks_first_and_cancelling_keeps_the_credential()
    {
        var name = Unique("会议室屏");
        var (id, _) = await TestUsers.CreateKioskAsync(Db.DataSource, name);
        var cut = Ctx.Render<Kiosks>();

        cut.WaitForRow(name).Button("撤销").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains($"撤销大屏凭证 #{id}（{name}）？使用它的大屏将在数秒内退出。", Dialogs.Markup));
        Dialogs.Find(".mud-dialog").Button("取消").Click();
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll(".mud-dialog")));
        Assert.Contains("有效", cut.Row(name).TextContent);
        Assert.True((await StoredAsync(id)).IsActive);
    }

    [Fact]
    public async Task Confirming_the_revocation_revokes_the_credential()
    {
        var name = Unique("值班室屏");
        var (id, _) = await TestUsers.CreateKioskAsync(Db.DataSource, name);
        var cut = Ctx.Render<Kiosks>();
        cut.WaitForRow(name).Button("撤销").Click();
        Dialogs.WaitForElement(".mud-dialog");

        Dialogs.Find(".mud-dialog").Button("撤销").Click();

        cut.WaitForAssertion(() => Assert.Contains($"已撤销大屏凭证 #{id}。", cut.Find("[data-testid=admin-message]").TextContent));
        Assert.Contains("已撤销", cut.Row(name).TextContent);
        Assert.False((await StoredAsync(id)).IsActive);
    }
}
