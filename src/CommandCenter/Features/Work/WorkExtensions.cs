using CommandCenter.Core;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Units;

namespace CommandCenter.Features.Work;

public static class WorkExtensions
{
    /// <summary>The handling units' feature: their scoped reads and actions, the circuit's unit account and
    /// the dispatch watch (sign-for escalation, 临期 notices; options in the "Dispatch" section, validated at start).</summary>
    public static WebApplicationBuilder AddUnitWork(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DispatchOptions>(DispatchOptions.Section);
        builder.Services.AddSingleton<UnitCases>();
        builder.Services.AddSingleton<UnitWork>();
        builder.Services.AddSingleton<DispatchWatch>();
        builder.Services.AddScoped<WorkUnit>();
        builder.Services.AddHostedService<DispatchWatchService>();
        return builder;
    }
}
