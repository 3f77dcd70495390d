using FailSmart.Application.Learning;
using FailSmart.Storage.Config;

namespace FailSmart.Web.Learning;

/// <summary>A lesson as its form holds it: plain text, lists separated by spaces or commas, links one per line.</summary>
public sealed class LessonFormModel
{
    public string SubjectKind { get; set; } = "experiment";

    public string SubjectKey { get; set; } = "";

    public string Title { get; set; } = "";

    public string Expected { get; set; } = "";

    public string Happened { get; set; } = "";

    public string Why { get; set; } = "";

    public string NextTime { get; set; } = "";

    public string Tags { get; set; } = "";

    public string Metrics { get; set; } = "";

    public string Markets { get; set; } = "";

    public string Links { get; set; } = "";

    public static LessonFormModel From(LessonDraft draft) => new()
    {
        SubjectKind = draft.SubjectKind,
        SubjectKey = draft.SubjectKey,
        Title = draft.Title,
        Expected = draft.Expected,
        Happened = draft.Happened,
        Why = draft.Why,
        NextTime = draft.NextTime,
        Tags = string.Join(' ', draft.Tags),
        Metrics = string.Join(' ', draft.Metrics),
        Markets = string.Join(' ', draft.Markets),
        Links = string.Join('\n', draft.Links),
    };

    public LessonInput ToInput() =>
        new(SubjectKind, SubjectKey, Title, Expected, Happened, Why, NextTime, Split(Tags, " ,"), Split(Metrics, " ,"), Split(Markets, " ,"), Split(Links, "\n"));

    private static string?[] Split(string text, string separators) =>
        text.Split([.. separators, '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
