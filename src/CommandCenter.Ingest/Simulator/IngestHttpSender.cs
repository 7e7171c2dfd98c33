using System.Net;
using System.Text;
using System.Text.Json;
using CommandCenter.Core.Ingest;
using Polly;
using Polly.Retry;

namespace CommandCenter.Ingest.Simulator;

/// <summary>Posts NDJSON batches to the ingest API like a real source system: resends the same batch
/// after a 503 (waiting Retry-After) or a lost connection, for as long as it takes, because delivery is
/// idempotent. A refusal (400, 401, 413) is not retried: sending it again cannot help.</summary>
public sealed class IngestHttpSender
{
    public sealed record Counts(int Accepted, int Duplicate, int Rejected);

    /// <summary>One answer of the API: the body, and for a failure the wait it asked for.</summary>
    private sealed record Reply(HttpStatusCode Status, string Text, TimeSpan? RetryAfter)
    {
        public bool Succeeded => (int)Status is >= 200 and < 300;
    }

    private readonly HttpClient _http;
    private readonly string _key;
    private readonly Action<string> _log;
    private readonly ResiliencePipeline<Reply> _retry;

    public IngestHttpSender(HttpClient http, string key, Action<string> log)
    {
        _http = http;
        _key = key;
        _log = log;
        _retry = new ResiliencePipelineBuilder<Reply>()
            .AddRetry(new RetryStrategyOptions<Reply>
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = new PredicateBuilder<Reply>().Handle<HttpRequestException>().HandleResult(r => !r.Succeeded),
                // The server's Retry-After wins; otherwise 2 s more per attempt, at most 30 s.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Result?.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(30, (args.AttemptNumber + 1) * 2))),
                OnRetry = args =>
                {
                    var why = args.Outcome.Exception is { } ex ? $"{ex.Message};" : $"{(int)args.Outcome.Result!.Status},";
                    log($"{args.Context.OperationKey}: {why} retrying in {args.RetryDelay.TotalSeconds:0} s");
                    return default;
                },
            })
            .Build();
    }

    public async Task<Counts> SendAsync(string stream, IReadOnlyList<string> records, CancellationToken ct)
    {
        if (records.Count == 0) return new Counts(0, 0, 0);
        var body = string.Join('\n', records) + "\n";
        var context = ResilienceContextPool.Shared.Get(stream, ct);
        Reply reply;
        try
        {
            reply = await _retry.ExecuteAsync(async (ctx, state) => await PostAsync(state.stream, state.body, ctx.CancellationToken),
                context, (stream, body));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        var json = JsonDocument.Parse(reply.Text).RootElement;
        var counts = new Counts(json.GetProperty("accepted").GetInt32(), json.GetProperty("duplicate").GetInt32(), json.GetProperty("rejected").GetInt32());
        if (counts.Rejected > 0) _log($"{stream}: {counts.Rejected} rejected: {reply.Text[..Math.Min(reply.Text.Length, 500)]}");
        return counts;
    }

    private async Task<Reply> PostAsync(string stream, string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{stream}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Add(ApiKeyStore.Header, _key);
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest)
            throw new InvalidOperationException($"the ingest API refused the simulator's batch ({(int)response.StatusCode}): {text}");
        return new Reply(response.StatusCode, text, response.Headers.RetryAfter?.Delta);
    }
}
