using System.Net;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace CommandCenter.Bench;

/// <summary>Posts incidents to ingest like source systems do and records when each was acknowledged
/// (<see cref="LiveClock"/>). At most
/// <see cref="LiveLoadOptions.MaxInFlight"/> requests are in flight, like a source's connection pool;
/// a 503 is resent, and the latency then counts from the acknowledgement that finally came.</summary>
public sealed class LiveIngestLoad(LiveLoadOptions o, HttpClient http) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(o.MaxInFlight);
    private int _seq;

    // 20 resends 100 ms apart: ingest answers 503 only while the database is briefly out of reach.
    private readonly ResiliencePipeline<HttpResponseMessage> _resend = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 21,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Constant,
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode == HttpStatusCode.ServiceUnavailable),
            OnRetry = args => { args.Outcome.Result?.Dispose(); return default; },
        })
        .Build();

    /// <summary>Posts <paramref name="count"/> incidents in one request; returns their acknowledgement times.</summary>
    public async Task<long[]> PostAsync(int count, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            var first = Interlocked.Add(ref _seq, count) - count;
            var body = Body(first, count);
            using var response = await _resend.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{o.Ingest.TrimEnd('/')}/api/v1/incidents")
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
                };
                request.Headers.Add("X-Api-Key", o.Key);
                return await http.SendAsync(request, token);
            }, ct);
            var at = LiveClock.Now();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"ingest {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            return Enumerable.Repeat(at, count).ToArray();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Posts <paramref name="rate"/> incidents a second for <paramref name="seconds"/>, one per request;
    /// at the start of second <paramref name="burstAt"/>, <paramref name="burst"/> more in requests of 50.
    /// Returns every acknowledgement time, sorted.</summary>
    public async Task<long[]> RunAsync(int rate, int seconds, int burst, int burstAt, CancellationToken ct)
    {
        var pending = new List<Task<long[]>>();
        var start = LiveClock.Now();
        for (var s = 0; s < seconds; s++)
        {
            for (var i = 0; i < rate; i++)
            {
                var wait = start + s * 1000 + i * 1000.0 / rate - LiveClock.Now();
                if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), ct);
                pending.Add(PostAsync(1, ct));
                if (s == burstAt && i == 0)
                    for (var b = 0; b < burst / 50; b++) pending.Add(PostAsync(50, ct));
            }
        }
        var acks = (await Task.WhenAll(pending)).SelectMany(a => a).ToArray();
        Array.Sort(acks);
        return acks;
    }

    private string Body(int first, int count)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var (lon, lat) = o.Points[(int)((first + i) * 7919L % o.Points.Count)];
            lines.Append(JsonSerializer.Serialize(new
            {
                externalId = $"bench-{o.RunId}-{first + i}", channel = "网格员巡查", category = "sewer", title = "下水道堵塞",
                lon, lat, reporterName = "张三", reporterPhone = "13812345678", priority = 3, reportedAt = DateTimeOffset.UtcNow,
            })).Append('\n');
        }
        return lines.ToString();
    }

    public void Dispose() => _slots.Dispose();
}
