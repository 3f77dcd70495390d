using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Results.Representativeness;

/// <summary>
/// The cohort a representativeness reading compares: the analysis key its exposures carry, the phase, and its arms,
/// each a set of stored variation indexes (index 0 the control). An experiment's arms are its variations; a guarded
/// rollout's are the two its gates compare.
/// </summary>
/// <param name="Key">The analysis key: an experiment's key, or <c>rollout:{flag}:{rule}</c>.</param>
/// <param name="Phase">The phase to read.</param>
/// <param name="Arms">The arms, the control first.</param>
internal sealed record CohortSubject(string Key, int Phase, IReadOnlyList<CohortArm> Arms)
{
    public static CohortSubject Of(ExperimentSubject experiment) =>
        new(experiment.Key, experiment.Phase, [.. experiment.Variations.Select((v, i) => new CohortArm(v.Key, [i]))]);

    /// <summary>A guarded rollout's stage: the units without the feature against the units in, as its gates read them.</summary>
    public static CohortSubject Rollout(RolloutKey key, int phase) =>
        new(RolloutPlan.AnalysisKey(key.Flag, key.Rule), phase,
            [new CohortArm(RolloutArms.WithoutKey, RolloutArms.Without), new CohortArm(RolloutArms.WithKey, RolloutArms.With)]);
}

/// <summary>One arm of a <see cref="CohortSubject"/>: how readings name it and the stored variation indexes it pools.</summary>
internal sealed record CohortArm(string Key, IReadOnlyList<int> Variations);
