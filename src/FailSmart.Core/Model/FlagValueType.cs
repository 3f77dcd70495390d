using System.Diagnostics.CodeAnalysis;

namespace FailSmart.Core.Model;

/// <summary>The type every variation of a flag must have.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are the JSON type names.")]
public enum FlagValueType
{
    Boolean,
    String,
    Number,
    Json,
}
