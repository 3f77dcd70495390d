using FailSmart.Storage.Config;

namespace FailSmart.Web.Learning;

/// <summary>How the learning pages word a lesson's subject and mark the words someone searched for.</summary>
internal static class LearningText
{
    public static string Subject(LessonDraft lesson) => lesson.SubjectKind switch
    {
        "experiment" => $"Experiment {lesson.SubjectKey}",
        "rollout" => $"Rollout {lesson.SubjectKey}",
        _ => $"Feature {lesson.SubjectKey}",
    };

    /// <summary>The subject's page, where FailSmart has one.</summary>
    public static string? SubjectHref(LessonDraft lesson) => lesson.SubjectKind switch
    {
        "experiment" => "/experiments/" + Uri.EscapeDataString(lesson.SubjectKey),
        "rollout" when lesson.SubjectKey.Split('/') is [var flag, var environment, var rule] =>
            $"/rollouts/{Uri.EscapeDataString(environment)}/{Uri.EscapeDataString(flag)}/{Uri.EscapeDataString(rule)}",
        _ => null,
    };

    public static string Shorten(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd() + "…";

    /// <summary>The text in pieces, each marked as a searched-for word or not.</summary>
    public static IEnumerable<(string Text, bool Hit)> Highlight(string text, IReadOnlyList<string> words)
    {
        int start = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            int end = i;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || char.GetUnicodeCategory(text[end]) is System.Globalization.UnicodeCategory.NonSpacingMark))
            {
                end++;
            }

            if (words.Contains(text[i..end].ToLowerInvariant(), StringComparer.Ordinal))
            {
                if (i > start)
                {
                    yield return (text[start..i], false);
                }

                yield return (text[i..end], true);
                start = end;
            }

            i = end;
        }

        if (start < text.Length)
        {
            yield return (text[start..], false);
        }
    }
}
