using System.Diagnostics;
using System.Text.Json;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.BrowserTests.Hub;

/// <summary>/hubs/live from Node with the official @microsoft/signalr client, as a non-Blazor screen would use it.</summary>
public sealed class LiveHubTests(WallFixture wall) : IClassFixture<WallFixture>
{
    [Fact]
    public async Task A_hub_client_gets_a_snapshot_then_a_masked_delta_for_a_new_case()
    {
        var script = Path.Combine(TestCluster.RepoRoot, "tests", "CommandCenter.BrowserTests", "Hub", "hub-client.mjs");
        var psi = new ProcessStartInfo("node", [script, new Uri(wall.Web.BaseAddress, "hubs/live").ToString()])
        {
            WorkingDirectory = TestCluster.RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var snapshot = await NextAsync(node, "snapshot", _ => true, timeout.Token);
            Assert.Equal(133, snapshot.GetProperty("grids").EnumerateObject().Count());
            var acceptedBefore = snapshot.GetProperty("kpis").GetProperty("accepted").GetInt32();

            var grid = wall.Grids[119].Code;
            long[] ids = [await wall.PostIncidentAsync("hub-new-case", grid, priority: 1, reporterName: "张三", reporterPhone: "13912345678")];
            var delta = await NextAsync(node, "delta",
                m => m.GetProperty("cases").EnumerateArray().Any(c => c.GetProperty("id").GetInt64() == ids[0]), timeout.Token);

            var shown = delta.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == ids[0]);
            Assert.Equal("张*", shown.GetProperty("reporter").GetString());
            Assert.Equal("139****5678", shown.GetProperty("phone").GetString());
            Assert.DoesNotContain("13912345678", delta.GetRawText());
            Assert.Equal("urgent", delta.GetProperty("grids").GetProperty(grid).GetProperty("level").GetString());
            Assert.True(delta.GetProperty("grids").EnumerateObject().Count() < 133, "a delta carries only the grids that changed");
            Assert.True(delta.GetProperty("kpis").GetProperty("accepted").GetInt32() > acceptedBefore);
        }
        finally
        {
            node.StandardInput.Close();
            if (!node.WaitForExit(5_000)) node.Kill();
        }
    }

    private static async Task<JsonElement> NextAsync(Process node, string type, Func<JsonElement, bool> match, CancellationToken ct)
    {
        while (true)
        {
            var line = await node.StandardOutput.ReadLineAsync(ct)
                ?? throw new InvalidOperationException($"the hub client ended: {await node.StandardError.ReadToEndAsync(ct)}");
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("type").GetString() == type && match(doc.RootElement.GetProperty("message")))
                return doc.RootElement.GetProperty("message").Clone();
        }
    }
}
