using System.Text.Json;
using System.Text.Json.Nodes;

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

    /// <summary>The document with its <c>servers</c> entry naming the address the caller used: the service
    /// runs on whatever host and port it was given (CC_INGEST_PORT, a second node, a proxy), and a client
    /// generated from the document must call back where it came from.</summary>
    public static async Task HandleAsync(HttpContext http, CancellationToken ct)
    {
        var doc = JsonNode.Parse(Document.Value)!.AsObject();
        var request = http.Request;
        doc.Insert(Math.Min(2, doc.Count), "servers", new JsonArray(new JsonObject
        {
            ["url"] = $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}",
        }));
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions
        {
            Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        doc.WriteTo(writer);
        await writer.FlushAsync(ct);
    }
}
