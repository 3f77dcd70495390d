using FailSmart.Storage.DuckDb;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `--columns`: which column of each file holds what, as ROLE=NAME pairs, e.g.
/// `unit=user_id,timestamp=ts`. A role applies to every file that has it; `exposures.timestamp=seen_at`
/// names it for one file only.
/// </summary>
internal static class AnalyzeColumns
{
    private static readonly string[] s_exposureRoles = ["unit", "timestamp", "experiment", "phase", "variation"];
    private static readonly string[] s_eventRoles = ["unit", "timestamp", "event", "value"];
    private static readonly string[] s_unitRoles = ["unit"];

    public const string Help = "Column names, ROLE=NAME comma-separated: unit, timestamp, experiment, phase, variation (exposures), event, value (events); "
        + "e.g. unit=user_id,timestamp=ts. Prefix exposures., events. or units. for one file only. Defaults: unit_id, timestamp, experiment, phase, variation, event, value.";

    public static (EventFileColumns Exposures, EventFileColumns Events, EventFileColumns Units) Parse(IEnumerable<string> values, List<string> problems)
    {
        EventFileColumns exposures = new(), events = new(), units = new();
        foreach (string pair in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            string[] parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            string[] target = parts[0].Split('.', 2);
            string? file = target.Length == 2 ? target[0] : null;
            string role = target[^1];
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                problems.Add($"--columns '{pair}' is not ROLE=NAME, such as unit=user_id.");
                continue;
            }

            if (file is not (null or "exposures" or "events" or "units"))
            {
                problems.Add($"--columns '{pair}': '{file}' is not a file; prefix exposures., events. or units.");
                continue;
            }

            bool known = false;
            if (file is null or "exposures" && s_exposureRoles.Contains(role))
            {
                exposures = With(exposures, role, parts[1]);
                known = true;
            }

            if (file is null or "events" && s_eventRoles.Contains(role))
            {
                events = With(events, role, parts[1]);
                known = true;
            }

            if (file is null or "units" && s_unitRoles.Contains(role))
            {
                units = With(units, role, parts[1]);
                known = true;
            }

            if (!known)
            {
                problems.Add($"--columns '{pair}': '{role}' is not a column role{(file is null ? "" : " of the " + file + " file")}; use unit, timestamp, experiment, phase, variation, event or value.");
            }
        }

        return (exposures, events, units);
    }

    private static EventFileColumns With(EventFileColumns columns, string role, string name) => role switch
    {
        "unit" => columns with { Unit = name },
        "timestamp" => columns with { Timestamp = name },
        "experiment" => columns with { Experiment = name },
        "phase" => columns with { Phase = name },
        "variation" => columns with { Variation = name },
        "event" => columns with { Event = name },
        _ => columns with { Value = name },
    };
}
