using System.Text.RegularExpressions;

namespace FailSmart.Cli.Scanning;

/// <summary>
/// One regular expression that finds flag keys: every capture of its key group (a pattern may capture several
/// keys, as <c>[FeatureGate("a", "b")]</c> does) is a reference. <paramref name="Extensions"/> null: every file.
/// </summary>
internal sealed record ScanPattern(string Name, Regex Regex, int KeyGroup, IReadOnlySet<string>? Extensions)
{
    public bool AppliesTo(string extension) => Extensions is null || Extensions.Contains(extension);
}
