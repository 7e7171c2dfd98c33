using System.Net;
using System.Text;
using CommandCenter.Core.Ingest;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Security;

/// <summary>The ingest app's access rules: every route but the contract and health needs a valid,
/// unrevoked API key; the endpoint list is checked against this table.</summary>
public sealed class IngestAccessMatrixTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly Dictionary<string, (string Method, string Path, bool NeedsKey)> Matrix = new()
    {
        ["/healthz"] = ("GET", "/healthz", false),
        // No key: a scraper on the node itself; anyone else is refused (MetricsEndpointTests).
        ["/metrics"] = ("GET", "/metrics", false),
        ["/openapi/v1.json"] = ("GET", "/openapi/v1.json", false),
        ["/api/v1/incidents"] = ("POST", "/api/v1/incidents", true),
        ["/api/v1/patrols"] = ("POST", "/api/v1/patrols", true),
        ["/api/v1/mediations"] = ("POST", "/api/v1/mediations", true),
        ["/api/v1/rejects"] = ("GET", "/api/v1/rejects", true),
        ["/api/v1/categories"] = ("GET", "/api/v1/categories", true),
        ["/api/v1/campaign-progress"] = ("POST", "/api/v1/campaign-progress", true),
    };

    [Fact]
    public async Task Every_ingest_route_needs_a_live_api_key_except_health_and_the_contract()
    {
        await using var ingest = await IngestHost.StartAsync(db.ConnectionString);
        var keys = new ApiKeyStore(db.DataSource);
        var (_, valid) = await keys.CreateAsync("matrix-src", null, default);
        var (revokedId, revoked) = await keys.CreateAsync("matrix-src", null, default);
        await keys.RevokeAsync(revokedId, null, default);

        var routes = ingest.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/')).Distinct().ToList();
        Assert.True(routes.All(Matrix.ContainsKey), "ingest routes nobody decided access for: " + string.Join(", ", routes.Where(r => !Matrix.ContainsKey(r))));

        var wrong = new List<string>();
        foreach (var (_, (method, path, needsKey)) in Matrix)
        {
            foreach (var (who, key) in new[] { ("no key", (string?)null), ("revoked key", revoked), ("valid key", valid) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (key is not null) request.Headers.Add(ApiKeyStore.Header, key);
                if (method == "POST") request.Content = new StringContent("[]", Encoding.UTF8, "application/json");
                using var response = await ingest.Client.SendAsync(request);
                var refused = response.StatusCode == HttpStatusCode.Unauthorized;
                if (refused != (needsKey && who != "valid key"))
                    wrong.Add($"{method} {path} with {who}: {(int)response.StatusCode}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
