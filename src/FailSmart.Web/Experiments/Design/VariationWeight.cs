namespace FailSmart.Web.Experiments.Design;

/// <summary>One of the flag's variations in the experiment, with its share of the experiment's units in percent.</summary>
public sealed class VariationWeight(string key, double percent)
{
    public string Key { get; } = key;

    public double Percent { get; set; } = percent;
}
