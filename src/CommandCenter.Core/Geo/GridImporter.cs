using System.Security.Cryptography;
using System.Text.Json;
using CommandCenter.Core.ChangeFeed;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Core.Geo;

/// <summary>Imports a grid file: checks it completely first (a refused file writes nothing), then in
/// one transaction replaces the grids, derives the 村居 and 片区 outlines by ST_Union, records the
/// file's SHA-256 in grid_imports and appends a 'grids' change-log row so live screens and the
/// assigners reload. Importing the live file again is recognised by its hash and writes nothing.</summary>
public sealed class GridImporter(NpgsqlDataSource db)
{
    // Serialises concurrent imports: the second waits, then sees the first's hash.
    private const long ImportLockKey = 0x43434752494453; // "CCGRIDS"

    public async Task<GridImportResult> ImportAsync(byte[] file, string fileName, CancellationToken ct)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(file));
        var report = GridFile.Check(file);
        if (!report.IsValid) return new GridImportResult(GridImportOutcome.Refused, report, sha, 0);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ImportLockKey})", conn, tx))
            await lockCmd.ExecuteNonQueryAsync(ct);
        await using (var last = new NpgsqlCommand("SELECT id, sha256 FROM grid_imports ORDER BY id DESC LIMIT 1", conn, tx))
        await using (var r = await last.ExecuteReaderAsync(ct))
        {
            if (await r.ReadAsync(ct) && r.GetString(1) == sha)
                return new GridImportResult(GridImportOutcome.Unchanged, report, sha, r.GetInt64(0));
        }

        await WriteHierarchyAsync(conn, tx, report, ct);
        await WriteGridsAsync(conn, tx, report, ct);
        var importId = await RecordAsync(conn, tx, report, fileName, sha, ct);
        await ChangeLog.AppendAsync(conn, tx, new GridsChange(importId, report.Features.Count, sha), ct);
        await tx.CommitAsync(ct);
        return new GridImportResult(GridImportOutcome.Imported, report, sha, importId);
    }

    private static async Task WriteHierarchyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, GridFileReport report, CancellationToken ct)
    {
        // Upserted rather than re-inserted, so a code that stays keeps its row for anything referring to it.
        const string Sql = """
            INSERT INTO regions (code, name)
            SELECT * FROM unnest(@region_codes::text[], @region_names::text[])
            ON CONFLICT (code) DO UPDATE SET name = excluded.name;
            INSERT INTO communities (code, name, kind, region_code)
            SELECT * FROM unnest(@community_codes::text[], @community_names::text[], @kinds::text[], @community_regions::text[])
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, region_code = excluded.region_code;
            DELETE FROM grids;
            """;
        var regions = report.Features.GroupBy(f => f.RegionCode).Select(g => g.First()).ToList();
        var communities = report.Features.GroupBy(f => f.CommunityCode).Select(g => g.First()).ToList();
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("region_codes", regions.Select(f => f.RegionCode).ToArray());
        cmd.Parameters.AddWithValue("region_names", regions.Select(f => f.RegionName).ToArray());
        cmd.Parameters.AddWithValue("community_codes", communities.Select(f => f.CommunityCode).ToArray());
        cmd.Parameters.AddWithValue("community_names", communities.Select(f => f.CommunityName).ToArray());
        cmd.Parameters.AddWithValue("kinds", communities.Select(f => f.CommunityKind).ToArray());
        cmd.Parameters.AddWithValue("community_regions", communities.Select(f => f.RegionCode).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task WriteGridsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, GridFileReport report, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO grids (code, name, community_code, region_code, households, population, team, geom, area_m2)
            SELECT code, name, community_code, region_code, households, population, team::jsonb, g, ST_Area(g::geography)
            FROM (SELECT *, ST_Multi(shape) AS g
                  FROM unnest(@codes::text[], @names::text[], @communities::text[], @regions::text[],
                              @households::int[], @population::int[], @teams::text[], @shapes::geometry[])
                       AS t(code, name, community_code, region_code, households, population, team, shape)) s;
            -- The tables describe the current file: 村居 and 片区 it no longer has are removed.
            DELETE FROM communities WHERE code NOT IN (SELECT community_code FROM grids);
            DELETE FROM regions WHERE code NOT IN (SELECT region_code FROM grids UNION SELECT region_code FROM communities);
            -- Outlines derived by union, never drawn by hand.
            UPDATE communities c SET geom = u.geom
            FROM (SELECT c2.code, (SELECT ST_Multi(ST_CollectionExtract(ST_Union(g.geom), 3)) FROM grids g WHERE g.community_code = c2.code) AS geom
                  FROM communities c2) u
            WHERE u.code = c.code;
            UPDATE regions r SET geom = u.geom
            FROM (SELECT r2.code, (SELECT ST_Multi(ST_CollectionExtract(ST_Union(g.geom), 3)) FROM grids g WHERE g.region_code = r2.code) AS geom
                  FROM regions r2) u
            WHERE u.code = r.code;
            """;
        var f = report.Features;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("codes", f.Select(x => x.Code).ToArray());
        cmd.Parameters.AddWithValue("names", f.Select(x => x.Name).ToArray());
        cmd.Parameters.AddWithValue("communities", f.Select(x => x.CommunityCode).ToArray());
        cmd.Parameters.AddWithValue("regions", f.Select(x => x.RegionCode).ToArray());
        cmd.Parameters.AddWithValue("households", f.Select(x => x.Households).ToArray());
        cmd.Parameters.AddWithValue("population", f.Select(x => x.Population).ToArray());
        cmd.Parameters.AddWithValue("teams", f.Select(x => x.TeamJson).ToArray());
        // The features' geometries carry SRID 4326, which the plugin sends along.
        cmd.Parameters.AddWithValue("shapes", f.Select(x => (Geometry)x.Geometry).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, GridFileReport report,
        string fileName, string sha, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO grid_imports (file_name, sha256, grid_count, community_count, region_count, total_area_m2, notes)
            VALUES (@file, @sha, @grids, @communities, @regions, (SELECT coalesce(sum(area_m2), 0) FROM grids), @notes)
            RETURNING id
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("file", fileName);
        cmd.Parameters.AddWithValue("sha", sha);
        cmd.Parameters.AddWithValue("grids", report.Features.Count);
        cmd.Parameters.AddWithValue("communities", report.CommunityCount);
        cmd.Parameters.AddWithValue("regions", report.RegionCount);
        cmd.Parameters.AddWithValue("notes", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(report.Notes));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
