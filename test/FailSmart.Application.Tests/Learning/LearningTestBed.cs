using System.Globalization;
using FailSmart.Application.Access;
using FailSmart.Application.Learning;
using FailSmart.Storage;
using FailSmart.Storage.Sqlite;
using FailSmart.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Application.Tests.Learning;

/// <summary>The lesson and glossary services over a real SQLite store (its FTS5 index does the ranking).</summary>
internal sealed class LearningTestBed : IDisposable
{
    public static readonly Caller Editor = new("Ada <ada@example.com>", "acc_ada", CallerRole.Editor);
    public static readonly Caller Viewer = new("Vic <vic@example.com>", "acc_vic", CallerRole.Viewer);

    private readonly TemporaryFolder _folder = new();

    public LearningTestBed()
    {
        Store = new SqliteConfigStore(DataFolder.Prepare(_folder.Path), Clock);
        Store.InitializeAsync().GetAwaiter().GetResult();
        Lessons = new LessonService(Store, Store);
        Glossary = new GlossaryService(Store);
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-06-01T09:00:00Z", CultureInfo.InvariantCulture));

    public SqliteConfigStore Store { get; }

    public ILessonService Lessons { get; }

    public IGlossaryService Glossary { get; }

    public static LessonInput Input(
        string title, string happened, string[]? tags = null, string[]? metrics = null, string[]? markets = null, string key = "onboarding", string expected = "A clear win.") =>
        new("feature", key, title, expected, happened, null, null, tags, metrics, markets, null);

    public async Task<long> WriteAsync(LessonInput input)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        var result = await Lessons.CreateAsync(Editor, input, TestContext.Current.CancellationToken);
        result.Problem.ShouldBeNull();
        return result.Value!.Id;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
