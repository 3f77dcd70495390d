using FailSmart.Core.Model;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Application.Configuration;

/// <summary>
/// A guarded rollout's metrics must be metric definitions that exist and are not archived: metric
/// definitions are not part of the rule set, so Core cannot see them.
/// </summary>
internal static class RolloutPlanMetrics
{
    public static IEnumerable<FieldProblem> Check(Flag flag, IReadOnlyList<StoredResource> configuration)
    {
        var metrics = configuration.Where(r => r.Kind == ResourceKind.Metric && !r.Archived).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        foreach ((string environment, FlagEnvironment state) in flag.Environments)
        {
            for (int r = 0; r < state.Rules.Count; r++)
            {
                if (state.Rules[r].Action is not RolloutAction { Plan: { } plan })
                {
                    continue;
                }

                for (int m = 0; m < plan.Metrics.Count; m++)
                {
                    string key = plan.Metrics[m].Key;
                    if (!metrics.Contains(key))
                    {
                        string path = Property(Index(Property(Property(Property(Index(Property(Property("$.environments", environment), "rules"), r), "rollout"), "plan"), "metrics"), m), "key");
                        yield return new FieldProblem(path, $"There is no metric '{key}'.", "Define the metric first (POST /api/v1/metrics), fix the key, or remove it from the plan.");
                    }
                }
            }
        }
    }
}
