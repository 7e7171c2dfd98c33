namespace CommandCenter.Security;

public static class CircuitLimits
{
    /// <summary>Blazor Server limits, set deliberately rather than inherited. Every circuit is server
    /// memory held for someone, so the defaults matter on a 2-core box shared with the ingest service.</summary>
    public static IServerSideBlazorBuilder WithCommandCenterLimits(this IServerSideBlazorBuilder builder)
    {
        builder.AddCircuitOptions(o =>
        {
            // A wall screen or a duty desk whose network blips must get its circuit back: keep a
            // disconnected circuit for 3 minutes (the default), but hold at most 50 of them — a room of
            // screens and a shift of officers, not an unbounded pile left by closed tabs.
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            o.DisconnectedCircuitMaxRetained = 50;
            // A page waiting on the browser (the map, a chart) gives up after 30 s rather than a minute,
            // so a frozen tab does not pin server work.
            o.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
            // Live updates re-render often; a browser that stops acknowledging renders is throttled
            // after 10 unacknowledged batches instead of being buffered without bound.
            o.MaxBufferedUnacknowledgedRenderBatches = 10;
            // DetailedErrors stays off outside Development (appsettings.Development.json): stack traces
            // go to the log, never to the browser.
        });
        builder.AddHubOptions(o =>
        {
            // What the browser may send in one message: UI events and small form values. File uploads
            // (the grid GeoJSON) stream in chunks below this size, so 32 KB caps memory per message
            // without limiting what can be uploaded.
            o.MaximumReceiveMessageSize = 32 * 1024;
            // One invocation at a time per circuit (the default), and a dead client is noticed in 30 s.
            o.MaximumParallelInvocationsPerClient = 1;
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
            o.KeepAliveInterval = TimeSpan.FromSeconds(15);
            o.HandshakeTimeout = TimeSpan.FromSeconds(15);
        });
        return builder;
    }
}
