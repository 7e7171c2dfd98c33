using System.Globalization;
using CsvHelper;

namespace CommandCenter.Features.Trends;

/// <summary>CSV as Excel on a Chinese Windows opens it correctly: UTF-8 with a byte-order mark, CRLF line
/// ends, fields quoted when they hold a comma, quote or line break (CsvHelper's RFC 4180 writer). A text
/// field that starts like a formula (=, +, -, @, or a tab or carriage return before one) gets an apostrophe in
/// front so a case title cannot run as a formula in Excel; numbers are not text, so -5 stays a number.</summary>
public sealed class TrendCsv
{
    // Tab and CR too (issue 12): spreadsheet programs skip them before reading a formula, so "\t=1+2" ran.
    private static readonly CsvWriterOptions Options = new()
    {
        WriteByteOrderMark = true,
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private readonly MemoryStream _bytes = new();
    private readonly CsvWriter _writer;

    public TrendCsv(params string[] header)
    {
        _writer = CsvWriter.Create(_bytes, Options, leaveOpen: true);
        _writer.WriteHeader(header);
    }

    public TrendCsv Row(params object?[] fields)
    {
        foreach (var field in fields) _writer.WriteField(field);
        _writer.EndRecord();
        return this;
    }

    /// <summary>The whole file; the table is complete once this is called.</summary>
    public byte[] ToBytes()
    {
        _writer.Flush();
        return _bytes.ToArray();
    }
}
