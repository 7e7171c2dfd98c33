using Microsoft.JSInterop;

namespace CommandCenter.Shared.Interop;

/// <summary>A component's collocated ES module, the one interop pattern of the app (MudBlazor's own
/// interop classes have the same shape): imported on first use, typed calls that do nothing once the
/// circuit is gone (a closed tab or a wall that reloads throws <see cref="JSDisconnectedException"/>,
/// and a call cut off by the circuit's end is cancelled — neither is an error worth logging), and one
/// <see cref="DisposeAsync"/> that releases the instances the module created and the module itself.
/// Modules export <c>create(...)</c> returning an instance and <c>dispose(instance)</c>.</summary>
public sealed class JsModule(IJSRuntime js, string path) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private readonly List<IJSObjectReference> _instances = [];

    /// <summary>Calls the module's <c>create</c> export; null when the circuit is gone.</summary>
    public async Task<IJSObjectReference?> CreateAsync(params object?[] args)
    {
        var module = await ModuleAsync();
        if (module is null) return null;
        var instance = await Guard(() => module.InvokeAsync<IJSObjectReference>("create", args).AsTask());
        if (instance is not null) _instances.Add(instance);
        return instance;
    }

    /// <summary>Calls an export that returns nothing (JS errors still surface as <see cref="JSException"/>).</summary>
    public async Task InvokeVoidAsync(string identifier, params object?[] args)
    {
        var module = await ModuleAsync();
        if (module is not null)
            await Guard(async () => { await module.InvokeVoidAsync(identifier, args); return true; });
    }

    /// <summary>Calls an export and returns its value; <paramref name="whenGone"/> once the circuit is gone.</summary>
    public async Task<T> InvokeAsync<T>(string identifier, T whenGone, params object?[] args)
    {
        var module = await ModuleAsync();
        if (module is null) return whenGone;
        var (done, value) = await GuardValue(() => module.InvokeAsync<T>(identifier, args).AsTask());
        return done ? value! : whenGone;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            if (_module is not null)
                await Guard(async () => { await _module.InvokeVoidAsync("dispose", instance); return true; });
            await Guard(async () => { await instance.DisposeAsync(); return true; });
        }
        _instances.Clear();
        if (_module is not null)
            await Guard(async () => { await _module.DisposeAsync(); return true; });
        _module = null;
    }

    private async Task<IJSObjectReference?> ModuleAsync() =>
        _module ??= await Guard(() => js.InvokeAsync<IJSObjectReference>("import", path).AsTask());

    private static async Task<T?> Guard<T>(Func<Task<T>> call) where T : class =>
        (await GuardValue(call)).Value;

    private static async Task<bool> Guard(Func<Task<bool>> call) => (await GuardValue(call)).Done;

    private static async Task<(bool Done, T? Value)> GuardValue<T>(Func<Task<T>> call)
    {
        try { return (true, await call()); }
        catch (JSDisconnectedException) { return (false, default); }
        catch (TaskCanceledException) { return (false, default); }
        catch (ObjectDisposedException) { return (false, default); }
    }
}
