namespace FailSmart.Web.Flags;

/// <summary>A flag's state in one environment as the page edits it. Whether it is on is changed with the toggle, not here.</summary>
public sealed class EnvironmentDraft
{
    public bool Enabled { get; set; }

    public string OffVariation { get; set; } = "";

    public string DefaultVariation { get; set; } = "";

    public List<RuleDraft> Rules { get; } = [];
}
