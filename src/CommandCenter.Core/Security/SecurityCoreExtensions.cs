using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Core.Security;

public static class SecurityCoreExtensions
{
    /// <summary>The security stores (users, kiosks, sessions, audit log) and validated options, for the
    /// web app and the command line alike.</summary>
    public static IHostApplicationBuilder AddCommandCenterSecurityCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SecurityOptions>(SecurityOptions.Section);
        builder.Services.AddTrustedProxies();
        // PBKDF2 (HMAC-SHA512, 100,000 iterations in the V3 format): the framework's own, no package needed.
        builder.Services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<KioskStore>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<LoginService>();
        builder.Services.AddSingleton<FirstAdmin>();
        return builder;
    }
}
