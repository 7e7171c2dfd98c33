using System.Text.RegularExpressions;

namespace CommandCenter.Features.Mobile;

/// <summary>The ingest API names its reasons in English for the systems that call it; a grid worker reads
/// Chinese. Known reasons are translated, anything else is shown as sent after a Chinese lead-in, so no
/// reason is ever hidden.</summary>
public static partial class IngestReasons
{
    public static string ToChinese(string reason) =>
        // Problems are joined with "; ", and some carry a tail of their own after "; " (the known
        // categories, the length allowed) that belongs to the problem before it.
        string.Join("；", reason.Split("; ", StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("known: ", StringComparison.Ordinal) && !p.StartsWith("at most ", StringComparison.Ordinal)).Select(One));

    private static string One(string part)
    {
        if (part.StartsWith("no location", StringComparison.Ordinal)) return "没有位置：请开启定位，或选择所在网格";
        if (UnknownCategory().Match(part) is { Success: true } c) return $"分类「{c.Groups[1].Value}」不存在，请重新选择";
        if (Missing().Match(part) is { Success: true } m) return $"缺少必填项：{Field(m.Groups[1].Value)}";
        if (TooLong().Match(part) is { Success: true } t) return $"{Field(t.Groups[1].Value)}太长，请删减";
        if (part.Contains("in the future", StringComparison.Ordinal)) return "手机时间不准（比服务器快 10 分钟以上），请校准时间后重试";
        if (part.Contains("needs lon and lat", StringComparison.Ordinal)) return "签到和走访需要定位，请开启定位后重试";
        if (part.Contains("out of range", StringComparison.Ordinal) || part.Contains("NaN", StringComparison.Ordinal)) return "定位坐标无效，请重新定位";
        return "接收服务拒收：" + part;
    }

    private static string Field(string name) => name switch
    {
        "title" => "标题",
        "description" => "描述",
        "category" => "分类",
        "address" => "地址",
        "note" => "备注",
        _ => name,
    };

    [GeneratedRegex("^unknown category '([^']*)'")]
    private static partial Regex UnknownCategory();

    [GeneratedRegex("^([a-zA-Z]+) is required")]
    private static partial Regex Missing();

    [GeneratedRegex("^([a-zA-Z]+) is [0-9]+ characters long")]
    private static partial Regex TooLong();
}
