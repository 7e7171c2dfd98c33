using System.Text.Json;
using CommandCenter.Core.Cases;
using CommandCenter.Core.ChangeFeed;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Core.Photos;

/// <summary>Case photos in <c>case_photos</c>. Attaching is one transaction with the case's timeline row
/// (so the audit trigger records who added them) and a change-log entry (so open case pages reload).</summary>
public sealed class PhotoStore(NpgsqlDataSource db, IOptions<PhotoOptions> options, TimeProvider clock)
{
    /// <summary>Attaches already processed photos to <paramref name="caseId"/> as <paramref name="actor"/>
    /// ("显示名（用户名）").</summary>
    public async Task<PhotoUpload> AddAsync(long caseId, IReadOnlyList<ProcessedPhoto> photos, string actor, CancellationToken ct)
    {
        if (photos.Count == 0) return new PhotoUpload([], null);
        var max = options.Value.MaxPerCase;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The row lock serialises uploads to one case, so two phones cannot both pass the count check.
        const string LockSql = """
            SELECT c.grid_code, c.status, (SELECT count(*) FROM case_photos p WHERE p.case_id = c.id)
            FROM cases c WHERE c.id = @id FOR UPDATE
            """;
        string? grid; string status; long existing;
        await using (var cmd = new NpgsqlCommand(LockSql, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", caseId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return new PhotoUpload([], $"找不到事件 #{caseId}");
            (grid, status, existing) = (r.IsDBNull(0) ? null : r.GetString(0), r.GetString(1), r.GetInt64(2));
        }
        if (existing + photos.Count > max)
            return new PhotoUpload([], $"每件事件最多 {max} 张照片，已有 {existing} 张，本次 {photos.Count} 张");

        var now = clock.GetUtcNow();
        const string InsertSql = """
            INSERT INTO case_photos (case_id, uploaded_at, uploaded_by, width, height, original_bytes, image, thumb)
            VALUES (@case, @at, @by, @w, @h, @size, @image, @thumb) RETURNING id
            """;
        var ids = new List<long>(photos.Count);
        foreach (var p in photos)
        {
            await using var cmd = new NpgsqlCommand(InsertSql, conn, tx);
            cmd.Parameters.AddWithValue("case", caseId);
            cmd.Parameters.AddWithValue("at", now);
            cmd.Parameters.AddWithValue("by", actor);
            cmd.Parameters.AddWithValue("w", p.Width);
            cmd.Parameters.AddWithValue("h", p.Height);
            cmd.Parameters.AddWithValue("size", p.OriginalBytes);
            cmd.Parameters.Add(new NpgsqlParameter("image", NpgsqlDbType.Bytea) { Value = p.Jpeg });
            cmd.Parameters.Add(new NpgsqlParameter("thumb", NpgsqlDbType.Bytea) { Value = p.Thumb });
            ids.Add((long)(await cmd.ExecuteScalarAsync(ct))!);
        }

        const string EventSql = """
            INSERT INTO case_events (case_id, at, actor, action, note, data)
            VALUES (@case, @at, @actor, @action, @note, @data::jsonb)
            """;
        await using (var cmd = new NpgsqlCommand(EventSql, conn, tx))
        {
            cmd.Parameters.AddWithValue("case", caseId);
            cmd.Parameters.AddWithValue("at", now);
            cmd.Parameters.AddWithValue("actor", actor);
            cmd.Parameters.AddWithValue("action", CaseActionKind.Photo);
            cmd.Parameters.AddWithValue("note", $"上传照片 {photos.Count} 张");
            cmd.Parameters.AddWithValue("data", JsonSerializer.Serialize(new Dictionary<string, object> { ["photoIds"] = ids }));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await ChangeLog.AppendAsync(conn, tx, new CaseActionChange([caseId], grid is null ? [] : [grid], CaseActionKind.Photo, [status]), ct);
        await tx.CommitAsync(ct);
        return new PhotoUpload(ids, null);
    }

    /// <summary>The photos of a case, oldest first.</summary>
    public async Task<IReadOnlyList<PhotoInfo>> ListAsync(long caseId, CancellationToken ct)
    {
        const string Sql = """
            SELECT id, case_id, uploaded_at, uploaded_by, width, height FROM case_photos WHERE case_id = @case ORDER BY id
            """;
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("case", caseId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<PhotoInfo>();
        while (await r.ReadAsync(ct))
            list.Add(new PhotoInfo(r.GetInt64(0), r.GetInt64(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5)));
        return list;
    }

    /// <summary>A photo's image (or thumbnail) with its case's grid and unit, or null when there is none.</summary>
    public async Task<PhotoContent?> ReadAsync(long photoId, bool thumb, CancellationToken ct)
    {
        // Two statements rather than a column name in a format string: SQL is never built from values.
        const string ImageSql = """
            SELECT p.case_id, c.grid_code, c.assignee_code,
                   ARRAY(SELECT s.department_code FROM case_summons s WHERE s.case_id = c.id), p.image FROM case_photos p JOIN cases c ON c.id = p.case_id WHERE p.id = @id
            """;
        const string ThumbSql = """
            SELECT p.case_id, c.grid_code, c.assignee_code,
                   ARRAY(SELECT s.department_code FROM case_summons s WHERE s.case_id = c.id), p.thumb FROM case_photos p JOIN cases c ON c.id = p.case_id WHERE p.id = @id
            """;
        await using var cmd = db.CreateCommand(thumb ? ThumbSql : ImageSql);
        cmd.Parameters.AddWithValue("id", photoId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new PhotoContent(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
            r.GetFieldValue<string[]>(3), r.GetFieldValue<byte[]>(4));
    }
}
