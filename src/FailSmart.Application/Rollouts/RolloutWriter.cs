using System.Text.Json;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Rollouts;

/// <summary>
/// Commits a rollout transition. When it changes what the flag serves, the edited flag is validated
/// against the whole configuration and written in the transition's own transaction at that revision,
/// like every other write; if another change commits in between, it validates again.
/// </summary>
internal sealed class RolloutWriter(IConfigStore config, IRolloutStore rollouts, ValidatedWriter validated, RolloutEngineOptions options)
{
    private const int Attempts = 5;

    /// <summary>The outcome, or the problem that kept the edited flag from being valid (nothing written then).</summary>
    public async Task<(RolloutTransitionOutcome? Outcome, ServiceProblem? Invalid)> CommitAsync(
        RolloutTransition transition, Func<string, string?>? editFlag, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            RolloutTransition toCommit = transition;
            if (editFlag is not null)
            {
                var (resources, revision) = await config.SnapshotAsync(cancellationToken);
                StoredResource? flag = resources.FirstOrDefault(r => r.Kind == ResourceKind.Flag && r.Key == transition.State.Key.Flag);
                string? document = flag is null ? null : editFlag(flag.Document);
                if (flag is null || document is null)
                {
                    return (new RolloutTransitionOutcome(RolloutTransitionStatus.FlagChanged, null, 0), null);
                }

                using JsonDocument parsed = JsonDocument.Parse(document);
                if (validated.ValidateAgainst(resources, ResourceKind.Flag, flag.Key, parsed.RootElement) is { } invalid)
                {
                    return (null, invalid);
                }

                toCommit = transition with
                {
                    Flag = new ResourceWrite(ResourceKind.Flag, flag.Key, document, flag.Tags, flag.Version, transition.Actor, transition.Reason,
                        transition.State.Key.Environment, revision),
                };
            }

            if (options.TestCommitPause > TimeSpan.Zero)
            {
                // Only for kill tests: widens the moment between reading and committing, so a kill lands inside it.
                await Task.Delay(TimeSpan.FromTicks(Random.Shared.NextInt64(options.TestCommitPause.Ticks)), cancellationToken);
            }

            RolloutTransitionOutcome outcome = await rollouts.TransitionRolloutAsync(toCommit, cancellationToken);
            if (outcome.Status == RolloutTransitionStatus.Committed)
            {
                validated.Publish(outcome.Revision);
            }

            if (outcome.Status != RolloutTransitionStatus.ConfigurationChanged)
            {
                return (outcome, null);
            }
        }

        return (new RolloutTransitionOutcome(RolloutTransitionStatus.ConfigurationChanged, null, 0), null);
    }
}
