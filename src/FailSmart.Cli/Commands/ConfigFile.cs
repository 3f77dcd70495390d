using FailSmart.Protocol.Configuration;

namespace FailSmart.Cli.Commands;

/// <summary>Reads a configuration file for the commands that work offline, saying exactly what is wrong with it.</summary>
internal static class ConfigFile
{
    /// <summary>Null when the file loaded into a valid configuration; otherwise the exit code, with the reason written.</summary>
    public static int? Load(FileInfo file, TextWriter error, out ConfigLoadResult? loaded)
    {
        loaded = null;
        if (Directory.Exists(file.FullName))
        {
            error.WriteLine($"--config '{file.FullName}' is a folder; name the configuration file in it.");
            return ExitCodes.Usage;
        }

        if (!file.Exists)
        {
            error.WriteLine($"The configuration file '{file.FullName}' does not exist.");
            return ExitCodes.Usage;
        }

        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"The configuration file '{file.FullName}' could not be read: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        loaded = ConfigDocument.Parse(text);
        if (loaded.Configuration is null)
        {
            error.WriteLine($"The configuration file '{file.Name}' is not valid ({loaded.Problems.Count} problem{(loaded.Problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in loaded.Problems)
            {
                error.WriteLine($"  {problem.Path}: {problem.Message} {problem.Hint}");
            }

            return ExitCodes.InvalidInput;
        }

        return null;
    }
}
