using System.Net;
using System.Text;
using System.Text.Json;
using CommandCenter.Ingest.Keys;

namespace CommandCenter.Ingest.Simulator;

/// <summary>Posts NDJSON batches to the ingest API like a real source system: resends the same batch
/// after a 503 (waiting Retry-After) or a lost connection, because delivery is idempotent.</summary>
public sealed class IngestHttpSender(HttpClient http, string key, Action<string> log)
{
    public sealed record Counts(int Accepted, int Duplicate, int Rejected);

    public async Task<Counts> SendAsync(string stream, IReadOnlyList<string> records, CancellationToken ct)
    {
        if (records.Count == 0) return new Counts(0, 0, 0);
        var body = string.Join('\n', records) + "\n";
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{stream}")
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
                };
                request.Headers.Add(ApiKeyStore.Header, key);
                using var response = await http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    var json = JsonDocument.Parse(text).RootElement;
                    var counts = new Counts(json.GetProperty("accepted").GetInt32(), json.GetProperty("duplicate").GetInt32(), json.GetProperty("rejected").GetInt32());
                    if (counts.Rejected > 0) log($"{stream}: {counts.Rejected} rejected: {text[..Math.Min(text.Length, 500)]}");
                    return counts;
                }
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest)
                    throw new InvalidOperationException($"the ingest API refused the simulator's batch ({(int)response.StatusCode}): {text}");
                wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(Math.Min(30, attempt * 2));
                log($"{stream}: {(int)response.StatusCode}, retrying in {wait.TotalSeconds:0} s");
            }
            catch (HttpRequestException ex)
            {
                wait = TimeSpan.FromSeconds(Math.Min(30, attempt * 2));
                log($"{stream}: {ex.Message}; retrying in {wait.TotalSeconds:0} s");
            }
            await Task.Delay(wait, ct);
        }
    }
}
