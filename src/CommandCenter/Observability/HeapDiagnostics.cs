using System.Runtime;
using CommandCenter.Core.Observability;

namespace CommandCenter.Observability;

/// <summary>POST /diagnostics/heap, for the live benchmark's circuit_heap_kb: forces a full, compacting,
/// blocking collection and answers the managed heap that is left, with the open circuits. Only mapped when
/// <c>Diagnostics:HeapEndpoint</c> is true (the benchmark sets it; a forced GC pauses the whole server, so
/// never in production) and only for a direct caller on this machine.</summary>
public static class HeapDiagnostics
{
    public const string Path = "/diagnostics/heap";
    private const string Setting = "Diagnostics:HeapEndpoint";
    private const string KeepAliveSetting = "Diagnostics:KeepAliveTimeout";
    private static long _openCircuits;

    public static WebApplicationBuilder AddHeapDiagnostics(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>(Setting)) return builder;
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitCounter>();
        // The benchmark may shorten Kestrel's keep-alive (130 s by default): the idle HTTP connections a page load
        // leaves behind then close before the heap is read, so what is left per wall is its circuit.
        if (builder.Configuration.GetValue<TimeSpan?>(KeepAliveSetting) is { } keepAlive)
            builder.WebHost.ConfigureKestrel(o => o.Limits.KeepAliveTimeout = keepAlive);
        return builder;
    }

    public static void MapHeapDiagnostics(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting)) return;
        app.MapPost(Path, (HttpContext http) =>
        {
            if (!LocalCaller.IsDirectLoopback(http)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            return Results.Json(new
            {
                heapBytes = GC.GetTotalMemory(forceFullCollection: false),
                heapSizeAfterGcBytes = info.HeapSizeBytes,
                openCircuits = Interlocked.Read(ref _openCircuits),
            });
        }).AllowAnonymous();
    }

    private sealed class CircuitCounter : Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken ct)
        {
            Interlocked.Increment(ref _openCircuits);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken ct)
        {
            Interlocked.Decrement(ref _openCircuits);
            return Task.CompletedTask;
        }
    }
}
