using System.Security.Claims;
using CommandCenter.Core.Security;
using CommandCenter.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Account;

public partial class ChangePassword
{
    [Inject] private LoginService Logins { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "password")] private ChangePasswordInput? Input { get; set; }

    private string? Error { get; set; }
    private bool MustChange => HttpContext.User.HasClaim(c => c.Type == SecurityClaims.MustChangePassword);

    protected override void OnInitialized() => Input ??= new ChangePasswordInput();

    private async Task ChangeAsync()
    {
        var user = HttpContext.User;
        if (user.IsKiosk() || user.SubjectId() is not { } id)
        {
            Error = "大屏没有密码。";
            return;
        }
        if (Input!.Replacement != Input.Confirm)
        {
            Error = "两次输入的新密码不一致。";
            return;
        }
        var actor = new AuditActor(user.Identity!.Name!, user.FindFirstValue(ClaimTypes.Role), HttpContext.Connection.RemoteIpAddress?.ToString());
        Error = await Logins.ChangeOwnPasswordAsync(id, Input.Current, Input.Replacement, actor, HttpContext.RequestAborted);
        Input = new ChangePasswordInput();
        if (Error is not null) return;

        // Same session, same claims, minus the one-time-password mark: no need to log in again.
        var identity = new ClaimsIdentity(user.Claims.Where(c => c.Type != SecurityClaims.MustChangePassword),
            CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            SecurityPrincipal.Properties(kiosk: false, Clock.GetUtcNow()));
        Navigation.NavigateTo("/", forceLoad: true);
    }
}
