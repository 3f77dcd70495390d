using FailSmart.Application.Configuration;
using FailSmart.Core.Model;
using FailSmart.Protocol.Configuration;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Rollouts;

/// <summary>Finds every guarded rollout rule (a rollout rule with a plan) in every environment of a configuration.</summary>
internal static class GuardedRules
{
    /// <summary>Every guarded rule, or null when the stored configuration does not load (then nothing is moved).</summary>
    public static IReadOnlyList<GuardedRule>? Find(IReadOnlyList<StoredResource> resources)
    {
        Core.Model.Configuration? configuration = ConfigDocument.Parse(RuleSetDocument.Build(resources, environment: null).ToJsonString()).Configuration;
        if (configuration is null)
        {
            return null;
        }

        return
        [
            .. from flag in configuration.Flags
               from environment in flag.Environments
               from rule in environment.Value.Rules
               where rule.Action is RolloutAction { Plan: not null }
               let action = (RolloutAction)rule.Action
               orderby environment.Key, flag.Key, rule.Id
               select new GuardedRule(new RolloutKey(environment.Key, flag.Key, rule.Id), action, action.Plan!),
        ];
    }
}
