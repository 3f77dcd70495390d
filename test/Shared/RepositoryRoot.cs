namespace FailSmart.Testing;

/// <summary>Finds the repository root (the folder holding FailSmart.slnx) from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string? TryFind()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FailSmart.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName;
    }

    public static string Find() =>
        TryFind() ?? throw new InvalidOperationException("FailSmart.slnx was not found above " + AppContext.BaseDirectory);
}
