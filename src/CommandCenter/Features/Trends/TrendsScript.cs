using Microsoft.JSInterop;

namespace CommandCenter.Features.Trends;

/// <summary>The typed wrapper of Trends.razor.js (chart PNG download, printing) shared by /trends and the
/// weekly report; the module is loaded on first use. Calls after the circuit is gone do nothing.</summary>
public sealed class TrendsScript(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    public Task DownloadPngAsync(string chartId, string fileName) => CallAsync("downloadPng", chartId, fileName);

    public Task PrintAsync() => CallAsync("print");

    private async Task CallAsync(string name, params object[] args)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./Features/Trends/Trends.razor.js");
            await _module.InvokeVoidAsync(name, args);
        }
        catch (JSDisconnectedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        try { if (_module is not null) await _module.DisposeAsync(); }
        catch (JSDisconnectedException) { }
    }
}
