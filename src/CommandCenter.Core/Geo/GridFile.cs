namespace CommandCenter.Core.Geo;

/// <summary>Reads and checks a grid GeoJSON file. The report lists every problem; a file with any
/// problem must not be imported.</summary>
public static class GridFile
{
    public static GridFileReport Check(byte[] utf8)
    {
        var report = new GridFileReport();
        GeoJsonGridReader.Read(utf8, report);
        GridFileValidator.Validate(report);
        return report;
    }
}
