using System.Text;

namespace CommandCenter.Features.Trends;

/// <summary>CSV as Excel on a Chinese Windows opens it correctly: UTF-8 with a byte-order mark, CRLF line
/// ends, fields quoted when they hold a comma, quote or line break. A field that starts like a formula
/// (=, +, -, @) is prefixed with an apostrophe so a case title cannot run as a formula in Excel.</summary>
public sealed class TrendCsv
{
    private readonly StringBuilder _text = new();

    public TrendCsv(params string[] header) => Row(header);

    public TrendCsv Row(params object?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) _text.Append(',');
            _text.Append(Escape(fields[i] switch
            {
                null => "",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var o => o.ToString() ?? "",
            }));
        }
        _text.Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    private static string Escape(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '@' || (s.Length > 1 && s[0] == '-' && !char.IsDigit(s[1])))
            s = "'" + s;
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
