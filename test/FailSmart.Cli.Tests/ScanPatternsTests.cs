using FailSmart.Cli.Scanning;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>The built-in patterns: each way a flag is read in C#, Razor, TypeScript and JavaScript, and what must not count.</summary>
public sealed class ScanPatternsTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(".cs", "flags.GetBool(\"a\", false)", "a")]
    [InlineData(".cs", "flags.GetString(\"a\", \"x\"); flags.GetNumber(\"b\", 1); flags.GetJson(\"c\", DataValue.Null)", "a b c")]
    [InlineData(".cs", "flags.GetBoolDetail(\"a\", false); flags.GetStringDetail(\"b\", \"\"); flags.GetNumberDetail(\"c\", 0); flags.GetJsonDetail(\"d\", v)", "a b c d")]
    [InlineData(".cs", "flags.GetBool(flagKey: \"a\", defaultValue: false, user)", "a")]
    [InlineData(".cs", "flags.GetBool(@\"a\", false)", "a")]
    [InlineData(".cs", "await client.GetBooleanValueAsync(\"a\", false); await client.GetStringDetailsAsync(\"b\", \"\")", "a b")]
    [InlineData(".cs", "client.GetIntegerValue(\"a\", 1); client.GetDoubleDetails(\"b\", 0.5); client.GetObjectValueAsync(\"c\", v)", "a b c")]
    [InlineData(".cs", "await features.IsEnabledAsync(\"a\"); await features.IsEnabledAsync<Ctx>(\"b\", ctx); await features.GetVariantAsync(\"c\", ct)", "a b c")]
    [InlineData(".cs", "[FeatureGate(\"a\")] [Authorize, FeatureGate(RequirementType.All, \"b\", \"c\")] [FeatureGateAttribute(\"d\")]", "a b c d")]
    [InlineData(".cs", "flags.GetBool(\n    \"a:b.c_d-e\",\n    false)", "a:b.c_d-e")]
    [InlineData(".razor", "<feature name=\"a\">x</feature> <feature negate=\"true\" name='b, c'>y</feature>", "a b c")]
    [InlineData(".cshtml", "@if (Flags.GetBool(\"a\", false)) { <feature name=\"b\"></feature> }", "a b")]
    [InlineData(".ts", "client.getBooleanValue('a', false); client.getStringDetails(\"b\", ''); client.getNumberValue(`c`, 0); client.getObjectDetails('d', {})", "a b c d")]
    [InlineData(".tsx", "gb.isOn('a'); gb.isOff(\"b\"); gb.getFeatureValue<string>('c', 'x'); gb.evalFeature('d')", "a b c d")]
    [InlineData(".jsx", "useFeatureIsOn('a'); useFeatureValue('b', 1); useFeature('c'); useFlag('d', false); useBooleanFlagValue('e', false); useNumberFlagDetails('f', 0)", "a b c d e f")]
    [InlineData(".jsx", "<IfFeatureEnabled feature=\"a\"><X/></IfFeatureEnabled><FeatureString feature={'b'} default=\"x\" />", "a b")]
    [InlineData(".mjs", "if (gb.isOn( 'a' )) {}", "a")]
    [InlineData(".vue", "const on = gb.isOn('a')", "a")]
    public void Each_built_in_way_of_reading_a_flag_is_found(string extension, string code, string keys)
    {
        Scan(extension, code).Select(r => r.Key).ShouldBe(keys.Split(' '));
    }

    [Theory]
    [InlineData(".cs", "flags.GetBool(\"prefix-\" + suffix, false)")]
    [InlineData(".cs", "flags.GetBool($\"flag-{suffix}\", false)")]
    [InlineData(".cs", "flags.GetBool(Flags.Checkout, false)")]
    [InlineData(".cs", "flags.GetBool(nameof(Checkout), false)")]
    [InlineData(".cs", "resources.GetString(\"Hello there\", culture); reader.GetString(\"name\")")]
    [InlineData(".cs", "flags.MyGetBool(\"a\", false)")]
    [InlineData(".ts", "gb.isOn(key); gb.isOn('a' + b); gb.isOn(`a-${b}`); client.getBooleanValue(flags.checkout, false)")]
    [InlineData(".ts", "gb.isOn('a\")")]
    [InlineData(".py", "gb.isOn('a')")]
    [InlineData(".cs", "gb.isOn('a')")]
    public void Computed_keys_look_alike_calls_and_other_languages_are_not_found(string extension, string code)
    {
        Scan(extension, code).ShouldBeEmpty();
    }

    [Fact]
    public void Line_and_column_point_at_the_keys_first_character_on_each_line()
    {
        Scan(".ts", "\n\n  gb.isOn('a');\n\tgb.isOn('b'); gb.isOff('c')\r\n  gb.isOn('a')")
            .Select(r => $"{r.Key}@{r.Line}:{r.Column}")
            .ShouldBe(["a@3:12", "b@4:11", "c@4:26", "a@5:12"]);
    }

    [Fact]
    public void A_custom_pattern_finds_keys_in_any_text_file_and_a_binary_file_is_passed_over()
    {
        ScanPattern pattern = CustomScanPattern.Create("--pattern", """flag\(:([a-z-]+)\)""", out string? problem)!;
        problem.ShouldBeNull();
        File.WriteAllText(Path.Combine(_folder.Path, "app.rb"), "if flag(:dark-mode)\n  flag(:beta)\nend\n");
        File.WriteAllText(Path.Combine(_folder.Path, "blob.bin"), "flag(:hidden)\0\0");

        SourceScanResult result = new SourceScanner(new ScanSettings([pattern], ScanGlobs.None, ScanGlobs.None), 1).Scan(_folder.Path, TestContext.Current.CancellationToken);

        result.References.ShouldBe([new FlagReference("dark-mode", "app.rb", 1, 10), new FlagReference("beta", "app.rb", 2, 9)]);
        result.FilesScanned.ShouldBe(1);
    }

    [Fact]
    public void Two_patterns_that_find_the_same_key_at_the_same_place_make_one_reference()
    {
        ScanPattern pattern = CustomScanPattern.Create("--pattern", """isOn\('([a-z]+)'\)""", out _)!;
        File.WriteAllText(Path.Combine(_folder.Path, "a.ts"), "gb.isOn('a')\n");

        SourceScanResult result = new SourceScanner(new ScanSettings([pattern], ScanGlobs.None, ScanGlobs.None), 1).Scan(_folder.Path, TestContext.Current.CancellationToken);

        result.References.ShouldBe([new FlagReference("a", "a.ts", 1, 10)]);
    }

    [Fact]
    public void Parallel_and_sequential_scans_find_the_same_references_in_the_same_order()
    {
        for (int i = 0; i < 200; i++)
        {
            string folder = Path.Combine(_folder.Path, $"m{i % 7}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"f{i}.cs"), $"flags.GetBool(\"flag-{i % 13}\", false);\nflags.GetBool(\"flag-{i % 5}\", true);\n");
        }

        var settings = new ScanSettings([], ScanGlobs.None, ScanGlobs.None);
        SourceScanResult one = new SourceScanner(settings, 1).Scan(_folder.Path, TestContext.Current.CancellationToken);
        SourceScanResult four = new SourceScanner(settings, 4).Scan(_folder.Path, TestContext.Current.CancellationToken);

        one.References.Count.ShouldBe(400);
        four.References.ShouldBe(one.References);
        one.References.Select(r => r.File).ShouldBe(one.References.Select(r => r.File).Order(StringComparer.Ordinal));
    }

    private List<FlagReference> Scan(string extension, string code)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "code" + extension), code);
        SourceScanResult result = new SourceScanner(new ScanSettings([], ScanGlobs.None, ScanGlobs.None), 1).Scan(_folder.Path, TestContext.Current.CancellationToken);
        result.Problems.ShouldBeEmpty();
        return [.. result.References];
    }
}
