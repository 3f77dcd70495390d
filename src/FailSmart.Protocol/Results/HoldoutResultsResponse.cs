namespace FailSmart.Protocol.Results;

/// <summary>
/// `GET /api/v1/holdouts/{key}/results`: the long-term comparison of a holdout. <see cref="Results"/> is the
/// experiment-style analysis of the exposures keyed <see cref="AnalysisKey"/>: variation 0 "held-out"
/// (the control) and variation 1 "exposed", so each metric's lift is the effect of everything shipped
/// in the holdout's scope, with its always-valid interval.
/// </summary>
/// <param name="Holdout">The holdout key.</param>
/// <param name="Environment">The environment analysed.</param>
/// <param name="AnalysisKey">"holdout:" and the key: what the exposures carry as their experiment.</param>
/// <param name="HeldOutPercentage">The share of units the holdout reserves, in percent.</param>
/// <param name="Since">The first recorded holdout exposure; null when there is none yet.</param>
/// <param name="Results">The analysis, as for an experiment.</param>
public sealed record HoldoutResultsResponse(
    string Holdout,
    string Environment,
    string AnalysisKey,
    double HeldOutPercentage,
    DateTimeOffset? Since,
    ExperimentResultsResponse Results);
