using CommandCenter.Core.Security;
using CommandCenter.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CommandCenter.Features.Account;

public partial class Login
{
    [Inject] private LoginService Logins { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IOptions<SecurityOptions> Options { get; set; } = default!;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "login")] private LoginInput? Input { get; set; }
    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }
    [SupplyParameterFromQuery] private string? Ended { get; set; }

    private string? Error { get; set; }

    private string? Notice => Ended switch
    {
        "logout" => "您已退出登录。",
        "idle" => $"{Options.Value.IdleTimeoutMinutes} 分钟无操作，会话已结束，请重新登录。",
        "revoked" => "此大屏凭证已被撤销。",
        "rolechanged" or "disabled" or "ended" or "session" => "会话已结束，请重新登录。",
        _ => null,
    };

    protected override void OnInitialized() => Input ??= new LoginInput();

    private async Task SignInAsync()
    {
        var http = HttpContext;
        var result = await Logins.PasswordSignInAsync(Input!.UserName, Input.Password,
            http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
        Input.Password = ""; // never rendered back into the form
        switch (result.Outcome)
        {
            case LoginOutcome.LockedOut:
                var until = TimeZoneInfo.ConvertTime(result.LockedUntil!.Value, Core.Time.Shanghai.Zone);
                Error = $"账号已锁定，请于 {until:HH:mm} 后再试，或联系管理员解锁。";
                return;
            case LoginOutcome.Invalid:
                // One answer, no countdown: a "再错 N 次" that only real accounts get tells a guesser which exist.
                Error = "用户名或密码错误。";
                return;
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            SecurityPrincipal.Create(result, result.MustChangePassword), SecurityPrincipal.Properties(kiosk: false, Clock.GetUtcNow()));
        var target = result.MustChangePassword ? "account/password" : LocalOrHome(ReturnUrl);
        Navigation.NavigateTo(target, forceLoad: true);
    }

    /// <summary>Only a path on this site: never an open redirect to another host.</summary>
    internal static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Contains("://", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
