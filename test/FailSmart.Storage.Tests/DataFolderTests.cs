using FailSmart.Testing;

namespace FailSmart.Storage.Tests;

public sealed class DataFolderTests
{
    [Fact]
    public void Prepare_missing_folder_creates_it()
    {
        using var temp = new TemporaryFolder();
        string path = Path.Combine(temp.Path, "nested", "data");

        DataFolder folder = DataFolder.Prepare(path);

        Directory.Exists(path).ShouldBeTrue();
        folder.PathOf("config.db").ShouldBe(Path.Combine(path, "config.db"));
    }

    [Fact]
    public void Prepare_path_that_is_a_file_fails_with_a_fix()
    {
        using var temp = new TemporaryFolder();
        string file = Path.Combine(temp.Path, "not-a-folder");
        File.WriteAllText(file, "x");

        var ex = Should.Throw<StorageException>(() => DataFolder.Prepare(file));

        ex.Code.ShouldBe(StorageErrorCode.DataFolderUnusable);
        ex.Message.ShouldContain("it is a file, not a folder");
        ex.Message.ShouldContain("--data");
    }

    [Fact]
    public void Prepare_folder_on_a_read_only_file_system_fails_with_a_fix()
    {
        // /proc refuses new entries even to root, so this holds wherever the suite runs.
        var ex = Should.Throw<StorageException>(() => DataFolder.Prepare("/proc/failsmart-data"));

        ex.Code.ShouldBe(StorageErrorCode.DataFolderUnusable);
        ex.Message.ShouldContain("/proc/failsmart-data");
        ex.Message.ShouldContain("FAILSMART_DATA");
    }
}
