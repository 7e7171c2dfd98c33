namespace CommandCenter.Core.Cases;

/// <summary>Which automatic 督办 level a deadline calls for at a given time.</summary>
public static class SupervisePolicy
{
    public static short LevelAt(DateTimeOffset deadline, DateTimeOffset now, SuperviseOptions o)
    {
        var past = now - deadline;
        return past >= o.Level3 ? (short)3 : past >= o.Level2 ? (short)2 : past >= o.Level1 ? (short)1 : (short)0;
    }

    public static string Reason(short level) => level switch
    {
        1 => "临近办理期限，自动预警督办",
        2 => "已超过办理期限，自动超期督办",
        _ => "严重超期，自动升级为重点督办",
    };
}
