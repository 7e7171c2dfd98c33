using System.CommandLine;
using System.Globalization;
using CommandCenter.Core.Data;
using CommandCenter.Core.Geo;
using CommandCenter.Ingest.Cli;
using CommandCenter.Core.Ingest;
using CommandCenter.Ingest.Writer;
using CommandCenter.Ingest.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CommandCenter.Ingest.Simulator;

/// <summary>`simulate`: the realistic default feed (run.sh starts it) posting to the ingest API with a
/// key it creates for itself in the database; `simulate --backfill 90d`: months of history written
/// straight through the pipeline, then exit.</summary>
public static class SimulateCommand
{
    public const string Source = "simulator";

    public static Command Create()
    {
        var url = new Option<string>("--ingest-url") { Description = "The ingest API to post to.", DefaultValueFactory = _ => "http://127.0.0.1:5081" };
        var backfill = new Option<string?>("--backfill") { Description = "Write this much history (e.g. 90d, 36h) directly to the database, then exit." };
        var perDay = new Option<double>("--per-day") { Description = "Average new cases a day in backfilled history.", DefaultValueFactory = _ => 150 };
        var livePerDay = new Option<double>("--live-per-day") { Description = "Average new cases a day in the live feed (livelier than reality, for the wall).", DefaultValueFactory = _ => 1500 };
        var pace = new Option<double>("--pace") { Description = "How much faster than real life live cases move through the loop.", DefaultValueFactory = _ => 20 };
        var warmup = new Option<string>("--warmup") { Description = "History to backfill first when the simulator has written nothing yet ('0d' for none).", DefaultValueFactory = _ => "90d" };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same data).", DefaultValueFactory = _ => 20261122 };
        var command = new Command("simulate", "Feed realistic incidents, patrols and mediations (live through the API, or --backfill history).")
        {
            url, backfill, perDay, livePerDay, pace, warmup, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build(b => { b.AddGridAssignment(); b.Services.AddIngestWriter(); b.Services.AddSingleton<Backfill>(); });
            if (!await host.PrepareDatabaseAsync(ct)) return 1;
            var db = host.Services.GetRequiredService<NpgsqlDataSource>();
            var world = await WaitForGridsAsync(db, parse.GetValue(seed), ct);
            if (world is null) return 1;
            await host.Services.GetRequiredService<GridAssignerLoader>().ReloadIfChangedAsync(ct);
            var clock = host.Services.GetRequiredService<TimeProvider>();
            // The 25 workers are roster entries, so /trends and the case pages name them (issue 15).
            await SimRoster.EnsureAsync(db, new PatrolSchedule(world, parse.GetValue(seed)).Workers, clock, ct);
            if (parse.GetValue(backfill) is { } span)
                return await BackfillAsync(host, world, ParseSpan(span), parse.GetValue(perDay), parse.GetValue(seed), ct);
            if (await CountOwnCasesAsync(db, ct) == 0 && ParseSpan(parse.GetValue(warmup)!) is { TotalSeconds: > 0 } w)
                await BackfillAsync(host, world, w, parse.GetValue(perDay), parse.GetValue(seed), ct);
            return await LiveAsync(host, world, new Uri(parse.GetValue(url)!), parse.GetValue(livePerDay), parse.GetValue(pace), parse.GetValue(seed), clock, ct);
        });
        return command;
    }

    private static async Task<int> BackfillAsync(IHost host, SimWorld world, TimeSpan span, double perDay, int seed, CancellationToken ct)
    {
        var backfill = ActivatorUtilities.CreateInstance<Backfill>(host.Services, world);
        var totals = await backfill.RunAsync(span, perDay, seed, Source, Log, ct);
        Log($"backfill done: {totals.Cases} cases ({totals.OpenCases} still open), {totals.Mediations} mediations, {totals.PatrolEvents} patrol events, " +
            $"{totals.Actions} officer/unit steps ({totals.ActionsRefused} refused), {totals.Rejected} rejected");
        return totals.Rejected == 0 ? 0 : 1;
    }

    private static async Task<int> LiveAsync(IHost host, SimWorld world, Uri url, double perDay, double pace, int seed, TimeProvider clock, CancellationToken ct)
    {
        var keys = host.Services.GetRequiredService<ApiKeyStore>();
        // The simulator runs beside the database: it makes its own key instead of asking an operator,
        // and retires the keys of earlier runs (a killed simulator cannot revoke its own).
        await keys.RevokeSourceAsync(Source, ct);
        var (keyId, key) = await keys.CreateAsync(Source, $"simulate pid {Environment.ProcessId}", ct);
        try
        {
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
            var factory = new CaseFactory(world, seed ^ (int)clock.GetUtcNow().ToUnixTimeSeconds(), pace, new PatrolSchedule(world, seed).WorkerOfGrid());
            var db = host.Services.GetRequiredService<NpgsqlDataSource>();
            var feed = new LiveFeed(world, new IngestHttpSender(http, key, Log), factory, clock, perDay, seed, Log,
                new UnitAccounts(db, clock), new SimOfficer(db), Source);
            _ = new SimDutyRoster(db, clock, Log).KeepFilledAsync(ct);
            feed.Resume(await SimCaseStore.OpenCasesAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), world, Source, ct));
            Log($"live feed to {url}: about {perDay:0} new cases a day, lifecycle pace ×{pace:0}, {world.Grids.Count} grids");
            var campaign = new SimCampaign(db, clock, seed, Log);
            var campaignFeed = await campaign.EnsureAsync(ct) ? SimCampaignFeed.RunAsync(campaign, new IngestHttpSender(http, key, Log), clock, ct) : Task.CompletedTask;
            await Task.WhenAll(feed.RunAsync(TimeSpan.FromSeconds(2), ct), campaignFeed);
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            // Best effort: a key of a stopped simulator is useless; revoke it if the database is there.
            try { await keys.RevokeAsync(keyId, null, CancellationToken.None); }
            catch (NpgsqlException) { }
        }
    }

    private static async Task<SimWorld?> WaitForGridsAsync(NpgsqlDataSource db, int seed, CancellationToken ct)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await SimWorld.LoadAsync(db, seed, ct) is { } world) return world;
            if (i == 0) Log("no grids in the database yet; waiting for `geo import` ...");
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
        Console.Error.WriteLine("error: the grids table is empty; import grids first (geo import assets/geo/grids.geojson)");
        return null;
    }

    private static async Task<long> CountOwnCasesAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) FROM cases WHERE source = @s");
        cmd.Parameters.AddWithValue("s", Source);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>"90d", "36h", "45m".</summary>
    public static TimeSpan ParseSpan(string text)
    {
        var number = double.Parse(text[..^1], CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            'd' => TimeSpan.FromDays(number),
            'h' => TimeSpan.FromHours(number),
            'm' => TimeSpan.FromMinutes(number),
            _ => throw new FormatException($"'{text}' is not a duration like 90d, 36h or 45m"),
        };
    }

    private static void Log(string message) => Console.WriteLine($"[{TimeProvider.System.GetLocalNow():HH:mm:ss}] {message}");
}
