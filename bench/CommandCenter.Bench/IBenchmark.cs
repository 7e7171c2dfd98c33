namespace CommandCenter.Bench;

/// <summary>One benchmark: measures our way and the baseline a user would otherwise use in the same
/// run, and returns its figures (printed as one JSON line).</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchContext context, CancellationToken ct);
}
