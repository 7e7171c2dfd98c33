namespace CommandCenter.Live;

/// <summary>A grid's live state on the wall. <see cref="Level"/> is the colour class: the worst of
/// urgent &gt; overdue &gt; open &gt; none.</summary>
public sealed record GridState(int Open, int Overdue, int Urgent, int Supervised, bool Patrolled)
{
    public string Level => Urgent > 0 ? "urgent" : Overdue > 0 ? "overdue" : Open > 0 ? "open" : "none";
}
