using FailSmart.Server.Sync;

namespace FailSmart.Server.Events;

/// <summary>
/// Checks events against this replica's rule set and, when some were refused for naming an experiment, guarded
/// rollout, holdout or variation it lacks, once more against the store's current configuration if that is newer:
/// another replica may have created it a moment ago. SDK batches and historical imports both check this way, so
/// an event one accepts the other accepts too.
/// </summary>
internal static class ConfigurationReread
{
    /// <summary>
    /// The result of <paramref name="check"/> and the rule set it was made with: the replica's own, or the store's
    /// newer one when the first check was refused for configuration.
    /// </summary>
    public static async Task<(T Result, RuleSet RuleSet)> CheckAsync<T>(
        RuleSetCache rules, string environment, Func<RuleSet, Task<(T Result, bool RefusedForConfiguration)>> check, CancellationToken cancellationToken)
    {
        RuleSet ruleSet = await rules.GetAsync(environment, cancellationToken);
        (T result, bool refusedForConfiguration) = await check(ruleSet);
        if (!refusedForConfiguration)
        {
            return (result, ruleSet);
        }

        RuleSet current = await rules.GetCurrentAsync(ruleSet, cancellationToken);
        return current.Revision == ruleSet.Revision ? (result, ruleSet) : ((await check(current)).Result, current);
    }
}
