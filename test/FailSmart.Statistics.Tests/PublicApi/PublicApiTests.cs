using System.Reflection;
using System.Text;
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
        string actual = Describe();
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : "";
        if (actual != approved)
        {
            File.WriteAllText(approvedPath.Replace(".approved.txt", ".received.txt", StringComparison.Ordinal), actual);
        }

        actual.ShouldBe(approved, "The public API changed; review the .received.txt file and replace the approved file if intended.");
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

    private static string Describe()
    {
        var sb = new StringBuilder();
        foreach (Type type in s_assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            string kind = type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";
            sb.Append(kind).Append(' ').AppendLine(type.FullName);
            if (type.IsEnum)
            {
                foreach (string name in Enum.GetNames(type))
                {
                    sb.Append("  ").AppendLine(name);
                }

                continue;
            }

            var members = new List<string>();
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (MemberInfo m in type.GetMembers(Flags))
            {
                string? line = m switch
                {
                    ConstructorInfo c => $"ctor({Parameters(c)})",
                    MethodInfo mi when !mi.IsSpecialName && !IsRecordPlumbing(mi.Name) => $"{(mi.IsStatic ? "static " : "")}{TypeName(mi.ReturnType)} {mi.Name}({Parameters(mi)})",
                    PropertyInfo p when p.Name != "EqualityContract" => $"{(p.GetMethod?.IsStatic == true ? "static " : "")}{TypeName(p.PropertyType)} {p.Name}",
                    FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{TypeName(f.FieldType)} {f.Name}",
                    _ => null,
                };
                if (line is not null)
                {
                    members.Add(line);
                }
            }

            foreach (string line in members.Order(StringComparer.Ordinal))
            {
                sb.Append("  ").AppendLine(line);
            }
        }

        return sb.ToString();
    }

    private static bool IsRecordPlumbing(string name) =>
        name is "Equals" or "GetHashCode" or "ToString" or "PrintMembers" or "<Clone>$" or "Deconstruct";

    private static string Parameters(MethodBase m) =>
        string.Join(", ", m.GetParameters().Select(p => $"{TypeName(p.ParameterType)} {p.Name}"));

    private static string TypeName(Type t)
    {
        if (Nullable.GetUnderlyingType(t) is { } inner)
        {
            return TypeName(inner) + "?";
        }

        if (t.IsArray)
        {
            return TypeName(t.GetElementType()!) + "[]";
        }

        if (!t.IsGenericType)
        {
            return t.Name;
        }

        string name = t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", t.GetGenericArguments().Select(TypeName))}>";
    }
}
