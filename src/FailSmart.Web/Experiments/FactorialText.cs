using FailSmart.Protocol.Results;

namespace FailSmart.Web.Experiments;

/// <summary>A factorial launch's codes in words.</summary>
public static class FactorialText
{
    public static string Recommendation(string? recommendation) => recommendation switch
    {
        "ship-separately" => "Ship the features separately",
        "ship-helping" => "Ship the features that help",
        "ship-none" => "Ship none of them as they are",
        "inconclusive" => "No feature's effect is clear yet",
        FactorialMetricResponse.DoNotTrust => "Do not trust: fix and restart",
        _ => recommendation ?? "",
    };

    public static string TermLabel(FactorialTermResponse term) => term.Order == 1 ? $"{term.Name} (on against off)" : $"{term.Name} (interaction)";

    /// <summary>A main effect helps or hurts; an interaction makes the combination better or worse than its parts.</summary>
    public static string Reading(FactorialTermResponse term) => (term.Order, term.Reading) switch
    {
        (1, "helps") => "Helps",
        (1, "hurts") => "Hurts",
        (_, "helps") => "Better together",
        (_, "hurts") => "Worse together",
        _ => "No clear effect",
    };

    public static string ReadsClass(string reading) => reading switch
    {
        "helps" => "better",
        "hurts" => "worse",
        _ => "unclear",
    };

    public static string Colour(string reading) => reading switch
    {
        "helps" => "#15803d",
        "hurts" => "#b91c1c",
        _ => "#6b7280",
    };
}
