using System.CommandLine;
using CommandCenter.Core.Data;
using CommandCenter.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Ingest.Cli;

/// <summary><c>admin init</c> (the first administrator with a one-time password), <c>admin kiosk
/// create|list|revoke</c> (wall-screen links) and <c>admin reset-password USER</c> (a locked-out
/// administrator's way back in). Run on the server: whoever can run it can already read the database.</summary>
public static class AdminCommand
{
    private static readonly Option<string?> BaseUrl = new("--base-url")
    {
        Description = "The web app's address for printed links (default: CC_WEB_URL or http://127.0.0.1:5080).",
    };

    public static Command Create()
    {
        var admin = new Command("admin", "Administrators and wall-screen (kiosk) credentials.");
        admin.Subcommands.Add(Init());
        admin.Subcommands.Add(Kiosk());
        admin.Subcommands.Add(ResetPassword());
        return admin;
    }

    private static Command Init()
    {
        var init = new Command("init", "Create the first administrator 'admin' with a one-time password, if there is no administrator yet.");
        init.SetAction(async (_, ct) => await RunAsync(async (sp, ct2) =>
        {
            var password = await sp.GetRequiredService<FirstAdmin>().EnsureAsync(ct2);
            if (password is null)
            {
                Console.WriteLine("An administrator already exists; nothing to do.");
                return 0;
            }
            Console.WriteLine($"First administrator created: user name '{FirstAdmin.UserName}', one-time password: {password}");
            Console.WriteLine("It must be changed at the first login. It is not stored anywhere in plain text: note it now.");
            return 0;
        }, ct));
        return init;
    }

    private static Command Kiosk()
    {
        var kiosk = new Command("kiosk", "Wall-screen (大屏) credentials: a link that signs a screen in, read-only, until revoked.");
        var name = new Argument<string>("name") { Description = "A name for the screen, e.g. 指挥中心主屏." };
        var location = new Option<string?>("--location") { Description = "Where the screen hangs." };
        var create = new Command("create", "Create a kiosk credential and print its link (shown only once).") { name, location, BaseUrl };
        create.SetAction(async (parse, ct) => await RunAsync(async (sp, ct2) =>
        {
            var (id, token) = await sp.GetRequiredService<KioskStore>().CreateAsync(parse.GetValue(name)!, parse.GetValue(location), AuditActor.System, ct2);
            Console.WriteLine($"Kiosk credential #{id} created. Open this link once on the wall screen's browser:");
            Console.WriteLine($"{WebUrl(parse.GetValue(BaseUrl))}{KioskStore.LinkPrefix}{token}");
            return 0;
        }, ct));

        var list = new Command("list", "List kiosk credentials (the tokens themselves are never shown again).");
        list.SetAction(async (_, ct) => await RunAsync(async (sp, ct2) =>
        {
            foreach (var k in await sp.GetRequiredService<KioskStore>().ListAsync(ct2))
                Console.WriteLine($"#{k.Id}\t{k.Name}\t{k.Location}\tcreated {k.CreatedAt:u}\t{(k.IsActive ? "active" : $"revoked {k.RevokedAt:u}")}");
            return 0;
        }, ct));

        var id = new Argument<long>("id") { Description = "The credential's number (see `admin kiosk list`)." };
        var revoke = new Command("revoke", "Revoke a kiosk credential: screens using it are dropped within seconds.") { id };
        revoke.SetAction(async (parse, ct) => await RunAsync(async (sp, ct2) =>
        {
            var done = await sp.GetRequiredService<KioskStore>().RevokeAsync(parse.GetValue(id), AuditActor.System, ct2);
            Console.WriteLine(done ? $"Kiosk credential #{parse.GetValue(id)} revoked." : $"No active kiosk credential #{parse.GetValue(id)}.");
            return done ? 0 : 1;
        }, ct));

        kiosk.Subcommands.Add(create);
        kiosk.Subcommands.Add(list);
        kiosk.Subcommands.Add(revoke);
        return kiosk;
    }

    private static Command ResetPassword()
    {
        var user = new Argument<string>("user") { Description = "The user name." };
        var reset = new Command("reset-password", "Give a user a new one-time password (and unlock it); prints the password.") { user };
        reset.SetAction(async (parse, ct) => await RunAsync(async (sp, ct2) =>
        {
            var users = sp.GetRequiredService<UserStore>();
            var account = await users.FindByNameAsync(parse.GetValue(user)!, ct2);
            if (account is null)
            {
                Console.Error.WriteLine($"error: no user named '{parse.GetValue(user)}'");
                return 1;
            }
            var password = PasswordPolicy.GenerateOneTime();
            await users.SetPasswordAsync(account.Id, password, mustChange: true, AuditActor.System, ct2);
            Console.WriteLine($"New one-time password for '{account.UserName}': {password} (must be changed at the next login)");
            return 0;
        }, ct));
        return reset;
    }

    private static string WebUrl(string? given) =>
        (given ?? Environment.GetEnvironmentVariable("CC_WEB_URL") ?? "http://127.0.0.1:5080").TrimEnd('/');

    private static async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken ct)
    {
        // Logs go to stderr: stdout carries only what run.sh prints (the password, the link).
        using var host = CliHost.Build(b =>
        {
            b.AddCommandCenterSecurityCore();
            b.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace);
        });
        if (!await host.PrepareDatabaseAsync(ct)) return 1;
        try
        {
            return await action(host.Services, ct);
        }
        catch (SecurityChangeException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
