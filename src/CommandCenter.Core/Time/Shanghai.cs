namespace CommandCenter.Core.Time;

/// <summary>Days and weeks are reported in Asia/Shanghai; weeks start on Monday.</summary>
public static class Shanghai
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant as Beijing time in <paramref name="pattern"/>, culture-independent (a server with another
    /// locale must not print other digits or separators).</summary>
    public static string Format(DateTimeOffset instant, string pattern = "MM-dd HH:mm") =>
        ToLocal(instant).ToString(pattern, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Start of the Shanghai calendar day containing <paramref name="instant"/>.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return new DateTimeOffset(local.Date, local.Offset);
    }

    /// <summary>Start of the Monday-to-Sunday week containing <paramref name="instant"/>.</summary>
    public static DateTimeOffset StartOfWeek(DateTimeOffset instant)
    {
        var day = StartOfDay(instant);
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return day.AddDays(-sinceMonday);
    }

    public static DateTimeOffset StartOfMonth(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, local.Offset);
    }

    public static DateTimeOffset StartOfDay(DateOnly date) =>
        new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
}
