namespace CommandCenter.Ingest.Api;

/// <summary>Serves the hand-written OpenAPI 3.0 document (Api/openapi.v1.json, embedded). Hand-written
/// because the bodies are raw JSON-array-or-NDJSON streams read by the handler, which a generator
/// cannot describe; a test checks the document against the real endpoints.</summary>
public static class OpenApiDocument
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var s = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("openapi.v1.json")
            ?? throw new InvalidOperationException("openapi.v1.json is not embedded");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    });

    public static async Task HandleAsync(HttpContext http, CancellationToken ct)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(Document.Value, ct);
    }
}
