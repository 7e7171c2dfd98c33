using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CommandCenter.Core.Data.Migrations;

/// <summary>One numbered SQL file. Files are never edited once applied: the runner refuses to start
/// when an applied file's checksum has changed.</summary>
public sealed partial record Migration(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    public string FileName => $"{Version:D4}_{Name}.sql";

    /// <summary>The migrations shipped in this assembly (Data/Migrations/NNNN_name.sql), in order.</summary>
    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(Migration).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var m = FileNamePattern().Match(resource);
            if (!m.Success) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add(new Migration(int.Parse(m.Groups[1].Value), m.Groups[2].Value, reader.ReadToEnd()));
        }
        var duplicate = list.GroupBy(x => x.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"Two migration files share the number {duplicate.Key:D4}: {string.Join(", ", duplicate.Select(x => x.FileName))}");
        return list.OrderBy(x => x.Version).ToList();
    }

    [GeneratedRegex(@"^Migrations/(\d{4})_([A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
