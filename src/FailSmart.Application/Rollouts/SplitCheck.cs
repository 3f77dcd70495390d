using FailSmart.Statistics;

namespace FailSmart.Application.Rollouts;

/// <summary>
/// The red checks on a stage's split: an arm that should have units and has none, or counts that the
/// sequential sample-ratio test finds off the shares the bucket definition gives (not yet (1 − h)(1 − s),
/// in (1 − h)s, holdback h).
/// </summary>
internal readonly record struct SplitCheck(double? P, string? Problem)
{
    private static readonly string[] s_arms = ["not yet", "in", "holdback"];

    public static SplitCheck Read(RolloutLook look, double holdback, double fraction, double alpha, double concentration, double emptyArmExpectedUnits)
    {
        long[] counts = [look.UnitsNotYet, look.UnitsIn, look.UnitsHoldback];
        double[] shares = [(1 - holdback) * (1 - fraction), (1 - holdback) * fraction, holdback];
        long total = counts[0] + counts[1] + counts[2];
        if (total == 0)
        {
            return new SplitCheck(null, null);
        }

        SequentialSampleRatioResult test = SequentialSampleRatio.Test(counts, shares, alpha, concentration);
        for (int arm = 0; arm < counts.Length; arm++)
        {
            double expected = total * shares[arm];
            if (counts[arm] == 0 && expected >= emptyArmExpectedUnits)
            {
                return new SplitCheck(test.PValue, $"No units reached the {s_arms[arm]} arm although {RolloutText.Count((long)Math.Round(expected))} of {RolloutText.Count(total)} were expected there");
            }
        }

        if (!test.Mismatch)
        {
            return new SplitCheck(test.PValue, null);
        }

        string observed = $"{RolloutText.Count(counts[0])} not yet, {RolloutText.Count(counts[1])} in, {RolloutText.Count(counts[2])} held back";
        string planned = $"{RolloutText.Share(shares[0])} / {RolloutText.Share(shares[1])} / {RolloutText.Share(shares[2])}";
        return new SplitCheck(test.PValue, $"The split does not match the plan: {observed} against {planned} planned (sequential sample-ratio p = {RolloutText.Probability(test.PValue)}, below {RolloutText.Probability(alpha)})");
    }
}
