using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Core.Security;

/// <summary>Signs people in by user name and password (with lockout) and wall screens in by kiosk
/// token. Every attempt, good or bad, leaves an audit line.</summary>
public sealed class LoginService(
    NpgsqlDataSource db,
    UserStore users,
    LoginThrottle throttle,
    KioskStore kiosks,
    SessionStore sessions,
    IPasswordHasher<UserAccount> hasher,
    TimeProvider clock,
    IOptions<SecurityOptions> options)
{
    // Verified against when the user name is unknown, so an unknown name costs as long as a wrong
    // password and response times do not reveal which names exist.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(null!, "unused-dummy-password"));

    public async Task<LoginResult> PasswordSignInAsync(string userName, string password, string? ip, string? userAgent, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        userName = (userName ?? "").Trim();
        // Locked or not is decided by the name as typed and the address, before the account is looked up:
        // an unknown name gets the same answers at the same points as a real one.
        if (await throttle.LockedUntilAsync(userName, ip, ct) is { } locked)
        {
            var known = userName.Length is > 0 and <= 40 ? await users.FindByNameAsync(userName, ct) : null;
            await AuditAsync(known?.UserName ?? userName, known?.Role, AuditActions.LoginLockedOut, ip, false, "锁定期间尝试登录", ct);
            return new LoginResult(LoginOutcome.LockedOut, LockedUntil: locked);
        }
        var user = userName.Length is > 0 and <= 40 ? await users.FindByNameAsync(userName, ct) : null;
        var verdict = user is null
            ? Verify(DummyHash.Value, password)
            : hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed || user is null)
        {
            var lockedUntil = await throttle.RecordFailureAsync(userName, ip, ct);
            if (lockedUntil is not null)
            {
                if (user is not null) await users.NoteLockoutAsync(user.Id, lockedUntil.Value, ct);
                await AuditAsync(user?.UserName ?? userName, user?.Role, AuditActions.LoginLockedOut, ip, false,
                    $"连续 {o.LockoutThreshold} 次登录失败，锁定 {o.LockoutMinutes} 分钟", ct);
                return new LoginResult(LoginOutcome.LockedOut, LockedUntil: lockedUntil);
            }
            await AuditAsync(user?.UserName ?? userName, user?.Role, AuditActions.LoginFailed, ip, false, user is null ? "用户不存在" : "密码错误", ct);
            return new LoginResult(LoginOutcome.Invalid);
        }
        if (user.DisabledAt is not null)
        {
            await AuditAsync(user.UserName, user.Role, AuditActions.LoginFailed, ip, false, "账号已停用", ct);
            return new LoginResult(LoginOutcome.Invalid);
        }
        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password!) : null;
        await users.RecordSuccessAsync(user.Id, rehash, ct);
        await throttle.ResetAsync(userName, ip, ct);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var sid = await sessions.CreateAsync(conn, tx, user.Id, null, user.Role, ip, userAgent, ct);
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(user.UserName, user.Role, AuditActions.LoginSucceeded, Ip: ip), now, ct);
        await tx.CommitAsync(ct);
        return new LoginResult(LoginOutcome.Succeeded, sid, user.Id, user.UserName, user.DisplayName, user.Role, user.MustChangePassword);
    }

    /// <summary>Signs a wall screen in with the token from its link.</summary>
    public async Task<LoginResult> KioskSignInAsync(string token, string? ip, string? userAgent, CancellationToken ct)
    {
        var kiosk = await kiosks.FindActiveAsync(token, ct);
        if (kiosk is null)
        {
            await AuditAsync("kiosk:?", Roles.Kiosk, AuditActions.KioskRejected, ip, false, "未知或已撤销的大屏链接", ct);
            return new LoginResult(LoginOutcome.Invalid);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var sid = await sessions.CreateAsync(conn, tx, null, kiosk.Id, Roles.Kiosk, ip, userAgent, ct);
        await kiosks.MarkUsedAsync(conn, tx, kiosk.Id, ct);
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(KioskActor(kiosk.Name), Roles.Kiosk, AuditActions.KioskSignIn,
            $"{kiosk.Name} (#{kiosk.Id})", ip), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return new LoginResult(LoginOutcome.Succeeded, sid, kiosk.Id, KioskActor(kiosk.Name), kiosk.Name, Roles.Kiosk);
    }

    /// <summary>Ends a session at the person's request and audits it.</summary>
    public async Task SignOutAsync(Guid sessionId, string actor, string? role, string? ip, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await sessions.EndAsync(conn, tx, sessionId, "logout", ct))
            await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor, role, AuditActions.Logout, Ip: ip), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A person replacing their own password: the current one must be right. Returns null on
    /// success, otherwise the reason (Chinese) for the form.</summary>
    public async Task<string?> ChangeOwnPasswordAsync(long userId, string current, string replacement, AuditActor actor, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId, ct);
        if (user is null || user.DisabledAt is not null) return "账号不存在或已停用";
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, current ?? "") == PasswordVerificationResult.Failed)
        {
            await AuditAsync(user.UserName, user.Role, AuditActions.PasswordChanged, actor.Ip, false, "原密码错误", ct);
            return "原密码错误";
        }
        try
        {
            await users.SetPasswordAsync(userId, replacement, mustChange: false, actor, ct);
            return null;
        }
        catch (SecurityChangeException ex)
        {
            return ex.Message;
        }
    }

    private PasswordVerificationResult Verify(string hash, string? password) =>
        hasher.VerifyHashedPassword(null!, hash, password ?? "");

    public static string KioskActor(string kioskName) => "kiosk:" + kioskName;

    private async Task AuditAsync(string actor, string? role, string action, string? ip, bool ok, string reason, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await AuditLog.AppendAsync(conn, null, new AuditEntry(actor.Length == 0 ? "(空)" : actor, role, action, Ip: ip, Succeeded: ok,
            Details: new Dictionary<string, string?> { ["reason"] = reason }), clock.GetUtcNow(), ct);
    }
}
