namespace CommandCenter.Live;

/// <summary>A recently accepted case as screens may show it: personal data already masked.</summary>
public sealed record RecentCase(
    long Id,
    DateTimeOffset At,
    string Category,
    string Title,
    string? GridCode,
    string? GridName,
    string? Reporter,
    string? Phone,
    int Priority,
    string Status,
    double? Lon,
    double? Lat);
