namespace FailSmart.Core.Model;

/// <summary>
/// The names of a factorial launch's cells: one character per feature, in the order the launch declares
/// them, <c>1</c> for on and <c>0</c> for off. <c>"10"</c> is the first feature on and the second off; the
/// all-zero cell is "none of the bundle". Exposures record the cell as their variation, so per-variation
/// sums are per-cell sums.
/// </summary>
public static class FactorialCells
{
    /// <summary>The key of the cell with these features on.</summary>
    public static string KeyOf(IReadOnlyList<bool> on)
    {
        ArgumentNullException.ThrowIfNull(on);
        return string.Create(on.Count, on, static (span, bits) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = bits[i] ? '1' : '0';
            }
        });
    }

    /// <summary>Every cell of a launch of <paramref name="features"/> features, the all-off cell first, in binary order with the first feature as the highest digit.</summary>
    public static IReadOnlyList<string> All(int features)
    {
        if (features is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(features), features, "A factorial launch has between 1 and 30 features.");
        }

        var cells = new string[1 << features];
        var on = new bool[features];
        for (int cell = 0; cell < cells.Length; cell++)
        {
            for (int i = 0; i < features; i++)
            {
                on[i] = (cell & (1 << (features - 1 - i))) != 0;
            }

            cells[cell] = KeyOf(on);
        }

        return cells;
    }

    /// <summary>Whether <paramref name="key"/> names a cell of a launch of <paramref name="features"/> features.</summary>
    public static bool IsCell(string key, int features)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != features)
        {
            return false;
        }

        foreach (char c in key)
        {
            if (c is not ('0' or '1'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Which features are on in a cell.</summary>
    /// <exception cref="FormatException">The key is not made of 0s and 1s.</exception>
    public static bool[] Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsCell(key, key.Length) || key.Length == 0)
        {
            throw new FormatException($"'{key}' is not a factorial cell: a cell is one 0 or 1 per feature.");
        }

        var on = new bool[key.Length];
        for (int i = 0; i < key.Length; i++)
        {
            on[i] = key[i] == '1';
        }

        return on;
    }

    /// <summary>The cells as experiment variations, each with an equal share.</summary>
    public static IReadOnlyList<ExperimentVariation> Variations(int features)
    {
        IReadOnlyList<string> keys = All(features);
        double weight = 1.0 / keys.Count;
        return [.. keys.Select(k => new ExperimentVariation(k, weight))];
    }
}
