using System.Globalization;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>The sentence under the plan, and its one-word outcome for scripts: no-changes, planned, applied, pending-approval or failed.</summary>
internal sealed record ApplyReport(string File, Uri Server, bool DryRun)
{
    public string Outcome(IReadOnlyList<StepOutcome> outcomes)
    {
        if (!outcomes.Any(o => o.Step.IsChange))
        {
            return "no-changes";
        }

        if (DryRun)
        {
            return "planned";
        }

        if (outcomes.Any(o => o.Status == StepStatus.Failed))
        {
            return "failed";
        }

        return outcomes.Any(o => o.Status is StepStatus.PendingApproval or StepStatus.AlreadyPending or StepStatus.Waiting) ? "pending-approval" : "applied";
    }

    public string Summary(IReadOnlyList<StepOutcome> outcomes)
    {
        int unchanged = outcomes.Count(o => !o.Step.IsChange);
        if (!outcomes.Any(o => o.Step.IsChange))
        {
            return $"No changes: the server already matches {File} ({Count(unchanged, "resource")} checked).";
        }

        if (DryRun)
        {
            return $"Plan: {Count(outcomes, PlanAction.Create)} to create, {Count(outcomes, PlanAction.Update)} to update, {Count(outcomes, PlanAction.Unarchive)} to unarchive, "
                + $"{Count(outcomes, PlanAction.Archive)} to archive; {unchanged} without changes. Dry run: nothing was changed.";
        }

        int applied = outcomes.Count(o => o.Status == StepStatus.Applied);
        string done = $"Applied {Count(applied, "change")}; {unchanged} without changes.";
        if (outcomes.FirstOrDefault(o => o.Status == StepStatus.Failed) is { } failed)
        {
            int notTried = outcomes.Count(o => o.Status == StepStatus.NotTried);
            string why = failed.Refusal?.Status == 412
                ? $"{failed.Step.Ref} changed on the server after the plan read it at version {failed.Step.Version}; nothing of it was overwritten. Run the command again to plan against the server as it is now."
                : failed.Refusal?.Status == 409 && failed.Step.Action == PlanAction.Create
                    ? $"{failed.Step.Ref} was created on the server after the plan was made; nothing was overwritten. Run the command again to plan against the server as it is now."
                    : $"The server refused {failed.Step.Verb} {failed.Step.Ref} (above); fix it and run the command again.";
            return $"{done} Stopped: {why} {Count(notTried, "later change")} not tried.";
        }

        long?[] requests = [.. outcomes.Where(o => o.Status is StepStatus.PendingApproval or StepStatus.AlreadyPending).Select(o => o.ChangeRequest).Distinct()];
        int waiting = outcomes.Count(o => o.Status == StepStatus.Waiting);
        if (requests.Length > 0 || waiting > 0)
        {
            string list = string.Join(", ", requests.Select(id => "#" + id?.ToString(CultureInfo.InvariantCulture)));
            return $"{done} {Count(requests.Length, "change")} wait{(requests.Length == 1 ? "s" : "")} for approval (change request{(requests.Length == 1 ? "" : "s")} {list})"
                + (waiting > 0 ? $" and {Count(waiting, "change")} that refer{(waiting == 1 ? "s" : "")} to them {(waiting == 1 ? "was" : "were")} not tried" : "")
                + "; apply again once they are decided.";
        }

        return done;
    }

    private static string Count(IReadOnlyList<StepOutcome> outcomes, PlanAction action) => outcomes.Count(o => o.Step.Action == action).ToString(CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
}
