namespace FailSmart.Core.Model;

/// <summary>
/// A flag's state in one environment. When on, rules are tried in order and the first that
/// applies serves; otherwise the default variation. When off, the off variation.
/// </summary>
public sealed record FlagEnvironment(bool Enabled, IReadOnlyList<Rule> Rules, string OffVariation, string DefaultVariation);
