namespace CommandCenter.Features.Mobile;

/// <summary>The phone's answer to "where am I": a position with its accuracy in metres, or why there is
/// none (<c>denied</c>, <c>unavailable</c>, <c>timeout</c>, <c>unsupported</c>).</summary>
public sealed record LocationFix(bool Ok, double Lon, double Lat, double Accuracy, string? Error)
{
    public static readonly LocationFix Gone = new(false, 0, 0, 0, "unavailable");

    public string Problem => Error switch
    {
        "denied" => "定位被拒绝：请在浏览器设置中允许本网站使用位置，或在下方选择所在网格",
        "timeout" => "定位超时（信号弱）：可重试，或在下方选择所在网格",
        "unsupported" => "此浏览器不支持定位：请在下方选择所在网格",
        _ => "暂时无法定位：可重试，或在下方选择所在网格",
    };
}
