using CommandCenter.Ingest.Api;

namespace CommandCenter.Ingest.Simulator;

/// <summary>Sends the simulator campaign's reports: one grid every 5 seconds, through the ingest API like a grid app.</summary>
public static class SimCampaignFeed
{
    public static async Task RunAsync(SimCampaign campaign, IngestHttpSender sender, TimeProvider clock, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), clock);
        while (await timer.WaitForNextTickAsync(ct))
            if (campaign.NextRecord() is { } record)
                await sender.SendAsync(CampaignProgressEndpoint.Stream, [record], ct);
    }
}
