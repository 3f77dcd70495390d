using System.Reflection;
using FailSmart.Testing;

namespace FailSmart.Statistics.Tests.PublicApi;

/// <summary>
/// Pins the public surface of FailSmart.Statistics (the approach of Serilog's approval test): any
/// change to it shows up as a diff against PublicApi/FailSmart.Statistics.approved.txt, and the
/// public types stay immutable (records, readonly structs, static classes, enums).
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Assembly s_assembly = typeof(WelchTest).Assembly;

    [Fact]
    public void PublicApi_matches_the_approved_surface()
    {
        string approvedPath = Path.Combine(RepositoryRoot.Find(), "test", "FailSmart.Statistics.Tests", "PublicApi", "FailSmart.Statistics.approved.txt");
        PublicApiSurface.ShouldMatchApproved(s_assembly, approvedPath);
    }

    [Fact]
    public void PublicApi_types_are_immutable()
    {
        foreach (Type type in s_assembly.GetExportedTypes())
        {
            if (type.IsEnum || (type.IsAbstract && type.IsSealed))
            {
                continue;
            }

            (type.IsValueType || type.IsSealed).ShouldBeTrue($"{type.Name} must be sealed or a struct.");
            foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                MethodInfo? setter = p.SetMethod;
                bool initOnly = setter?.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ?? true;
                (setter is null || !setter.IsPublic || initOnly).ShouldBeTrue($"{type.Name}.{p.Name} must not have a public setter.");
            }
        }
    }
}
