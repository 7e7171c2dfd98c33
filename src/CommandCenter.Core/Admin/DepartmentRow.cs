namespace CommandCenter.Core.Admin;

/// <summary>A department as the admin page edits it (code fixed once created; name and active editable).</summary>
public sealed class DepartmentRow
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Active { get; set; } = true;
    public int SortOrder { get; set; }
}
