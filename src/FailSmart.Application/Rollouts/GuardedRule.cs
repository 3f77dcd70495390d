using FailSmart.Core.Model;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Rollouts;

/// <summary>A rollout rule with a plan, as the configuration holds it now.</summary>
/// <param name="Key">Environment, flag and rule.</param>
/// <param name="Action">The rule's action: the stage it serves and its plan.</param>
/// <param name="Plan">The plan.</param>
public sealed record GuardedRule(RolloutKey Key, RolloutAction Action, RolloutPlan Plan);
