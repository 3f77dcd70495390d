namespace FailSmart.Protocol.Results;

/// <summary>
/// Present when the experiment is a factorial launch: the features it crosses and the plan for its primary metric.
/// Each metric's own factorial reading is in <see cref="MetricResultResponse.Factorial"/>.
/// </summary>
/// <param name="Features">The features (flag keys), in the launch's order.</param>
/// <param name="Plan">Units needed to detect a main effect and a two-way interaction of the primary metric's minimum effect; null when the primary metric has no data to plan from yet.</param>
public sealed record FactorialLaunchResponse(IReadOnlyList<string> Features, FactorialPlanResponse? Plan = null);
