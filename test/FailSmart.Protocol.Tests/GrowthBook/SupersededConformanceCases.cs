namespace FailSmart.Protocol.Tests.GrowthBook;

/// <summary>
/// Cases of GrowthBook's shared cross-SDK suite (spec 0.8.0) whose expected result the SDK FailSmart
/// follows (the JavaScript SDK 1.8.0) no longer gives, each with the reason. The conformance tests
/// skip exactly these, and a test checks against the SDK itself that this is exactly the set that
/// differs. Empty: the SDK still agrees with every evalCondition case.
/// </summary>
internal static class SupersededConformanceCases
{
    public static IReadOnlyDictionary<string, string> EvalCondition { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
