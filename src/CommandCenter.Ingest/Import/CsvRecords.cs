using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CommandCenter.Ingest.Api;
using CommandCenter.Ingest.Validation;
using CsvHelper;

namespace CommandCenter.Ingest.Import;

/// <summary>Reads a CSV file (RFC 4180: a header row of field names, quoted cells may hold commas,
/// quotes and line breaks; parsed by CsvHelper) as JSON records, so CSV goes through exactly the
/// validation NDJSON does. lon, lat and priority become JSON numbers when they parse as numbers;
/// anything else stays a string and is reported by validation. Empty cells are left out.</summary>
public static class CsvRecords
{
    private static readonly HashSet<string> NumericFields = ["lon", "lat", "priority"];

    // The separator is fixed: detecting one could read a one-column file with semicolons in it as
    // several columns. Line numbers are tracked so a rejected record names the line it starts on.
    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',',
        HasHeader = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        AllowLineBreaksInQuotes = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MalformedData = CsvMalformedDataHandling.Recover,
    };

    public static IEnumerable<RawRecord> Read(TextReader reader)
    {
        using var csv = CsvReader.Create(reader, Options, leaveOpen: true);
        string[]? header = null;
        while (csv.Read())
        {
            header ??= csv.Headers.Select(h => h.Trim()).ToArray();
            var row = new string[csv.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = csv.GetString(i);
            yield return new RawRecord(checked((int)csv.LineNumber), ToJson(header, row));
        }
    }

    private static byte[] ToJson(string[] header, string[] row)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            for (var i = 0; i < header.Length && i < row.Length; i++)
            {
                var (name, value) = (header[i], row[i]);
                if (value.Length == 0 || name.Length == 0) continue;
                if (NumericFields.Contains(name) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    w.WriteNumber(name, d);
                else
                    w.WriteString(name, value);
            }
            if (row.Length > header.Length) w.WriteString("_extraCells", string.Join(",", row.Skip(header.Length)));
            w.WriteEndObject();
        }
        return ms.ToArray();
    }
}
