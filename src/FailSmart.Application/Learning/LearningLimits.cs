namespace FailSmart.Application.Learning;

/// <summary>Bounds on what a lesson or term may hold, so one cannot fill the store or the page.</summary>
public static class LearningLimits
{
    public const int MaxTitle = 200;
    public const int MaxText = 10_000;
    public const int MaxListItems = 20;
    public const int MaxSlug = 50;
    public const int MaxLink = 2_000;
    public const int MaxTerm = 100;
}
