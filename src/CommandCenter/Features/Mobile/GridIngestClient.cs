using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CommandCenter.Features.Mobile;

/// <summary>The web app as one more client of the ingest API: /m posts exactly what an outside grid app
/// posts (NDJSON, one record, key of source <see cref="GridIngestOptions.Source"/>), so a report from the
/// phone page goes through the same validation, grid assignment, writer, change log and rejects list.</summary>
public sealed class GridIngestClient(HttpClient http, IOptions<GridIngestOptions> options, ILogger<GridIngestClient> log)
{
    public bool Configured => options.Value.Configured;

    public Task<IngestVerdict> PostIncidentAsync(object record, CancellationToken ct) => PostAsync("api/v1/incidents", record, ct);

    public Task<IngestVerdict> PostPatrolAsync(object record, CancellationToken ct) => PostAsync("api/v1/patrols", record, ct);

    private async Task<IngestVerdict> PostAsync(string path, object record, CancellationToken ct)
    {
        if (!Configured)
            return new(IngestVerdictKind.Unavailable, null, "上报服务未配置（Ingest:Url），请联系管理员");
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(o.Url!.TrimEnd('/') + "/"), path))
        {
            Content = new StringContent(JsonSerializer.Serialize(record) + "\n", Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Add("X-Api-Key", o.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK) return Read(body);
            log.LogWarning("Ingest answered {Status} to {Path}: {Body}", (int)response.StatusCode, path, body);
            return response.StatusCode switch
            {
                HttpStatusCode.ServiceUnavailable => Down("接收服务的数据库暂时不可用"),
                HttpStatusCode.Unauthorized => Down("上报密钥无效或已吊销，请联系管理员"),
                _ => Down($"接收服务返回错误 {(int)response.StatusCode}"),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            log.LogWarning("Ingest not reached at {Url}: {Error}", o.Url, ex.Message);
            return Down(ex is OperationCanceledException ? "接收服务响应超时" : "连不上接收服务");
        }
    }

    private static IngestVerdict Down(string why) =>
        new(IngestVerdictKind.Unavailable, null, $"{why}，本次未保存。表单内容已保留，请稍后点「重试」。");

    private static IngestVerdict Read(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var result = doc.RootElement.GetProperty("results")[0];
        long? id = result.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt64() : null;
        var warning = result.TryGetProperty("warning", out var w) ? w.GetString() : null;
        return result.GetProperty("status").GetString() switch
        {
            // A duplicate is the answer to a retry of a post that did commit: for the worker it is accepted.
            "accepted" or "duplicate" => new(IngestVerdictKind.Accepted, id, warning is null ? "已接收" : "已接收（位置待核实）"),
            _ => new(IngestVerdictKind.Rejected, null, IngestReasons.ToChinese(result.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "")),
        };
    }
}
