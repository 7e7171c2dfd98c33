using CommandCenter.Shared.Interop;
using Microsoft.JSInterop;

namespace CommandCenter.Features.Mobile;

/// <summary>navigator.geolocation through the page's collocated module (MobilePage.razor.js).</summary>
public sealed class PhoneLocation(IJSRuntime js) : IAsyncDisposable
{
    private readonly JsModule _module = new(js, "./Features/Mobile/MobilePage.razor.js");

    /// <summary>One fresh fix; waits at most <paramref name="timeout"/> for the phone.</summary>
    public Task<LocationFix> LocateAsync(TimeSpan timeout) =>
        _module.InvokeAsync("locate", LocationFix.Gone, (int)timeout.TotalMilliseconds);

    public ValueTask DisposeAsync() => _module.DisposeAsync();
}
