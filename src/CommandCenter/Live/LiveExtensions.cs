namespace CommandCenter.Live;

public static class LiveExtensions
{
    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChangeFeedOptions>()
            .BindConfiguration(ChangeFeedOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ChangeFeedListener>();
        builder.Services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<ChangeFeedListener>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedListener>());
        builder.Services.AddHealthChecks().AddCheck<ChangeFeedHealthCheck>("changeFeed");
        return builder;
    }
}
