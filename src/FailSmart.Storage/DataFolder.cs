namespace FailSmart.Storage;

/// <summary>
/// The folder that holds the embedded stores. It is checked before anything opens a file in it, so a
/// bad folder gives one clear message instead of an engine's error.
/// </summary>
public sealed class DataFolder
{
    private DataFolder(string path) => Path = path;

    /// <summary>The absolute path.</summary>
    public string Path { get; }

    /// <summary>Creates the folder when missing and proves it can be written.</summary>
    public static DataFolder Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        if (System.IO.File.Exists(full))
        {
            throw Unusable(full, "it is a file, not a folder", null);
        }

        try
        {
            Directory.CreateDirectory(full);
            string probe = System.IO.Path.Combine(full, $".write-probe-{Environment.ProcessId}");
            System.IO.File.WriteAllText(probe, "FailSmart checks that its data folder is writable.");
            System.IO.File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unusable(full, ex.Message, ex);
        }

        return new DataFolder(full);
    }

    /// <summary>The path of a file inside the folder.</summary>
    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    private static StorageException Unusable(string path, string reason, Exception? inner) =>
        new(StorageErrorCode.DataFolderUnusable,
            $"The data folder '{path}' cannot be used: {reason.TrimEnd('.')}. Choose a writable folder with --data <path> or the FAILSMART_DATA environment variable.",
            inner);
}
