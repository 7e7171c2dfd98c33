using System.CommandLine;
using System.Text;
using CommandCenter.Core.Data;
using CommandCenter.Core.Geo;
using CommandCenter.Core.Ingest;
using CommandCenter.Ingest.Api;
using CommandCenter.Ingest.Validation;
using CommandCenter.Ingest.Cli;
using CommandCenter.Ingest.Writer;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;
using Spectre.Console;

namespace CommandCenter.Ingest.Import;

/// <summary>`import FILE`: NDJSON or CSV through the same validation and writer as the HTTP API, in
/// batches, with a progress bar and a final table of accepted / duplicate / rejected.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "An NDJSON file (one JSON record per line) or a CSV file (.csv, header row of field names)." };
        var source = new Option<string>("--source") { Description = "The source system the records come from (their identity is source + externalId).", DefaultValueFactory = _ => "import" };
        var stream = new Option<IngestStream>("--stream") { Description = "What the file holds: Incidents, Patrols or Mediations.", DefaultValueFactory = _ => IngestStream.Incidents };
        var batch = new Option<int>("--batch") { Description = "Records per transaction.", DefaultValueFactory = _ => 5000 };
        var command = new Command("import", "Import incidents, patrol events or mediations from a file.") { file, source, stream, batch };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(file)!, parse.GetValue(source)!, parse.GetValue(stream), parse.GetValue(batch), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, string source, IngestStream stream, int batchSize, CancellationToken ct)
    {
        if (!file.Exists) return Fail($"{file.FullName} does not exist");
        if (!ApiKeyStore.IsValidSource(source)) return Fail($"--source '{source}' must be 1–50 characters of a-z, 0-9, '.', '_' or '-'");
        using var host = CliHost.Build(b => { b.AddGridAssignment(); b.Services.AddIngestWriter(); });
        if (!await host.PrepareDatabaseAsync(ct)) return 1;
        await host.Services.GetRequiredService<GridAssignerLoader>().ReloadIfChangedAsync(ct);
        var pipeline = host.Services.GetRequiredService<IngestPipeline>();

        await using var fs = file.OpenRead();
        var csv = file.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase);
        using var text = csv ? new StreamReader(fs, new UTF8Encoding(false, throwOnInvalidBytes: true)) : null;
        var records = csv ? CsvRecords.Read(text!) : NdjsonFile.Read(fs);
        int accepted = 0, duplicate = 0, rejected = 0;
        var firstRejects = new List<RecordOutcome>();
        try
        {
            await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var task = progress.AddTask($"{file.Name} → {stream.ToString().ToLowerInvariant()}", maxValue: Math.Max(1, fs.Length));
                foreach (var chunk in records.Chunk(batchSize))
                {
                    var result = await WriteWithRetryAsync(pipeline, stream, source, chunk, ct);
                    accepted += result.Accepted;
                    duplicate += result.Duplicate;
                    rejected += result.Rejected;
                    firstRejects.AddRange(result.Outcomes.Where(o => o.Status == RecordStatus.Rejected).Take(10 - firstRejects.Count));
                    task.Value = fs.Position;
                }
                task.Value = task.MaxValue;
            });
        }
        catch (DecoderFallbackException ex)
        {
            return Fail($"{file.Name} is not valid UTF-8 ({ex.Message}); save it as UTF-8 or convert it to NDJSON");
        }
        var table = new Table().AddColumns("accepted", "duplicate", "rejected")
            .AddRow(accepted.ToString(), duplicate.ToString(), rejected.ToString());
        AnsiConsole.Write(table);
        if (firstRejects.Count > 0)
        {
            var rejects = new Table().Title("first rejected records (all are kept: GET /api/v1/rejects)").AddColumns("line", "externalId", "reason");
            foreach (var r in firstRejects) rejects.AddRow(r.Line.ToString(), Markup.Escape(r.ExternalId ?? ""), Markup.Escape(r.Reason ?? ""));
            AnsiConsole.Write(rejects);
        }
        return 0;
    }

    // A batch is one transaction: if the database drops out, resending it is safe (idempotent). Ten
    // tries, 2 s more wait each time (90 s in all), then the import stops with the database's error.
    private static readonly ResiliencePipeline DatabaseRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 9,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && DatabaseErrors.IsUnavailable(ex)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(TimeSpan.FromSeconds((args.AttemptNumber + 1) * 2)),
            OnRetry = args =>
            {
                Console.Error.WriteLine($"database unavailable ({args.Outcome.Exception!.Message}); retrying in {args.RetryDelay.TotalSeconds:0} s");
                return default;
            },
        })
        .Build();

    private static async Task<BatchResult> WriteWithRetryAsync(IngestPipeline pipeline, IngestStream stream, string source,
        RawRecord[] chunk, CancellationToken ct) =>
        await DatabaseRetry.ExecuteAsync(async token => await pipeline.ProcessAsync(stream, source, chunk, token), ct);

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }
}
