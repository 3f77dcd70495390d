namespace FailSmart.Architecture.Tests;

/// <summary>Core's public types are sealed or immutable, so a rule set cannot change under an evaluation.</summary>
public sealed class CorePublicSurfaceTests
{
    [Fact]
    public void Every_public_type_in_Core_is_sealed_or_immutable()
    {
        string[] violations = [.. SourceProjects.Load("FailSmart.Core").GetExportedTypes()
            .Select(ImmutabilityRules.Violation)
            .OfType<string>()];

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Rule_accepts_sealed_records_readonly_structs_and_static_classes()
    {
        ImmutabilityRules.Violation(typeof(SampleRecord)).ShouldBeNull();
        ImmutabilityRules.Violation(typeof(SampleReadonlyStruct)).ShouldBeNull();
        ImmutabilityRules.Violation(typeof(SampleStatic)).ShouldBeNull();
    }

    [Fact]
    public void Rule_rejects_open_classes_mutable_properties_and_mutable_structs()
    {
        ImmutabilityRules.Violation(typeof(SampleOpen)).ShouldNotBeNull().ShouldContain("neither sealed nor abstract");
        ImmutabilityRules.Violation(typeof(SampleSetter)).ShouldNotBeNull().ShouldContain("public setter");
        ImmutabilityRules.Violation(typeof(SampleMutableStruct)).ShouldNotBeNull().ShouldContain("not readonly");
    }

    public sealed record SampleRecord(int Value);

    public readonly record struct SampleReadonlyStruct(int Value);

    public static class SampleStatic;

#pragma warning disable CA1034, CA1051, CA1852 // deliberately bad samples
    public class SampleOpen;

    public sealed class SampleSetter
    {
        public int Value { get; set; }
    }

    public struct SampleMutableStruct
    {
        public int Value;
    }
#pragma warning restore CA1034, CA1051, CA1852
}
