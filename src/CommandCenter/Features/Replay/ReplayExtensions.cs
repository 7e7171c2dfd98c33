namespace CommandCenter.Features.Replay;

public static class ReplayExtensions
{
    /// <summary>/replay: the wall at any past moment (issue 16).</summary>
    public static WebApplicationBuilder AddReplay(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReplayLoader>();
        return builder;
    }
}
