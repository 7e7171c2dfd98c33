using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Features.Mobile;

/// <summary>How /m reaches the ingest service (section "Ingest"): its base URL and the API key of source
/// <see cref="Source"/>. The key is a secret: give it through the environment (<c>Ingest__ApiKey</c>, as
/// run.sh does) or a secret store, never in appsettings.json in the repository. Without a URL the phone
/// page still opens and says that reporting is not configured; a URL without a valid key stops the app.</summary>
public sealed class GridIngestOptions : IValidatableObject
{
    public const string Section = "Ingest";
    /// <summary>The source name the key must belong to: cases from /m are (grid-web, externalId).</summary>
    public const string Source = "grid-web";

    /// <summary>e.g. http://127.0.0.1:5081 — empty: reporting from /m is switched off.</summary>
    public string? Url { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>How long one post may take before the worker is told to retry (a batch of one commits in milliseconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool Configured => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Configured) yield break;
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return new ValidationResult($"Ingest:Url '{Url}' must be an absolute http(s) URL", [nameof(Url)]);
        // Keys are "cc_" + 43 base64url characters (ApiKeyStore); anything else is a configuration mistake.
        if (ApiKey is null || !ApiKey.StartsWith("cc_", StringComparison.Ordinal) || ApiKey.Length < 40)
            yield return new ValidationResult("Ingest:ApiKey is missing or not an ingest API key (create one: ingest keys create grid-web)", [nameof(ApiKey)]);
    }
}
