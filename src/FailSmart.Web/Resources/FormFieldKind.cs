namespace FailSmart.Web.Resources;

/// <summary>How a form field edits its property of the resource document.</summary>
public enum FormFieldKind
{
    /// <summary>A string; empty leaves the property out.</summary>
    Text,

    /// <summary>A string from a fixed list.</summary>
    Choice,

    /// <summary>A number; text that is not one is sent as it is, so the service names the problem.</summary>
    Number,

    /// <summary>An array of strings, one a line.</summary>
    Lines,

    /// <summary>Any JSON value (a condition, a scope), edited as text.</summary>
    Json,

    /// <summary>A bucket span [from, to) as two numbers.</summary>
    Span,
}
