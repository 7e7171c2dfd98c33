using System.Text.Json;

namespace CommandCenter.Features.Admin;

/// <summary>Turns an audit line's details (a JSON object of strings) into "key: value; ..." for the table.</summary>
public static class AuditDetails
{
    private static readonly IReadOnlyDictionary<string, string> KeyLabels = new Dictionary<string, string>
    {
        ["reason"] = "原因", ["role"] = "角色", ["change"] = "变更", ["before"] = "原值", ["after"] = "新值", ["location"] = "位置",
        ["action"] = "动作", ["from"] = "原状态", ["to"] = "新状态", ["fields"] = "字段", ["outcome"] = "结果", ["grids"] = "网格数",
        ["problems"] = "问题数", ["label"] = "说明",
    };

    public static string Format(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return json;
            return string.Join("；", doc.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind != JsonValueKind.Null)
                .Select(p => $"{(KeyLabels.TryGetValue(p.Name, out var l) ? l : p.Name)}：{(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"));
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
