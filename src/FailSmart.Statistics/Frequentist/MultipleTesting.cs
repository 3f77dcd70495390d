namespace FailSmart.Statistics;

/// <summary>
/// Multiple-testing corrections, matching statsmodels <c>multipletests</c>: Holm (1979) step-down
/// control of the family-wise error rate, and Benjamini–Hochberg (1995) control of the false
/// discovery rate. Use Holm for guardrails (any false alarm matters), BH for exploring many metrics.
/// </summary>
public static class MultipleTesting
{
    public static AdjustedPValues Holm(IReadOnlyList<double> pValues, double alpha = 0.05)
    {
        int m = Validate(pValues, alpha);
        int[] order = SortedOrder(pValues);
        var adjusted = new double[m];
        var rejected = new bool[m];
        double running = 0;
        bool stillRejecting = true;
        for (int k = 0; k < m; k++)
        {
            double p = pValues[order[k]];
            running = Math.Max(running, (m - k) * p);
            adjusted[order[k]] = Math.Min(1.0, running);

            // statsmodels rejects until the first p above alpha / (m − k), then stops.
            stillRejecting &= !(p > alpha / (m - k));
            rejected[order[k]] = stillRejecting;
        }

        return new AdjustedPValues(adjusted, rejected, alpha);
    }

    public static AdjustedPValues BenjaminiHochberg(IReadOnlyList<double> pValues, double alpha = 0.05)
    {
        int m = Validate(pValues, alpha);
        int[] order = SortedOrder(pValues);
        var adjusted = new double[m];
        var rejected = new bool[m];
        int lastReject = -1;
        for (int k = 0; k < m; k++)
        {
            if (pValues[order[k]] <= (k + 1) / (double)m * alpha)
            {
                lastReject = k;
            }
        }

        double running = double.PositiveInfinity;
        for (int k = m - 1; k >= 0; k--)
        {
            double raw = pValues[order[k]] / ((k + 1) / (double)m);
            running = Math.Min(running, raw);
            adjusted[order[k]] = Math.Min(1.0, running);
            rejected[order[k]] = k <= lastReject;
        }

        return new AdjustedPValues(adjusted, rejected, alpha);
    }

    private static int Validate(IReadOnlyList<double> pValues, double alpha)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        Guard.Alpha(alpha);
        foreach (double p in pValues)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), p, "p-values must lie in [0, 1].");
            }
        }

        return pValues.Count;
    }

    private static int[] SortedOrder(IReadOnlyList<double> pValues)
    {
        int[] order = [.. Enumerable.Range(0, pValues.Count)];
        Array.Sort(order, (a, b) => pValues[a] != pValues[b] ? pValues[a].CompareTo(pValues[b]) : a.CompareTo(b));
        return order;
    }
}
