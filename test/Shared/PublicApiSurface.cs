using System.Reflection;
using System.Text;

namespace FailSmart.Testing;

/// <summary>
/// Describes an assembly's public surface as sorted text (types, then their members), for approval
/// tests that pin a library's API: a change shows up as a diff against a committed .approved.txt.
/// </summary>
internal static class PublicApiSurface
{
    /// <summary>Compares the surface with the approved file; on a difference writes .received.txt beside it and fails.</summary>
    public static void ShouldMatchApproved(Assembly assembly, string approvedPath)
    {
        string actual = Describe(assembly);
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : "";
        if (actual != approved)
        {
            File.WriteAllText(approvedPath.Replace(".approved.txt", ".received.txt", StringComparison.Ordinal), actual);
        }

        actual.ShouldBe(approved, "The public API changed; review the .received.txt file and replace the approved file if intended.");
    }

    public static string Describe(Assembly assembly)
    {
        var sb = new StringBuilder();
        foreach (Type type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
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
