using CommandCenter.Shared.Interop;
using Microsoft.JSInterop;

namespace CommandCenter.Features.Trends;

/// <summary>The typed wrapper of Trends.razor.js (chart PNG download, printing) shared by /trends and the
/// weekly report; the module is loaded on first use. Calls after the circuit is gone do nothing.</summary>
public sealed class TrendsScript(IJSRuntime js) : IAsyncDisposable
{
    private readonly JsModule _module = new(js, "./Features/Trends/Trends.razor.js");

    public Task DownloadPngAsync(string chartId, string fileName) => _module.InvokeVoidAsync("downloadPng", chartId, fileName);

    public Task PrintAsync() => _module.InvokeVoidAsync("print");

    public ValueTask DisposeAsync() => _module.DisposeAsync();
}
