using System.Text;
using System.Text.RegularExpressions;

namespace FailSmart.Cli.Scanning;

/// <summary>
/// Include or exclude globs over paths relative to the scanned folder, compiled into one expression. <c>*</c> and <c>?</c>
/// stay within a folder name, <c>**</c> crosses folders; a glob without '/' matches at any depth (<c>*.g.cs</c>), and a
/// glob that names a folder covers everything in it (<c>src/legacy</c>), as in .gitignore.
/// </summary>
internal sealed class ScanGlobs
{
    private readonly Regex? _regex;

    private ScanGlobs(IReadOnlyList<string> globs, Regex? regex)
    {
        Globs = globs;
        _regex = regex;
    }

    public static ScanGlobs None { get; } = new([], null);

    public IReadOnlyList<string> Globs { get; }

    public bool IsEmpty => _regex is null;

    public static ScanGlobs From(IReadOnlyList<string> globs)
    {
        if (globs.Count == 0)
        {
            return None;
        }

        string alternatives = string.Join('|', globs.Select(ToRegex));
        return new ScanGlobs(globs, new Regex($"^(?:{alternatives})(?:/.*)?$", RegexOptions.CultureInvariant | RegexOptions.Compiled));
    }

    public bool Matches(string relativePath) => _regex is not null && _regex.IsMatch(relativePath);

    private static string ToRegex(string glob)
    {
        string g = glob.Replace('\\', '/').Trim();
        g = g.StartsWith("./", StringComparison.Ordinal) ? g[2..] : g.TrimStart('/');
        g = g.TrimEnd('/');
        var pattern = new StringBuilder(g.Contains('/', StringComparison.Ordinal) ? "" : "(?:.*/)?");
        for (int i = 0; i < g.Length; i++)
        {
            char c = g[i];
            if (c == '*' && i + 1 < g.Length && g[i + 1] == '*')
            {
                bool folders = i + 2 < g.Length && g[i + 2] == '/';
                pattern.Append(folders ? "(?:.*/)?" : ".*");
                i += folders ? 2 : 1;
            }
            else
            {
                pattern.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return pattern.ToString();
    }
}
