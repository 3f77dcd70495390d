using System.Diagnostics.CodeAnalysis;

namespace FailSmart.Core.Values;

/// <summary>The JSON type of a <see cref="DataValue"/>.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are the JSON type names.")]
public enum DataValueKind
{
    /// <summary>JSON null; also what a missing attribute reads as.</summary>
    Null = 0,
    Boolean,
    Number,
    String,
    Array,
    Object,
}
