using FailSmart.Storage.Config;

namespace FailSmart.Web.Resources;

/// <summary>How the UI presents one kind of shared resource: its names, what it is for, and its form's fields.</summary>
/// <param name="Kind">The resource kind the services take.</param>
/// <param name="Segment">The URL segment ("segments").</param>
/// <param name="Plural">The page title ("Segments").</param>
/// <param name="Singular">How one is named in sentences ("segment").</param>
/// <param name="Purpose">What the kind is for: the empty list teaches it.</param>
/// <param name="Fields">The form's fields besides key and tags.</param>
/// <param name="Starter">The document a new one starts from, so the form shows a working example.</param>
public sealed record ResourceForm(
    ResourceKind Kind, string Segment, string Plural, string Singular, string Purpose, IReadOnlyList<FormField> Fields, string Starter)
{
    /// <summary>Fields shown for every kind.</summary>
    public static FormField Key { get; } = new("key", "Key", FormFieldKind.Text, "Letters, digits, '.', '_', ':' or '-'. Keys cannot be renamed later.");

    public static FormField Tags { get; } = new("tags", "Tags", FormFieldKind.Lines, "One a line; lists can be filtered by tag.");

    /// <summary>Key, the kind's own fields, then tags: every field the form shows.</summary>
    public IEnumerable<FormField> AllFields => [Key, .. Fields, Tags];
}
