using System.Globalization;

namespace CommandCenter.Shared.Ui;

/// <summary>Dates are shown and typed as yyyy-MM-dd whatever the browser's locale (a US browser would
/// otherwise show MM/dd/yyyy in an &lt;input type=date&gt;), weeks start on Monday (domain rule).</summary>
public static class DayFormat
{
    public const string Day = "yyyy-MM-dd";
    public const string Minute = "yyyy-MM-dd HH:mm";

    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("zh-CN");
}
