using System.Globalization;
using FailSmart.Core.Model;

namespace FailSmart.Protocol.Configuration;

/// <summary>
/// The percentage a document writes for a rollout's fraction: the shortest that reads back
/// (<see cref="RolloutStage.FromPercent"/>) as exactly that fraction, or, for the few fractions no
/// percentage reads back as, one that leaves every bucket edge on the side of it where it was. Either way a
/// written document serves every unit as before, including a unit whose hash is exactly the coverage.
/// </summary>
internal static class RolloutPercent
{
    // Steps either side of the product tried when no rounded percentage reads back exactly.
    private const int Neighbours = 8;

    public static double Of(double fraction)
    {
        // The shortest first: 0.07 is written 7, not 7.000000000000001.
        for (int digits = 0; digits <= 15; digits++)
        {
            double rounded = Math.Round(fraction * 100, digits);
            if (Read(rounded) == fraction)
            {
                return rounded;
            }
        }

        if (!(Math.Abs(fraction) is >= 1e-11 and <= 1e13))
        {
            return fraction * 100;
        }

        // Some fractions (0.006999999999999999, what 0.7 / 100 gives) have no short percentage: try the doubles
        // around the exact product, and failing an exact one take the closest that reads back below the fraction,
        // which leaves every bucket edge on the side of it where it was.
        double centre = double.Parse((decimal.Parse(fraction.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture) * 100m).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        double best = centre;
        double bestRead = double.NegativeInfinity;
        bool Exact(double candidate)
        {
            double read = Read(candidate);
            if (read < fraction && read > bestRead)
            {
                (best, bestRead) = (candidate, read);
            }

            return read == fraction;
        }

        if (Exact(centre))
        {
            return centre;
        }

        double down = centre, up = centre;
        for (int step = 0; step < Neighbours; step++)
        {
            down = Math.BitDecrement(down);
            up = Math.BitIncrement(up);
            if (Exact(down))
            {
                return down;
            }

            if (Exact(up))
            {
                return up;
            }
        }

        return best;
    }

    private static double Read(double percent) => RolloutStage.FromPercent(percent).Fraction;
}
