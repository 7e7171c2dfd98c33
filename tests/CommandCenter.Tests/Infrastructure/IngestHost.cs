using CommandCenter.Core.Data;
using CommandCenter.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>The ingest service on a real Kestrel port (loopback), configured exactly as `serve` does,
/// against a test database. Extra configuration can be layered on.</summary>
public sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IngestHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<IngestHost> StartAsync(string connectionString,
        IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(IngestProgram).Assembly.GetName().Name,
            EnvironmentName = "Testing",
        });
        builder.Configuration["ConnectionStrings:CommandCenter"] = connectionString;
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddCommandCenterData();
        builder.AddIngestApi();
        configure?.Invoke(builder);
        var app = builder.Build();
        if (!await app.PrepareDatabaseAsync())
            throw new InvalidOperationException("ingest could not prepare the test database");
        app.UseIngestApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IngestHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
