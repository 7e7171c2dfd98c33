using System.CommandLine;
using CommandCenter.Ingest.Cli;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CommandCenter.Ingest.Keys;

/// <summary>`keys create SOURCE`, `keys revoke SOURCE | --id N | --key KEY`, `keys list`.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Manage the ingest API keys (one or more per source system; only hashes are stored).");

        var source = new Argument<string>("source") { Description = "The source system, e.g. grid-app, 12345, video (a-z, 0-9, . _ -)." };
        var label = new Option<string?>("--label") { Description = "A note to tell keys apart, e.g. who holds it." };
        var create = new Command("create", "Create a key for SOURCE and print it (it cannot be shown again).") { source, label };
        create.SetAction(async (parse, ct) =>
        {
            var s = parse.GetValue(source)!;
            if (!ApiKeyStore.IsValidSource(s))
            {
                Console.Error.WriteLine($"error: source '{s}' must be 1–50 characters of a-z, 0-9, '.', '_' or '-'");
                return 2;
            }
            using var host = Host();
            var (id, key) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync(s, parse.GetValue(label), ct);
            Console.Error.WriteLine($"Created key #{id} for source '{s}'. Send it in the {ApiKeyStore.Header} header; it is not stored and cannot be shown again.");
            Console.WriteLine(key);
            return 0;
        });

        var revokeSource = new Argument<string?>("source") { Description = "Revoke every active key of this source.", Arity = ArgumentArity.ZeroOrOne };
        var id = new Option<long?>("--id") { Description = "Revoke only the key with this id (see `keys list`)." };
        var keyOption = new Option<string?>("--key") { Description = "Revoke only this key." };
        var revoke = new Command("revoke", "Revoke keys: all of SOURCE, or one by --id / --key. Takes effect on the next request.") { revokeSource, id, keyOption };
        revoke.SetAction(async (parse, ct) =>
        {
            using var host = Host();
            var store = host.Services.GetRequiredService<ApiKeyStore>();
            var (s, i, k) = (parse.GetValue(revokeSource), parse.GetValue(id), parse.GetValue(keyOption));
            if (s is null && i is null && k is null)
            {
                Console.Error.WriteLine("error: name a SOURCE, --id N or --key KEY");
                return 2;
            }
            var count = s is not null ? await store.RevokeSourceAsync(s, ct) : await store.RevokeAsync(i, k, ct) ? 1 : 0;
            Console.WriteLine($"Revoked {count} key(s).");
            return count > 0 ? 0 : 1;
        });

        var list = new Command("list", "List keys (id, source, label, first characters, created, revoked).");
        list.SetAction(async (_, ct) =>
        {
            using var host = Host();
            var table = new Table().AddColumns("id", "source", "label", "key starts", "created", "revoked");
            foreach (var k in await host.Services.GetRequiredService<ApiKeyStore>().ListAsync(ct))
                table.AddRow(k.Id.ToString(), Markup.Escape(k.Source), Markup.Escape(k.Label ?? ""), k.Prefix + "…",
                    k.CreatedAt.ToString("u"), k.RevokedAt?.ToString("u") ?? "");
            AnsiConsole.Write(table);
            return 0;
        });

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(revoke);
        keys.Subcommands.Add(list);
        return keys;
    }

    private static Microsoft.Extensions.Hosting.IHost Host() =>
        CliHost.Build(b => b.Services.AddSingleton<ApiKeyStore>());
}
