using System.Text.Json;

namespace CommandCenter.Bench;

/// <summary>The web app's managed heap after a forced full GC, with its open circuits, read from its
/// bench-only /diagnostics/heap (Diagnostics:HeapEndpoint=true). Two reads with different numbers of
/// /screen circuits give the heap per circuit.</summary>
public static class LiveHeapProbe
{
    public static async Task<(long HeapBytes, long Circuits)> ReadAsync(string web, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{web.TrimEnd('/')}/diagnostics/heap", null, ct);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (json.RootElement.GetProperty("heapBytes").GetInt64(), json.RootElement.GetProperty("openCircuits").GetInt64());
    }
}
