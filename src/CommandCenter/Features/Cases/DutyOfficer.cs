namespace CommandCenter.Features.Cases;

/// <summary>Who is acting in this circuit. The one place the officer's name comes from until sign-in exists:
/// the security work replaces this with the authenticated user. Defaults to the "Cases:OfficerName"
/// setting; the officer may type their own name in the queue header.</summary>
public sealed class DutyOfficer(IConfiguration config)
{
    private string _name = config["Cases:OfficerName"] is { Length: > 0 } n ? n : "值班员";

    public string Name
    {
        get => _name;
        set => _name = string.IsNullOrWhiteSpace(value) ? _name : value.Trim();
    }
}
