using System.Text.Encodings.Web;
using System.Text.Json;

namespace CommandCenter.Tests.Ingest;

/// <summary>Builds test records as JSON lines: a valid default, with fields replaced or removed.</summary>
public static class Records
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A time in the recent past, as the ISO string a source would send.</summary>
    public static string Ago(double hours) => DateTimeOffset.UtcNow.AddHours(-hours).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:ss.ffffffzzz");

    public static string NewId(string prefix = "inc") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public static string Incident(string id, params (string Key, object? Value)[] changes) => Line(new Dictionary<string, object?>
    {
        ["externalId"] = id,
        ["channel"] = "网格员巡查",
        ["category"] = "sewer",
        ["title"] = "下水道堵塞",
        ["description"] = "小区东门下水道堵塞，污水外溢",
        ["lon"] = 119.905,
        ["lat"] = 31.005,
        ["address"] = "测试社区1幢",
        ["reporterName"] = "张三",
        ["reporterPhone"] = "13812345678",
        ["priority"] = 2,
        ["reportedAt"] = Ago(2),
    }, changes);

    public static string Patrol(string id, params (string Key, object? Value)[] changes) => Line(new Dictionary<string, object?>
    {
        ["externalId"] = id,
        ["workerId"] = "w-01",
        ["workerName"] = "李四",
        ["kind"] = "check-in",
        ["at"] = Ago(1),
        ["lon"] = 119.915,
        ["lat"] = 31.015,
    }, changes);

    public static string Mediation(string id, params (string Key, object? Value)[] changes) => Line(new Dictionary<string, object?>
    {
        ["externalId"] = id,
        ["gridCode"] = "T01",
        ["mediatorType"] = "人民调解员",
        ["mode"] = "问诊",
        ["level"] = "网格",
        ["startedAt"] = Ago(3),
    }, changes);

    private static string Line(Dictionary<string, object?> record, (string Key, object? Value)[] changes)
    {
        foreach (var (k, v) in changes)
        {
            if (v is Remove) record.Remove(k);
            else record[k] = v;
        }
        return JsonSerializer.Serialize(record, Json);
    }

    /// <summary>Pass as a value to drop the field.</summary>
    public sealed class Remove
    {
        public static Remove Field { get; } = new();
    }

    public static string Ndjson(params string[] lines) => string.Join("\n", lines) + "\n";
}
