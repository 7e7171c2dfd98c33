using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CommandCenter.Ingest.Api;
using CommandCenter.Ingest.Validation;

namespace CommandCenter.Ingest.Import;

/// <summary>Reads a CSV file (RFC 4180: a header row of field names, quoted cells may hold commas,
/// quotes and line breaks) as JSON records, so CSV goes through exactly the validation NDJSON does.
/// lon, lat and priority become JSON numbers when they parse as numbers; anything else stays a string
/// and is reported by validation. Empty cells are left out.</summary>
public static class CsvRecords
{
    private static readonly HashSet<string> NumericFields = ["lon", "lat", "priority"];

    public static IEnumerable<RawRecord> Read(TextReader reader)
    {
        var line = 1;
        var header = ReadRow(reader, ref line, out _);
        if (header is null) yield break;
        while (true)
        {
            var row = ReadRow(reader, ref line, out var startLine);
            if (row is null) yield break;
            if (row.Count == 1 && row[0].Length == 0) continue;
            yield return new RawRecord(startLine, ToJson(header, row));
        }
    }

    private static byte[] ToJson(List<string> header, List<string> row)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            for (var i = 0; i < header.Count && i < row.Count; i++)
            {
                var (name, value) = (header[i].Trim(), row[i]);
                if (value.Length == 0 || name.Length == 0) continue;
                if (NumericFields.Contains(name) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    w.WriteNumber(name, d);
                else
                    w.WriteString(name, value);
            }
            if (row.Count > header.Count) w.WriteString("_extraCells", string.Join(",", row.Skip(header.Count)));
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    private static List<string>? ReadRow(TextReader reader, ref int line, out int startLine)
    {
        startLine = line;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); cell.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    cell.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; break;
                case ',': cells.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n':
                    line++;
                    cells.Add(cell.ToString());
                    return cells;
                default: cell.Append(ch); break;
            }
        }
        if (!any) return null;
        cells.Add(cell.ToString());
        return cells;
    }
}
