using CommandCenter.Core.Photos;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommandCenter.Tests.Photos;

/// <summary>A photo on a case, stored the way the app stores one, for tests about who may see it.</summary>
public static class PhotoFixtures
{
    /// <summary>Dispatches <paramref name="caseId"/> to <paramref name="unitCode"/> (when given) and attaches
    /// one small photo; returns the photo's id.</summary>
    public static async Task<long> AttachAsync(IServiceProvider services, NpgsqlDataSource db, long caseId, string? unitCode)
    {
        if (unitCode is not null)
        {
            await using var cmd = db.CreateCommand("UPDATE cases SET status = 'dispatched', assignee_code = @unit WHERE id = @id");
            cmd.Parameters.AddWithValue("unit", unitCode);
            cmd.Parameters.AddWithValue("id", caseId);
            await cmd.ExecuteNonQueryAsync();
        }
        var check = await services.GetRequiredService<PhotoProcessor>().CheckAsync("p.jpg", TestImages.Jpeg(64, 48), CancellationToken.None);
        var upload = await services.GetRequiredService<PhotoStore>().AddAsync(caseId, [check.Photo!], "测试（test）", CancellationToken.None);
        return upload.Ids[0];
    }
}
