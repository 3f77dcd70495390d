namespace FailSmart.Web.Resources;

/// <summary>One field of a resource form: the top-level property it edits and how.</summary>
/// <param name="Property">The document property, so its problems arrive for "$.property" (or paths below it).</param>
/// <param name="Label">The visible label.</param>
/// <param name="Kind">How the value is edited.</param>
/// <param name="Hint">What to write, shown under the input.</param>
/// <param name="Choices">For <see cref="FormFieldKind.Choice"/>: the values, the first being "not set".</param>
public sealed record FormField(string Property, string Label, FormFieldKind Kind, string? Hint = null, IReadOnlyList<string>? Choices = null)
{
    /// <summary>The JSON path the service reports this field's problems at.</summary>
    public string Path => "$." + Property;

    /// <summary>The input's id (and the prefix of its error's id).</summary>
    public string Id => "field-" + Property;

    /// <summary>Whether a problem at <paramref name="path"/> belongs to this field: the property itself or anything inside it.</summary>
    public bool Owns(string path) =>
        path == Path || path.StartsWith(Path + ".", StringComparison.Ordinal) || path.StartsWith(Path + "[", StringComparison.Ordinal);
}
