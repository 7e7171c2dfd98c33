using CommandCenter.Core.Observability;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CommandCenter.Observability;

/// <summary>cc.circuits.open: one per open Blazor circuit (a wall, a desk tab), from opened to closed.</summary>
public sealed class CircuitMetrics : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        CommandCenterMetrics.OpenCircuits.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        CommandCenterMetrics.OpenCircuits.Add(-1);
        return Task.CompletedTask;
    }
}
