using CommandCenter.Core;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Geo;

namespace CommandCenter.Features.Cases;

public static class CasesExtensions
{
    /// <summary>The duty officers' feature: case actions and reads, officer registration, the automatic 督办
    /// (options in the "Supervise" section, validated at start) and the acting officer per circuit.</summary>
    public static WebApplicationBuilder AddCaseWork(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SuperviseOptions>(SuperviseOptions.Section);
        // Registration locates clicked points with the in-process grid assigner.
        builder.AddGridAssignment();
        builder.Services.AddSingleton<CaseActions>();
        builder.Services.AddSingleton<CaseQueries>();
        builder.Services.AddSingleton<CaseDetailReader>();
        builder.Services.AddSingleton<LeadQueries>();
        builder.Services.AddSingleton<CaseRegistrar>();
        builder.Services.AddScoped<DutyOfficer>();
        builder.Services.AddHostedService<AutoSuperviseService>();
        return builder;
    }
}
