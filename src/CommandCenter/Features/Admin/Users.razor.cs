using CommandCenter.Core.Security;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Time;
using CommandCenter.Core.Units;
using CommandCenter.Security;
using CommandCenter.Shared.Ui;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommandCenter.Features.Admin;

public partial class Users
{
    [Inject] private UserStore Store { get; set; } = default!;
    [Inject] private CurrentActor Actor { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private UnitDirectory Directory { get; set; } = default!;

    private IReadOnlyList<UnitInfo> Units { get; set; } = [];
    private IReadOnlyList<CaseLookups.Item> UnitItems { get; set; } = [];

    private IReadOnlyList<UserAccount> Accounts { get; set; } = [];
    private string? Search { get; set; }
    private NewUserInput NewUser { get; set; } = new();
    private string? Message { get; set; }
    private bool MessageIsError { get; set; }
    private string? OneTimePassword { get; set; }

    private static readonly IReadOnlyList<RoleOption> RoleOptions = Roles.People.Select(r => new RoleOption(r, Roles.Label(r))).ToArray();

    protected override async Task OnInitializedAsync()
    {
        Units = await Directory.ListAsync(CancellationToken.None);
        UnitItems = [.. Units.Select(u => new CaseLookups.Item(u.Code, u.Label))];
        await ReloadAsync();
    }

    private async Task ReloadAsync() => Accounts = await Store.ListAsync(CancellationToken.None);

    private async Task CreateAsync()
    {
        var password = PasswordPolicy.GenerateOneTime();
        await RunAsync(async actor =>
        {
            await Store.CreateAsync(NewUser.UserName, NewUser.DisplayName, NewUser.Role, NewUser.Binding, password, mustChangePassword: true,
                actor, CancellationToken.None);
            var done = $"已创建用户 {NewUser.UserName}（{Roles.Label(NewUser.Role)}）。";
            NewUser = new NewUserInput();
            return (done, password);
        });
    }

    private async Task ResetAsync(UserAccount user)
    {
        if (!await Dialogs.ConfirmAsync("重置密码", $"为 {user.UserName} 生成新的一次性密码？其当前会话将立即结束。", "重置"))
            return;
        var password = PasswordPolicy.GenerateOneTime();
        await RunAsync(async actor =>
        {
            await Store.SetPasswordAsync(user.Id, password, mustChange: true, actor, CancellationToken.None);
            return ($"已重置 {user.UserName} 的密码。", password);
        });
    }

    private async Task ChangeAsync(UserAccount user, UserChange change)
    {
        await RunAsync(async actor =>
        {
            await Store.ChangeAsync(user.Id, change, actor, CancellationToken.None);
            return (change switch
            {
                UserChange.SetRole r => $"{user.UserName} 的角色已改为 {Roles.Label(r.Role)}，其会话已结束。",
                UserChange.Disable => $"已停用 {user.UserName}，其会话已结束。",
                UserChange.Enable => $"已启用 {user.UserName}。",
                _ => $"已解除 {user.UserName} 的锁定。",
            }, null);
        });
    }

    private async Task RunAsync(Func<AuditActor, Task<(string Message, string? Password)>> action)
    {
        OneTimePassword = null;
        try
        {
            (Message, OneTimePassword) = await action(await Actor.GetAsync());
            MessageIsError = false;
        }
        catch (SecurityChangeException ex)
        {
            (Message, MessageIsError) = (ex.Message, true);
        }
        await ReloadAsync();
    }

    private bool Matches(UserAccount u) =>
        string.IsNullOrWhiteSpace(Search)
        || u.UserName.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
        || u.DisplayName.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase);

    private string UnitText(UserAccount u)
    {
        if (u.UnitCode is null) return "—";
        var unit = Units.FirstOrDefault(x => x.Code == u.UnitCode)?.Label ?? u.UnitCode;
        return u.GridCodes.Count == 0 ? unit : $"{unit} · 网格 {string.Join("、", u.GridCodes)}";
    }

    private string Status(UserAccount u) =>
        u.DisabledAt is not null ? "已停用"
        : u.IsLockedOut(Clock.GetUtcNow()) ? $"锁定至 {Local(u.LockoutUntil)}"
        : u.MustChangePassword ? "待修改初始密码"
        : "正常";

    private static string Local(DateTimeOffset? at) => at is { } t ? Shanghai.ToLocal(t).ToString("yyyy-MM-dd HH:mm") : "—";
}
