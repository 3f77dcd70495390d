namespace FailSmart.Storage.Config;

/// <summary>
/// One move of a guarded rollout, committed as one transaction: the state (compare-and-set on its
/// version), the flag written with the new stage (when it changes what is served), the audit entry and
/// the revision.
/// </summary>
/// <param name="State">The state after the move; its <see cref="RolloutState.Version"/> is the version read (0 for a new rollout).</param>
/// <param name="Action">The audit action, "rollout.advance" and so on.</param>
/// <param name="Actor">Who moves it: "rollout-engine" or a person.</param>
/// <param name="Reason">Why, with the numbers.</param>
/// <param name="Flag">
/// The flag written in the same transaction, with its expected version and the revision it was validated
/// at; null when the move does not change what is served (pause, approve).
/// </param>
public sealed record RolloutTransition(RolloutState State, string Action, string Actor, string Reason, ResourceWrite? Flag = null);
