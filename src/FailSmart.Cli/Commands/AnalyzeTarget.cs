using FailSmart.Application.Populations;
using FailSmart.Protocol.Admin;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart analyze --target FILE --by ATTR`: the target population from a CSV file in the format the server
/// takes (attribute columns and a units column), checked by the same rules.
/// </summary>
internal static class AnalyzeTarget
{
    public static TargetPopulation? Read(FileInfo file, IReadOnlyList<string> by, List<string> problems)
    {
        if (!file.Exists)
        {
            problems.Add($"The file '{file}' does not exist.");
            return null;
        }

        (PopulationInput? input, IReadOnlyList<int> lines, IReadOnlyList<FieldProblem> parsed) = PopulationCsv.Parse(File.ReadAllText(file.FullName));
        List<FieldProblem> all = [.. parsed];
        if (input is not null)
        {
            all.AddRange(PopulationRules.Check(input, (i, field) => PopulationCsv.RowPath(lines[i], field), "$.header"));
        }

        problems.AddRange(all.Select(p => $"--target {file.Name}: {p.Path}: {p.Message}{(p.Hint is null ? "" : " " + p.Hint)}"));
        if (all.Count > 0 || input is null)
        {
            return null;
        }

        var population = new TargetPopulation(Path.GetFileNameWithoutExtension(file.Name), null, input.Attributes!, input.Strata!, 1, "file", DateTimeOffset.UnixEpoch);
        foreach (string attribute in by.Where(a => population.UnitsBy(a) is null))
        {
            problems.Add($"--by '{attribute}' is not a column of {file.Name}; its attributes are {string.Join(", ", population.Attributes)}.");
        }

        return population;
    }
}
