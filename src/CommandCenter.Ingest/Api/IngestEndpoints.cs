using CommandCenter.Ingest.Writer;

namespace CommandCenter.Ingest.Api;

/// <summary>The HTTP routes of the ingest API (contract: /openapi/v1.json, docs/ingest/).</summary>
public static class IngestEndpoints
{
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        foreach (var stream in Enum.GetValues<IngestStream>())
            api.MapPost("/" + IngestPipeline.Name(stream),
                (HttpContext http, IngestRequestHandler handler, CancellationToken ct) => handler.HandleAsync(http, stream, ct));
        api.MapGet("/rejects", RejectList.HandleAsync);
        api.MapGet("/categories", CategoryList.HandleAsync);
        app.MapGet("/openapi/v1.json", OpenApiDocument.HandleAsync);
        return app;
    }
}
