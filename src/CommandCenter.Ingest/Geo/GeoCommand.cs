using System.CommandLine;
using CommandCenter.Core.Data;
using CommandCenter.Core.Geo;
using CommandCenter.Ingest.Cli;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommandCenter.Ingest.Geo;

/// <summary>`geo import FILE` (check a grid GeoJSON file and make it the live grids) and
/// `geo generate` (write the deterministic generated grids of 雉城街道).</summary>
public static class GeoCommand
{
    public static Command Create()
    {
        var geo = new Command("geo", "Grids (网格): import a GeoJSON grid file, or generate the plausible 雉城街道 grids.");
        geo.Subcommands.Add(Import());
        geo.Subcommands.Add(Generate());
        return geo;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "GeoJSON FeatureCollection of grid polygons (EPSG:4326; 3857 and 4490 accepted)." };
        var checkOnly = new Option<bool>("--check") { Description = "Only check the file and print the report; change nothing." };
        var import = new Command("import", "Check a grid file and replace the grids with it in one transaction (a refused file changes nothing).")
        {
            file, checkOnly,
        };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"error: {path.FullName} does not exist");
                return 2;
            }
            var bytes = await File.ReadAllBytesAsync(path.FullName, ct);
            if (parse.GetValue(checkOnly))
            {
                var report = GridFile.Check(bytes);
                Console.Write(report.ToText(path.Name));
                return report.IsValid ? 0 : 1;
            }
            using var host = CliHost.Build();
            if (!await host.PrepareDatabaseAsync(ct)) return 1;
            var importer = new GridImporter(host.Services.GetRequiredService<NpgsqlDataSource>());
            var result = await importer.ImportAsync(bytes, path.Name, ct);
            var text = result.Report.ToText(path.Name);
            switch (result.Outcome)
            {
                case GridImportOutcome.Refused:
                    Console.Error.Write(text);
                    return 1;
                case GridImportOutcome.Unchanged:
                    Console.Write(text);
                    Console.WriteLine($"  unchanged: this file (sha256 {result.Sha256[..12]}…) is already the live grid set (import {result.ImportId})");
                    return 0;
                default:
                    Console.Write(text);
                    Console.WriteLine($"  imported as grid import {result.ImportId}; 村居 and 片区 outlines derived by union");
                    return 0;
            }
        });
        return import;
    }

    private static Command Generate()
    {
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generator (same seed, same bytes).", DefaultValueFactory = _ => GridGenerator.DefaultSeed };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the GeoJSON.", DefaultValueFactory = _ => new FileInfo("assets/geo/grids.geojson") };
        var generate = new Command("generate", "Write the generated 133 grids of 雉城街道 as GeoJSON (deterministic).") { seed, output };
        generate.SetAction(async (parse, ct) =>
        {
            var bytes = GridGenerator.Generate(parse.GetValue(seed));
            var report = GridFile.Check(bytes);
            var path = parse.GetValue(output)!;
            path.Directory?.Create();
            await File.WriteAllBytesAsync(path.FullName, bytes, ct);
            Console.Write(report.ToText(path.Name));
            Console.WriteLine($"  written to {path.FullName} ({bytes.Length:N0} bytes)");
            return report.IsValid ? 0 : 1;
        });
        return generate;
    }
}
