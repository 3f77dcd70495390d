namespace FailSmart.Protocol.Results;

/// <summary>A check that found something. <see cref="Severity"/> "red" means the result is not trustworthy; "amber" means read it with care.</summary>
/// <param name="Code">srm, multiple-exposures or experiment-dependency.</param>
/// <param name="Severity">red or amber.</param>
/// <param name="Message">What was found and what to do, in words.</param>
/// <param name="OtherExperiment">For experiment-dependency: the experiment whose assignment this one depends on.</param>
/// <param name="PValue">The test's p-value, when the check is a test.</param>
public sealed record ResultWarning(string Code, string Severity, string Message, string? OtherExperiment = null, double? PValue = null)
{
    public const string Red = "red";
    public const string Amber = "amber";
    public const string SampleRatioMismatch = "srm";
    public const string MultipleExposures = "multiple-exposures";
    public const string ExperimentDependency = "experiment-dependency";
}
