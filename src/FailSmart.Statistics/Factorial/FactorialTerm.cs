namespace FailSmart.Statistics;

/// <summary>
/// One coefficient of the effect-coded factorial model. <see cref="Features"/> names the features whose product
/// the term is: one feature for a main effect (on minus off, averaged over the other features' states), two or
/// more for an interaction (for two features, the difference between one feature's effect with the other on and
/// with it off).
/// </summary>
public sealed record FactorialTerm(string Name, IReadOnlyList<string> Features, int Mask, NormalEstimate Effect)
{
    /// <summary>How many features the term multiplies: 1 for a main effect, 2 for a two-way interaction, …</summary>
    public int Order => Features.Count;
}
