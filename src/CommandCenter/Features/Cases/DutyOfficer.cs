using System.Security.Claims;
using CommandCenter.Core.Security;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommandCenter.Features.Cases;

/// <summary>Who is acting in this circuit: the signed-in person. Case timelines (and through them the
/// audit log) name them "显示名（用户名）". Only a 值班员 may act: <see cref="Name"/> refuses anyone else,
/// so an action path that the page forgot to hide still cannot write as a leader.</summary>
public sealed class DutyOfficer(AuthenticationStateProvider auth)
{
    /// <summary>The acting officer's name for case events; throws for anyone who may not act on cases.</summary>
    public string Name => CanAct
        ? $"{User.DisplayName()}（{User.Identity!.Name}）"
        : throw new UnauthorizedAccessException("只有值班员可以处理事件");

    /// <summary>The acting leader's name for case events (批示, 包案, a leader's 督办); throws for anyone else, so a
    /// leader's action cannot be written under another role.</summary>
    public string LeaderName => IsLeader
        ? $"{User.DisplayName()}（{User.Identity!.Name}）"
        : throw new UnauthorizedAccessException("只有领导可以批示、包案");

    /// <summary>Whether the signed-in person is a 领导 who may issue 批示, 包案 and 督办.</summary>
    public bool IsLeader => User.Identity?.IsAuthenticated == true && User.IsInRole(Roles.Leader)
        && !User.HasClaim(c => c.Type == SecurityClaims.MustChangePassword);

    /// <summary>The signed-in person's name for display (any role).</summary>
    public string DisplayName => User.Identity?.IsAuthenticated == true ? User.DisplayName() : "";

    /// <summary>Whether the signed-in person may act on cases (值班员).</summary>
    public bool CanAct => User.Identity?.IsAuthenticated == true && User.IsInRole(Roles.Officer)
        && !User.HasClaim(c => c.Type == SecurityClaims.MustChangePassword);

    // A circuit's authentication state is always a completed task (set when the circuit starts and on
    // each revalidation), so reading it synchronously never blocks.
    private ClaimsPrincipal User => auth.GetAuthenticationStateAsync() is { IsCompletedSuccessfully: true } state
        ? state.Result.User
        : new ClaimsPrincipal(new ClaimsIdentity());
}
