namespace FailSmart.Protocol.Results;

/// <summary>Two-sided power at the units analysed so far, for a term of the planned size.</summary>
/// <param name="MainEffect">The power to detect a main effect.</param>
/// <param name="Interaction">The power to detect a two-way interaction.</param>
public sealed record FactorialPowerResponse(double MainEffect, double Interaction);
