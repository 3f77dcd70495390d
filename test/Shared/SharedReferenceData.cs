namespace FailSmart.Testing;

/// <summary>
/// Locates the reference data that lives beside the repository (peers' conformance suites and the
/// statistics oracle). It is read in place, never copied into the project.
/// </summary>
internal static class SharedReferenceData
{
    /// <summary>Returns the full path of a file under the shared folder, or null when it is absent.</summary>
    public static string? TryFind(string relativePath)
    {
        string? overrideDir = Environment.GetEnvironmentVariable("FAILSMART_SHARED_DIR");
        if (!string.IsNullOrEmpty(overrideDir))
        {
            string candidate = Path.Combine(overrideDir, relativePath);
            return File.Exists(candidate) ? candidate : null;
        }

        string? root = RepositoryRoot.TryFind();
        if (root is null)
        {
            return null;
        }

        string path = Path.GetFullPath(Path.Combine(root, "..", "shared", relativePath));
        return File.Exists(path) ? path : null;
    }

    /// <summary>Returns the path, or skips the calling test with a message that says what is missing.</summary>
    public static string Require(string relativePath)
    {
        string? path = TryFind(relativePath);
        if (path is null)
        {
            Assert.Skip($"Reference data '{relativePath}' was not found in ../shared beside the repository (or FAILSMART_SHARED_DIR).");
        }

        return path;
    }
}
