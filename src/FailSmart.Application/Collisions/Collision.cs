namespace FailSmart.Application.Collisions;

/// <summary>
/// Two trials (or a trial and a holdout) that can reach the same units in one environment, so each one's
/// result carries the other's effect: the story of a test cohort that was already in another trial.
/// </summary>
/// <param name="Environment">Where both run.</param>
/// <param name="Trial">The trial checked: an experiment key or a rollout's analysis key.</param>
/// <param name="OtherKind">"experiment", "rollout" or "holdout".</param>
/// <param name="Other">The other's key (a rollout's analysis key for a rollout).</param>
/// <param name="Attribute">The unit attribute both assign by.</param>
/// <param name="Why">Why they can share units, in one sentence.</param>
/// <param name="Separate">What would keep them apart.</param>
public sealed record Collision(string Environment, string Trial, string OtherKind, string Other, string Attribute, string Why, string Separate);
