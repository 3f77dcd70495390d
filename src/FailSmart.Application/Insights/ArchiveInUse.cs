using FailSmart.Application.Problems;

namespace FailSmart.Application.Insights;

/// <summary>Recognises the refusal to archive a flag still evaluated, so a page can ask to confirm it with a reason.</summary>
public static class ArchiveInUse
{
    public const string Title = "The flag is still evaluated.";

    public static bool Is(ServiceProblem? problem) => problem is { Status: 409, Title: Title };
}
