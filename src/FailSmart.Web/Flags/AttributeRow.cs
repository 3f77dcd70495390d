namespace FailSmart.Web.Flags;

/// <summary>One attribute of the user to explain for: a name and its value as typed.</summary>
public sealed class AttributeRow
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}
