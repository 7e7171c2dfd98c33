using CommandCenter.Ingest.Validation;

namespace CommandCenter.Ingest.Api;

/// <summary>GET /api/v1/categories: the category codes and names a record may use.</summary>
public static class CategoryList
{
    public static async Task HandleAsync(HttpContext http, IngestRequestHandler auth, CategoryCatalog categories, CancellationToken ct)
    {
        try
        {
            if (await auth.AuthenticateAsync(http, ct) is null) return;
            await http.Response.WriteAsJsonAsync(await categories.AllAsync(ct), IngestJson.Options, ct);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) && !ct.IsCancellationRequested)
        {
            http.Response.Headers.RetryAfter = "5";
            await IngestRequestHandler.ErrorAsync(http, StatusCodes.Status503ServiceUnavailable, "the database is unavailable; retry later", ct);
        }
    }
}
