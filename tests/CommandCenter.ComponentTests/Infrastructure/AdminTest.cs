using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace CommandCenter.ComponentTests.Infrastructure;

/// <summary>An admin page rendered for a signed-in administrator over the class's own database, with
/// MudBlazor's popover and dialog hosts beside it (where selects and confirmations appear).</summary>
public abstract class AdminTest : MudTest, IClassFixture<PostgisDatabase>
{
    protected AdminTest(PostgisDatabase db)
    {
        Db = db;
        Ctx.AddCommandCenter(db.DataSource, Clock);
        Ctx.SignIn(Roles.Admin, "admin1", "王管理");
        Popovers = Ctx.Render<MudPopoverProvider>();
        Dialogs = Ctx.Render<MudDialogProvider>();
    }

    protected PostgisDatabase Db { get; }
    protected FakeTimeProvider Clock { get; } = Clocks.Fixed();
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; }
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; }

    /// <summary>A name no other test of the class uses.</summary>
    protected static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];
}
