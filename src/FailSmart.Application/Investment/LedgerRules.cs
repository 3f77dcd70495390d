using System.Globalization;
using FailSmart.Application.Features;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Investment;

/// <summary>What a ledger entry must be, worded once for the API, the CSV import and the page.</summary>
internal static class LedgerRules
{
    /// <summary>Fifty people full time for a week: more is a typing error, not a week of one feature.</summary>
    public const double MaxPersonDays = 7 * 50;

    public const double MaxCostPerPersonDay = 1_000_000;

    public const int MaxNoteLength = 500;

    /// <summary>
    /// Checks one entry; <paramref name="path"/> turns a field name (week, phase, person_days,
    /// cost_per_person_day, note) into the path problems name. Null, with problems added, when it is wrong.
    /// </summary>
    public static LedgerEntryWrite? Check(
        string featureKey, FeaturePhase currentPhase, string? week, string? phase, double? personDays, double? cost, string? note,
        Func<string, string> path, List<FieldProblem> problems)
    {
        int before = problems.Count;
        if (!IsoWeeks.TryParse(week, out DateOnly monday))
        {
            problems.Add(new FieldProblem(path("week"),
                string.IsNullOrWhiteSpace(week) ? "The week is missing." : $"'{week}' is not a week.",
                $"Send an ISO week such as 2026-W14, or a date such as 2026-04-01 (it counts for its week, which starts on Monday); years {IsoWeeks.FirstYear} to {IsoWeeks.LastYear}."));
        }

        FeaturePhase workPhase = currentPhase;
        if (!string.IsNullOrWhiteSpace(phase))
        {
            if (!TryParsePhase(phase, out workPhase))
            {
                problems.Add(new FieldProblem(path("phase"), $"'{phase}' is not a phase work is done for.", "Send think, build, ship, tweak or maintain."));
            }
        }
        else if (currentPhase == FeaturePhase.Stopped)
        {
            problems.Add(new FieldProblem(path("phase"), "The feature is stopped, so the phase this work was for cannot be taken from it.", "Send think, build, ship, tweak or maintain."));
        }

        if (personDays is not double days)
        {
            problems.Add(new FieldProblem(path("person_days"), "The person-days are missing.", "Send the effort in person-days, such as 2.5."));
        }
        else if (!double.IsFinite(days) || days <= 0 || days > MaxPersonDays || Math.Round(days * 4) != days * 4)
        {
            problems.Add(new FieldProblem(path("person_days"), $"{Format(days)} person-days is not an effort the ledger keeps.",
                $"Send more than 0 and at most {Format(MaxPersonDays)} (fifty people for a week), in steps of 0.25."));
        }

        if (cost is double c && (!double.IsFinite(c) || c < 0 || c > MaxCostPerPersonDay))
        {
            problems.Add(new FieldProblem(path("cost_per_person_day"), $"{Format(c)} is not a cost per person-day.",
                $"Send 0 to {Format(MaxCostPerPersonDay)} in the feature's currency, or leave it out to use the feature's."));
        }

        string? trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > MaxNoteLength })
        {
            problems.Add(new FieldProblem(path("note"), $"The note has {trimmed.Length} characters.", $"Keep it to {MaxNoteLength}; link to a longer text instead."));
        }

        return problems.Count > before
            ? null
            : new LedgerEntryWrite(featureKey, monday, PhaseName(workPhase), personDays!.Value, cost, trimmed);
    }

    public static string PhaseName(FeaturePhase phase) => phase.ToString().ToLowerInvariant();

    public static bool TryParsePhase(string? text, out FeaturePhase phase)
    {
        phase = default;
        string value = text?.Trim() ?? string.Empty;
        return value.Length > 0 && value.All(char.IsAsciiLetter) && Enum.TryParse(value, ignoreCase: true, out phase) && phase != FeaturePhase.Stopped;
    }

    public static LedgerEntry Read(LedgerEntryRecord record) => new(
        record.Id, record.FeatureKey, record.Week, Enum.Parse<FeaturePhase>(record.Phase, ignoreCase: true), record.PersonDays,
        record.CostPerPersonDay, record.Note, record.Author, record.CreatedAt);

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
