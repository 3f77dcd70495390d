using FailSmart.Core.Model;

namespace FailSmart.Application.Collisions;

/// <summary>
/// Something that assigns units and measures them, as one flag rule in one environment serves it: a
/// running experiment, or a guarded rollout that still serves its feature. A factorial launch is one trial
/// per flag rule that serves it, under one key, so it reaches the units any of its flags reaches.
/// </summary>
/// <param name="Key">The experiment key, or the rollout's analysis key (<see cref="RolloutPlan.AnalysisKey"/>).</param>
/// <param name="Kind">"experiment" or "rollout".</param>
/// <param name="Flag">The flag whose rule runs it.</param>
/// <param name="RuleId">That rule.</param>
/// <param name="HashAttribute">The unit attribute it assigns by.</param>
/// <param name="Layer">Its layer allocation (experiments only).</param>
/// <param name="Experiment">The experiment, for an experiment.</param>
internal sealed record Trial(string Key, string Kind, string Flag, string RuleId, string HashAttribute, LayerAllocation? Layer, Experiment? Experiment)
{
    public required TargetingFacts Audience { get; init; }

    public string Name => Kind != "experiment" ? $"the guarded rollout of flag '{Flag}' (rule '{RuleId}')"
        : Experiment?.Factorial is null ? $"experiment '{Key}'" : $"factorial launch '{Key}'";
}
