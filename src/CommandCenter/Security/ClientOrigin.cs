namespace CommandCenter.Security;

/// <summary>The client address of the current circuit or request, for audit lines. An interactive
/// circuit has no HttpContext, so App.razor hands the address of the request that rendered the page
/// to the root component, which stores it here (one instance per circuit).</summary>
public sealed class ClientOrigin
{
    public string? Ip { get; set; }
}
