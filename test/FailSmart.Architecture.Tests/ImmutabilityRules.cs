using System.Reflection;
using System.Runtime.CompilerServices;

namespace FailSmart.Architecture.Tests;

/// <summary>What "sealed or immutable" means for a public type, as a predicate the tests can check on samples.</summary>
internal static class ImmutabilityRules
{
    /// <summary>Why a public type breaks the rule, or null when it keeps it.</summary>
    public static string? Violation(Type type)
    {
        if (type.IsInterface || type.IsEnum || typeof(Delegate).IsAssignableFrom(type))
        {
            return null;
        }

        if (type.IsValueType)
        {
            return type.IsDefined(typeof(IsReadOnlyAttribute), inherit: false) ? null : $"{type.FullName} is a struct but not readonly";
        }

        bool isStatic = type.IsAbstract && type.IsSealed;
        if (!type.IsSealed && !type.IsAbstract && !isStatic)
        {
            return $"{type.FullName} is neither sealed nor abstract";
        }

        PropertyInfo? settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .FirstOrDefault(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter));
        if (settable is not null)
        {
            return $"{type.FullName}.{settable.Name} has a public setter (use init)";
        }

        FieldInfo? field = type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .FirstOrDefault(f => !f.IsInitOnly);
        return field is null ? null : $"{type.FullName}.{field.Name} is a public writable field";
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
