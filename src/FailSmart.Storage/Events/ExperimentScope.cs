namespace FailSmart.Storage.Events;

/// <summary>One phase of one experiment, analysed as of a moment.</summary>
/// <param name="Environment">The environment key.</param>
/// <param name="ExperimentKey">The experiment.</param>
/// <param name="Phase">The phase; units are never compared across phases.</param>
/// <param name="AsOf">
/// Exposures and events after this moment are ignored, so a result can be reproduced later; retention
/// counts only units whose day N ended by then.
/// </param>
public sealed record ExperimentScope(string Environment, string ExperimentKey, int Phase, DateTimeOffset AsOf);
