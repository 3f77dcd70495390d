using System.Text.RegularExpressions;

namespace FailSmart.Cli.Scanning;

/// <summary>
/// The flag-reading calls FailSmart knows in C#, Razor, TypeScript and JavaScript. Only a string literal followed by
/// the end of the argument counts (<c>GetBool("a" + x, …)</c> does not), so a computed key is never half-read, and the key
/// must look like a FailSmart key, which keeps look-alike calls (<c>resources.GetString("Hello there")</c>) out.
/// </summary>
internal static partial class BuiltInScanPatterns
{
    // A FailSmart resource key (ResourceKeys): a letter or digit, then letters, digits, '.', '_', ':' or '-'.
    private const string Key = "(?<key>[A-Za-z0-9][A-Za-z0-9._:-]{0,127})";
    private const string Generic = @"(?:<[^<>()]*>)?";
    private const string Named = @"(?:\w+\s*:\s*)?";

    // C#: the FailSmart client (GetBool…GetJsonDetail, a default value always follows the key), OpenFeature
    // (GetBooleanValueAsync…GetObjectDetailsAsync), Microsoft.FeatureManagement (IsEnabledAsync, GetVariantAsync,
    // [FeatureGate], <feature name> in Razor).
    private const string CSharp =
        @"\b(?:Get(?:Bool|String|Number|Json)(?:Detail)?|Get(?:Boolean|String|Integer|Double|Object)(?:Value|Details)(?:Async)?)" + Generic +
        @"\s*\(\s*" + Named + "@?\"" + Key + "\"\\s*," +
        @"|\b(?:IsEnabledAsync|GetVariantAsync)" + Generic + @"\s*\(\s*" + Named + "@?\"" + Key + "\"\\s*[,)]" +
        @"|\bFeatureGate(?:Attribute)?\s*\(\s*(?:(?:[\w.]*\.)?RequirementType\.\w+\s*,\s*)?" + Named + "@?\"" + Key + "\"(?:\\s*,\\s*@?\"" + Key + "\")*\\s*[,)]" +
        @"|<feature\b[^>]*?\bname\s*=\s*(?<q>[""'])\s*" + Key + @"(?:\s*,\s*" + Key + @")*\s*\k<q>";

    // TypeScript and JavaScript: OpenFeature (getBooleanValue…getObjectDetails, a default value follows), GrowthBook
    // (isOn, isOff, getFeatureValue, evalFeature; React useFeatureIsOn, useFeatureValue, useFeature, <IfFeatureEnabled>,
    // <FeatureString>), OpenFeature React (useFlag, useBooleanFlagValue…useObjectFlagDetails).
    private const string Quoted = "(?<q>['\"`])" + Key + @"\k<q>";
    private const string Script =
        @"\bget(?:Boolean|String|Number|Object)(?:Value|Details)" + Generic + @"\s*\(\s*" + Quoted + @"\s*," +
        @"|\b(?:isOn|isOff|getFeatureValue|evalFeature|useFeatureIsOn|useFeatureValue|useFeature|useFlag|use(?:Boolean|String|Number|Object)Flag(?:Value|Details))" +
        Generic + @"\s*\(\s*" + Quoted + @"\s*[,)]" +
        @"|<(?:IfFeatureEnabled|FeatureString)\b[^>]*?\bfeature\s*=\s*(?:\{\s*)?" + Quoted;

    public static readonly IReadOnlySet<string> CSharpExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".cs", ".razor", ".cshtml" };

    public static readonly IReadOnlySet<string> ScriptExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".vue", ".svelte" };

    public static IReadOnlyList<ScanPattern> All { get; } =
    [
        new("C#", CSharpRegex(), CSharpRegex().GroupNumberFromName("key"), CSharpExtensions),
        new("TypeScript/JavaScript", ScriptRegex(), ScriptRegex().GroupNumberFromName("key"), ScriptExtensions),
    ];

    [GeneratedRegex(CSharp, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex CSharpRegex();

    [GeneratedRegex(Script, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ScriptRegex();
}
