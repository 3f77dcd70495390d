using FailSmart.Core.Model;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Core.Validation;

public static partial class ConfigurationValidator
{
    /// <summary>Finds every prerequisite cycle (a → b → a) by depth-first search, reporting each once.</summary>
    private static void ValidatePrerequisiteCycles(Configuration configuration, List<ValidationProblem> problems)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < configuration.Flags.Count; i++)
        {
            if (configuration.Flags[i].Key is { } key)
            {
                index.TryAdd(key, i);
            }
        }

        // 0 = unvisited, 1 = on the current path, 2 = done.
        var state = new int[configuration.Flags.Count];
        var path = new List<int>();
        for (int i = 0; i < configuration.Flags.Count; i++)
        {
            Visit(i);
        }

        void Visit(int flag)
        {
            if (state[flag] != 0)
            {
                return;
            }

            state[flag] = 1;
            path.Add(flag);
            IReadOnlyList<Prerequisite> prerequisites = configuration.Flags[flag].Prerequisites;
            for (int p = 0; p < prerequisites.Count; p++)
            {
                if (!index.TryGetValue(prerequisites[p].FlagKey ?? string.Empty, out int next))
                {
                    continue;
                }

                if (state[next] == 1)
                {
                    int start = path.IndexOf(next);
                    string cycle = string.Join(" -> ", path.Skip(start).Append(next).Select(f => configuration.Flags[f].Key));
                    problems.Add(new(
                        Property(Index(Property(Index("$.flags", flag), "prerequisites"), p), "flag"),
                        "Prerequisite cycle: " + cycle + ".",
                        "Remove one prerequisite in the cycle; a flag cannot depend on itself."));
                }
                else
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[flag] = 2;
        }
    }
}
