namespace FailSmart.Statistics.Factorial;

/// <summary>
/// The effect-coded design: feature j is +½ in a cell whose bit j is set and −½ otherwise, and a term is the product
/// of its features' codes. With ±½ a main effect's coefficient is the mean of the cells with the feature on minus the
/// mean of those with it off (each cell weighted equally), not a simple effect at the other features' off state.
/// </summary>
internal static class EffectCoding
{
    /// <summary>The model's terms as feature masks: 0 (intercept), then every term by order and then by mask.</summary>
    public static int[] Terms(int features, FactorialModel model)
    {
        int maxOrder = model == FactorialModel.Saturated ? features : Math.Min(2, features);
        return [.. Enumerable.Range(0, 1 << features)
            .Where(mask => System.Numerics.BitOperations.PopCount((uint)mask) <= maxOrder)
            .OrderBy(mask => System.Numerics.BitOperations.PopCount((uint)mask))
            .ThenBy(mask => mask)];
    }

    /// <summary>A term's code in a cell: (±½) per feature of the term, + when the cell has the feature on.</summary>
    public static double Code(int term, int cell)
    {
        double value = 1;
        for (int rest = term; rest != 0; rest &= rest - 1)
        {
            int bit = rest & -rest;
            value *= (cell & bit) != 0 ? 0.5 : -0.5;
        }

        return value;
    }
}
