using FailSmart.Application.Learning;
using FailSmart.Storage.Config;

namespace FailSmart.Web.Learning;

/// <summary>A glossary term as its form holds it.</summary>
public sealed class GlossaryFormModel
{
    public string Term { get; set; } = "";

    public string Meaning { get; set; } = "";

    public string Origin { get; set; } = "";

    public static GlossaryFormModel From(GlossaryDraft draft) => new() { Term = draft.Term, Meaning = draft.Meaning, Origin = draft.Origin };

    public GlossaryInput ToInput() => new(Term, Meaning, Origin);
}
