using System.Net;
using CommandCenter.Tests.Infrastructure;
using CommandCenter.Tests.Ingest;

namespace CommandCenter.Tests.Observability;

/// <summary>/metrics (Prometheus text) on both apps: after real traffic it names the instruments an operator
/// watches (ingest rate and rejects, ack latency, change-feed lag, LiveState refresh, hub clients and send
/// time, Npgsql's pool), and it is not public. The web app's roles are in AccessMatrixTests.</summary>
public sealed class MetricsEndpointTests(PostgisDatabase db) : WebAndIngestTests(db, "metrics-src")
{
    [Fact]
    public async Task Ingest_metrics_count_accepted_and_rejected_records_and_time_the_acknowledgement()
    {
        using var response = await PostIncidentsAsync(Records.Ndjson([Records.Incident(Records.NewId("metrics"))]) + "{not json\n");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Batch-Id").Single()));

        var text = await Ingest.Client.GetStringAsync("/metrics");

        Assert.Matches("""cc_ingest_records_total\{[^}]*outcome="accepted"[^}]*stream="incidents"[^}]*\} [1-9]""", text);
        Assert.Matches("""cc_ingest_records_total\{[^}]*outcome="rejected"[^}]*stream="incidents"[^}]*\} [1-9]""", text);
        Assert.Matches("""cc_ingest_ack_duration_seconds_count\{[^}]*stream="incidents"[^}]*\} [1-9]""", text);
        Assert.Contains("db_client_connection", text); // Npgsql's own meter: the pool in use / idle / max
    }

    [Fact]
    public async Task Ingest_metrics_are_refused_through_a_proxy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await Ingest.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("cc_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Web_metrics_show_the_live_path_after_a_batch_reached_a_hub_client()
    {
        var hubClient = await LiveHubClient.ConnectAsync(Web, await Web.KioskCookieAsync());
        try
        {
            var id = Records.NewId("metrics-web");
            using var posted = await PostIncidentsAsync(Records.Ndjson([Records.Incident(id)]));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            var caseId = await CaseIdAsync(id);
            await hubClient.WaitForAsync(new HashSet<long> { caseId }, TimeSpan.FromSeconds(60));
            var admin = await Web.LoginAsAsync(Core.Security.Roles.Admin);

            var text = await admin.GetStringAsync("/metrics");

            // Present, but its value is not asserted: the meter is static, so in this test process the
            // connects and disconnects of other test classes' hosts running in parallel count here too.
            Assert.Matches("""cc_hub_clients\{[^}]*hub="LiveHub"[^}]*\} -?\d""", text);
            Assert.Matches("""cc_hub_send_duration_seconds_count\{[^}]*message="delta"[^}]*\} [1-9]""", text);
            // Our bucket bounds (fine around 250 ms and 1 s), not the SDK's millisecond-sized defaults.
            Assert.Matches("""cc_hub_send_duration_seconds_bucket\{[^}]*le="0.25"[^}]*\} """, text);
            Assert.Matches("""cc_hub_delivery_delay_seconds_count(\{[^}]*\})? [1-9]""", text);
            Assert.Matches("""cc_changefeed_lag_seconds_count(\{[^}]*\})? [1-9]""", text);
            Assert.Matches("""cc_live_refresh_duration_seconds_count(\{[^}]*\})? [1-9]""", text);
            Assert.Matches("""cc_live_refresh_read_duration_seconds_count\{[^}]*read="record"[^}]*\} [1-9]""", text);
            Assert.Contains("db_client_connection", text);
        }
        finally { await hubClient.DisposeAsync(); }
    }

    private async Task<long> CaseIdAsync(string externalId)
    {
        await using var cmd = Db.DataSource.CreateCommand("SELECT id FROM cases WHERE external_id = $1");
        cmd.Parameters.AddWithValue(externalId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
