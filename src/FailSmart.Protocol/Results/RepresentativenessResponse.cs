namespace FailSmart.Protocol.Results;

/// <summary>
/// How well an experiment's cohort stands for a target population: the mix of each attribute against the target's
/// (most different first), and each metric's effect reweighted to the target next to the plain effect
/// (GET /api/v1/experiments/{key}/representativeness).
/// </summary>
/// <param name="Experiment">The experiment key.</param>
/// <param name="Environment">The environment analysed.</param>
/// <param name="Phase">The phase analysed.</param>
/// <param name="Target">Where the target's units per stratum come from.</param>
/// <param name="Attributes">Per attribute, the cohort's mix against the target's, the most different first.</param>
/// <param name="Effects">Per metric, attribute and treatment, the effect reweighted to the target.</param>
/// <param name="Notes">What could not be compared or reweighted, and why.</param>
public sealed record RepresentativenessResponse(
    string Experiment,
    string Environment,
    int Phase,
    RepresentativenessTarget Target,
    IReadOnlyList<CohortMixResponse> Attributes,
    IReadOnlyList<ReweightedEffectResponse> Effects,
    IReadOnlyList<string> Notes);
