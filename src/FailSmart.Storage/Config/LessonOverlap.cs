namespace FailSmart.Storage.Config;

/// <summary>Tags, metrics and markets a lesson may share with what someone is planning.</summary>
public sealed record LessonOverlap(IReadOnlyList<string> Tags, IReadOnlyList<string> Metrics, IReadOnlyList<string> Markets)
{
    public bool IsEmpty => Tags.Count == 0 && Metrics.Count == 0 && Markets.Count == 0;
}
