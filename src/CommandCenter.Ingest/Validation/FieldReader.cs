using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CommandCenter.Ingest.Validation;

/// <summary>Reads typed fields of one JSON record and collects every problem as a plain sentence naming
/// the field ("lat must be a number, got string"), so a sender can fix all of them in one go.</summary>
public sealed partial class FieldReader(JsonElement record, DateTimeOffset now, TimeSpan maxFuture)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;
    public bool HasErrors => _errors.Count > 0;
    public void Error(string message) => _errors.Add(message);

    private JsonElement? Get(string name) =>
        record.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public bool Has(string name) => Get(name) is not null;

    /// <summary>A field as it came (null when absent or null), for a shape no typed reader covers (campaign counts).</summary>
    public JsonElement? Raw(string name) => Get(name);

    /// <summary>A record may repeat its source; it must then be the API key's own, so one source cannot
    /// write into another's (source, externalId) identity space.</summary>
    public void CheckSource(string keySource)
    {
        var claimed = String("source", 50);
        if (claimed is not null && claimed != keySource)
            Error($"source '{claimed}' does not match the API key's source '{keySource}'");
    }

    public string? String(string name, int maxLength, bool required = false)
    {
        if (Get(name) is not { } v)
        {
            if (required) Error($"{name} is required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Error($"{name} must be a string, got {Kind(v)}");
            return null;
        }
        var s = v.GetString()!;
        if (required && string.IsNullOrWhiteSpace(s))
        {
            Error($"{name} is required and must not be empty");
            return null;
        }
        if (s.Length > maxLength)
        {
            Error($"{name} is {s.Length} characters long; at most {maxLength} are allowed");
            return null;
        }
        if (s.Contains('\0'))
        {
            Error($"{name} contains a NUL character (\\u0000), which cannot be stored");
            return null;
        }
        return s;
    }

    public string? OneOf(string name, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var s = String(name, 50, required);
        if (s is null || allowed.Contains(s)) return s;
        Error($"{name} '{s}' is not one of: {string.Join(", ", allowed)}");
        return null;
    }

    public double? Number(string name)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Number)
        {
            Error($"{name} must be a number, got {Kind(v)}");
            return null;
        }
        return v.GetDouble();
    }

    public int? Int(string name, int min, int max)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i))
        {
            Error($"{name} must be a whole number, got {Kind(v)}");
            return null;
        }
        if (i < min || i > max)
        {
            Error($"{name} must be between {min} and {max}, got {i}");
            return null;
        }
        return i;
    }

    /// <param name="future">A time that lies ahead by nature (a deadline): not held to the clock-skew limit.</param>
    public DateTimeOffset? Time(string name, bool required = false, bool future = false)
    {
        if (Get(name) is not { } v)
        {
            if (required) Error($"{name} is required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Error($"{name} must be an ISO 8601 timestamp string, got {Kind(v)}");
            return null;
        }
        var s = v.GetString()!;
        // The shape first: DateTimeOffset.TryParse alone also takes "12/01/2026 10:00 +08:00", which one
        // source means as 1 December and another as 12 January.
        if (!IsoShape().IsMatch(s) || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            Error($"{name} '{Clip(s)}' is not an ISO 8601 timestamp: write yyyy-MM-ddTHH:mm:ss with an offset, e.g. 2026-11-21T09:30:00+08:00");
            return null;
        }
        if (!HasOffset(s))
        {
            Error($"{name} '{Clip(s)}' has no time-zone offset; add one, e.g. +08:00 or Z");
            return null;
        }
        if (!future && t > now + maxFuture)
        {
            Error($"{name} {s} is {(t - now).TotalMinutes:0} minutes in the future (at most {maxFuture.TotalMinutes:0} allowed)");
            return null;
        }
        if (t.Year < 2000)
        {
            Error($"{name} {s} is before the year 2000");
            return null;
        }
        // PostgreSQL keeps microseconds: truncate now so a re-delivery compares equal to what is stored.
        return new DateTimeOffset(t.Ticks - t.Ticks % 10, t.Offset);
    }

    // Date, time (seconds and fraction optional), optional offset: the offset's absence gets its own message.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoShape();

    // "2026-11-21T09:30:00" parses as local time; an offset (Z or ±hh:mm) must be spelled out.
    private static bool HasOffset(string s)
    {
        var t = s.IndexOf('T');
        if (t < 0) t = s.IndexOf(' ');
        if (t < 0) return false;
        var time = s.AsSpan(t + 1);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static string Kind(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"string \"{Clip(v.GetString()!)}\"",
        JsonValueKind.Number => $"number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };
}
