using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CommandCenter.Core.Security;

/// <summary>The reverse proxies (nginx in ./cluster.sh and deploy/) whose X-Forwarded-For and
/// X-Forwarded-Proto a node believes. Empty — the one-node default — believes nobody, so a client cannot
/// choose its own address by sending the header. Entries are addresses (<c>127.0.0.1</c>) or networks
/// (<c>10.20.0.0/24</c>).</summary>
public sealed class TrustedProxyOptions : IValidatableObject
{
    public const string Section = "Network";

    public string[] TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in TrustedProxies)
            if (!TryParse(entry, out _))
                yield return new ValidationResult(
                    $"Network:TrustedProxies: '{entry}' is neither an IP address nor a network such as 10.0.0.0/24",
                    [nameof(TrustedProxies)]);
    }

    internal static bool TryParse(string entry, out IPNetwork network)
    {
        entry = entry.Trim();
        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(entry, out network);
    }
}
