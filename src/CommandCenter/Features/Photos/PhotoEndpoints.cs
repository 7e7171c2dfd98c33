using CommandCenter.Core.Photos;
using CommandCenter.Security;

namespace CommandCenter.Features.Photos;

public static class PhotoEndpoints
{
    /// <summary>GET /photos/{id} (the stored JPEG) and /photos/{id}/thumb. The policy keeps out anonymous
    /// visitors and wall screens; <see cref="PhotoAccess"/> then checks the photo's case. A photo the caller
    /// may not see answers 404 like a missing one, so ids cannot be probed for existence.</summary>
    public static WebApplication MapPhotoEndpoints(this WebApplication app)
    {
        app.MapGet("/photos/{id:long}", (long id, HttpContext http, PhotoStore store, PhotoAccess access, CancellationToken ct) =>
            ServeAsync(id, thumb: false, http, store, access, ct)).RequireAuthorization(Policies.Photos);
        app.MapGet("/photos/{id:long}/thumb", (long id, HttpContext http, PhotoStore store, PhotoAccess access, CancellationToken ct) =>
            ServeAsync(id, thumb: true, http, store, access, ct)).RequireAuthorization(Policies.Photos);
        return app;
    }

    private static async Task<IResult> ServeAsync(long id, bool thumb, HttpContext http, PhotoStore store, PhotoAccess access, CancellationToken ct)
    {
        var photo = await store.ReadAsync(id, thumb, ct);
        if (photo is null || !await access.MaySeeAsync(http.User, photo, ct))
            return Results.NotFound();
        // Residents' homes and faces: no shared cache keeps them, and the browser keeps them only in memory.
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(photo.Jpeg, "image/jpeg");
    }
}
