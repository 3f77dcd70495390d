namespace FailSmart.Web.Flags;

/// <summary>One variation as the page edits it: its key, and its value as text (a string as itself, anything else as JSON).</summary>
public sealed class VariationDraft
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
