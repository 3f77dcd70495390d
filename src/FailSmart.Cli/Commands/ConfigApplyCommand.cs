using System.CommandLine;
using System.Text.Json.Nodes;
using FailSmart.Cli.ConfigAsCode;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart config apply FILE`: validate the file locally (nothing is sent when it is invalid), read the
/// server, plan, print the plan, and unless --dry-run apply it. Exit 0 when the server matches the file (or
/// the plan was only printed), 1 when anything was refused, 2 for wrong usage, and with --detailed-exit-code
/// 3 when changes remain: planned by a dry run, or waiting for approval.
/// </summary>
internal static class ConfigApplyCommand
{
    public static async Task<int> RunAsync(FileInfo file, string server, string? key, ConfigApplySettings settings, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        using AdminApiClient? client = AdminApiClient.Create(server, key, io.Error);
        if (client is null)
        {
            return ExitCodes.Usage;
        }

        if (Directory.Exists(file.FullName) || !file.Exists)
        {
            await io.Error.WriteLineAsync(file.Exists || Directory.Exists(file.FullName)
                ? $"'{file.FullName}' is a folder; name the configuration file in it."
                : $"The configuration file '{file.FullName}' does not exist.");
            return ExitCodes.Usage;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await io.Error.WriteLineAsync($"The configuration file '{file.FullName}' could not be read: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        (IReadOnlyList<DesiredResource> desired, IReadOnlyList<ConfigProblem> problems) = DesiredConfig.Read(text);
        if (problems.Count > 0)
        {
            return await RefuseAsync(file, problems, io);
        }

        (IReadOnlyList<string>? environments, ApiExchange? failure) = await ServerConfig.EnvironmentsAsync(client, cancellationToken);
        if (environments is null)
        {
            return await FailAsync(failure!, io);
        }

        if (UnknownEnvironments(desired, environments) is { Count: > 0 } unknown)
        {
            return await RefuseAsync(file, unknown, io);
        }

        (IReadOnlyList<ServerResource>? current, failure) = await ServerConfig.ReadAsync(client, includeArchived: true, cancellationToken);
        if (current is null)
        {
            return await FailAsync(failure!, io);
        }

        (IReadOnlyList<PlanStep> planned, IReadOnlyList<ResourceRef>? cycle) = ConfigPlanner.Plan(desired, current, settings.ArchiveMissing);
        if (cycle is not null)
        {
            await io.Error.WriteLineAsync($"The file's references go round in a cycle, so nothing can be written first: {string.Join(" -> ", cycle)}. Break the cycle; nothing was changed.");
            return ExitCodes.InvalidInput;
        }

        (IReadOnlyList<PlanStep>? steps, failure) = await PendingRequests.MatchAsync(client, planned, cancellationToken);
        if (steps is null)
        {
            return await FailAsync(failure!, io);
        }

        IReadOnlyList<StepOutcome> outcomes = settings.DryRun
            ? [.. steps.Select(s => new StepOutcome(s, StepStatus.Planned))]
            : await new ConfigApplier(client, Headers(file, settings)).ApplyAsync(steps, cancellationToken);
        var report = new ApplyReport(file.Name, client.BaseAddress, settings.DryRun);
        if (outcomes.FirstOrDefault(o => o.Status == StepStatus.Failed)?.Refusal is { } refusal)
        {
            await AdminApiClient.WriteProblemAsync(refusal, io.Error);
        }

        if (settings.Json)
        {
            PlanOutput.WriteJson(outcomes, report, io.Output);
        }
        else
        {
            PlanOutput.WriteTable(outcomes, report, io.Output);
        }

        return report.Outcome(outcomes) switch
        {
            "failed" => ExitCodes.InvalidInput,
            "planned" or "pending-approval" when settings.DetailedExitCode => ExitCodes.Findings,
            _ => ExitCodes.Success,
        };
    }

    private static Dictionary<string, string> Headers(FileInfo file, ConfigApplySettings settings)
    {
        var headers = new Dictionary<string, string> { ["X-Change-Reason"] = settings.Reason ?? $"failsmart config apply {file.Name}" };
        if (settings.AcknowledgeCollisions)
        {
            headers["X-Acknowledge-Collisions"] = "true";
        }

        if (settings.ConfirmArchive)
        {
            headers["X-Confirm-Archive"] = "true";
        }

        return headers;
    }

    /// <summary>A flag's state for an environment the server lacks would be refused halfway through the run; say so before anything is written.</summary>
    private static List<ConfigProblem> UnknownEnvironments(IReadOnlyList<DesiredResource> desired, IReadOnlyList<string> environments) =>
    [
        .. desired
            .Where(d => d.Ref.Section == ConfigSections.Flags && d.Archived != true && d.Document["environments"] is JsonObject)
            .SelectMany(d => ((JsonObject)d.Document["environments"]!).Select(e => (Flag: d.Ref.Key, Environment: e.Key)))
            .Where(s => !environments.Contains(s.Environment, StringComparer.Ordinal))
            .Select(s => new ConfigProblem(
                $"flags/{s.Flag}: $.environments.{s.Environment}",
                $"The server has no environment '{s.Environment}'.",
                $"Its environments are {string.Join(", ", environments)} (names are case-sensitive); add it with POST /api/v1/environments first.")),
    ];

    private static async Task<int> RefuseAsync(FileInfo file, IReadOnlyList<ConfigProblem> problems, InvocationConfiguration io)
    {
        await io.Error.WriteLineAsync($"The configuration file '{file.Name}' is not valid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}); nothing was sent to the server:");
        foreach (ConfigProblem problem in problems)
        {
            await io.Error.WriteLineAsync("  " + problem);
        }

        return ExitCodes.InvalidInput;
    }

    private static async Task<int> FailAsync(ApiExchange failure, InvocationConfiguration io)
    {
        await AdminApiClient.WriteProblemAsync(failure, io.Error);
        await io.Error.WriteLineAsync("Nothing was changed.");
        return ExitCodes.InvalidInput;
    }
}
