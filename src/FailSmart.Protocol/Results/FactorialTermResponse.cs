namespace FailSmart.Protocol.Results;

/// <summary>One term of a factorial launch's model: a feature's main effect, or an interaction of several features.</summary>
/// <param name="Name">The feature, or the features joined by " × ".</param>
/// <param name="Features">The features the term multiplies: one for a main effect, two or more for an interaction.</param>
/// <param name="Order">1 for a main effect, 2 for a two-way interaction, and so on.</param>
/// <param name="Effect">The estimate, interval and p-value. A two-way interaction is the difference between one feature's effect with the other on and with it off.</param>
/// <param name="Contribution">What this term adds to the bundle's effect (all on against all off): the main effect itself, nothing for a two-way interaction (it changes the mixed cells, not these two), a quarter of a three-way one.</param>
/// <param name="Reading">helps, hurts or unclear: whether the interval lies wholly on the metric's good side, wholly on its bad side, or neither.</param>
public sealed record FactorialTermResponse(string Name, IReadOnlyList<string> Features, int Order, FactorialEffectResponse Effect, double Contribution, string Reading);
