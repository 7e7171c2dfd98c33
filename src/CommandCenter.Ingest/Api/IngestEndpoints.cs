using CommandCenter.Core.Security;
using CommandCenter.Ingest.Writer;
using CommandCenter.Ingest.Validation;

namespace CommandCenter.Ingest.Api;

/// <summary>The HTTP routes of the ingest API (contract: /openapi/v1.json, docs/ingest/).</summary>
public static class IngestEndpoints
{
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        // Every route needs an API key (checked per request, so a revoked key fails at once) and is
        // rate-limited per key: one misbehaving source cannot starve the others.
        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimitPolicies.Ingest);
        foreach (var stream in Enum.GetValues<IngestStream>())
            api.MapPost("/" + IngestPipeline.Name(stream),
                (HttpContext http, IngestRequestHandler handler, CancellationToken ct) => handler.HandleAsync(http, stream, ct));
        api.MapGet("/rejects", RejectList.HandleAsync);
        api.MapGet("/categories", CategoryList.HandleAsync);
        app.MapGet("/openapi/v1.json", OpenApiDocument.HandleAsync);
        return app;
    }
}
