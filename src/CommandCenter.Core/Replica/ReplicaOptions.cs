using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Core.Replica;

/// <summary>Settings of the read replica, section <c>Replica</c>; its connection string is
/// <c>ConnectionStrings:Replica</c> (absent or empty: every read goes to the primary).</summary>
public sealed class ReplicaOptions
{
    public const string Section = "Replica";
    public const string ConnectionStringName = "Replica";

    /// <summary>Filled from <c>ConnectionStrings:Replica</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>How long a read waits for the replica to replay past what this node has seen before it
    /// reads the primary instead. Short: a leader's page must not hang on a replica that fell behind.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause between two looks at the replica's replay position while waiting.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:05")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
