using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FailSmart.Storage.Config;

/// <summary>
/// Lessons and the glossary. The full-text index follows each row in the write's own transaction: SQLite's
/// FTS5 tables through triggers, PostgreSQL's generated tsvector columns.
/// </summary>
public abstract partial class AdoConfigStore : ILearningStore
{
    private const string LessonColumns =
        "t.id, t.subject_kind, t.subject_key, t.title, t.expected, t.happened, t.why, t.next_time, t.tags, t.metrics, t.markets, t.links, " +
        "t.author, t.created_at, t.updated_at, t.version, t.archived";

    private const string TermColumns = "t.key, t.term, t.meaning, t.origin, t.author, t.created_at, t.updated_at, t.version, t.archived";

    // Title, tags, expected, happened, why, next time: the title counts most, then tags, as PostgreSQL's A, B and C weights do.
    private const string LessonWeights = "10.0, 4.0, 2.0, 2.0, 2.0, 2.0";
    private const string TermWeights = "10.0, 2.0, 2.0";

    public async Task<Lesson> CreateLessonAsync(LessonDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        string now = Now();
        long id = Convert.ToInt64(await ScalarAsync(connection, transaction,
            "INSERT INTO lessons (subject_kind, subject_key, title, expected, happened, why, next_time, tags, metrics, markets, links, author, created_at, updated_at, version, archived) " +
            "VALUES (@kind, @key, @title, @expected, @happened, @why, @next, @tags, @metrics, @markets, @links, @author, @now, @now, 1, 0) RETURNING id",
            cancellationToken, [.. LessonParameters(draft), ("author", actor), ("now", now)]), CultureInfo.InvariantCulture);
        Lesson lesson = (await ReadLessonAsync(connection, transaction, id, false, cancellationToken))!;
        await AuditLearningAsync(connection, transaction, actor, "lesson.create", "lesson", Key(id), null, LessonJson(lesson), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lesson;
    }

    public async Task<Lesson?> GetLessonAsync(long id, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadLessonAsync(connection, null, id, false, cancellationToken);
    }

    public async Task<LearningWrite<Lesson>> UpdateLessonAsync(long id, LessonDraft draft, long? expectedVersion, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        Lesson? current = await ReadLessonAsync(connection, transaction, id, true, cancellationToken);
        if (Refusal(current, expectedVersion) is { } refused)
        {
            return refused;
        }

        if (SameDraft(current!.Content, draft))
        {
            return new(LearningWriteStatus.Unchanged, current);
        }

        await using (DbCommand update = Command(connection, transaction,
            "UPDATE lessons SET subject_kind = @kind, subject_key = @key, title = @title, expected = @expected, happened = @happened, why = @why, " +
            "next_time = @next, tags = @tags, metrics = @metrics, markets = @markets, links = @links, updated_at = @now, version = version + 1 WHERE id = @id",
            [.. LessonParameters(draft), ("now", Now()), ("id", id)]))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        Lesson lesson = (await ReadLessonAsync(connection, transaction, id, false, cancellationToken))!;
        await AuditLearningAsync(connection, transaction, actor, "lesson.update", "lesson", Key(id), LessonJson(current), LessonJson(lesson), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(LearningWriteStatus.Committed, lesson);
    }

    public async Task<LearningWrite<Lesson>> SetLessonArchivedAsync(long id, bool archived, long? expectedVersion, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        Lesson? current = await ReadLessonAsync(connection, transaction, id, true, cancellationToken);
        if (Refusal(current, expectedVersion) is { } refused)
        {
            return refused;
        }

        if (current!.Archived == archived)
        {
            return new(LearningWriteStatus.Unchanged, current);
        }

        await using (DbCommand update = Command(connection, transaction,
            "UPDATE lessons SET archived = @archived, updated_at = @now, version = version + 1 WHERE id = @id", ("archived", archived ? 1 : 0), ("now", Now()), ("id", id)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        Lesson lesson = (await ReadLessonAsync(connection, transaction, id, false, cancellationToken))!;
        await AuditLearningAsync(connection, transaction, actor, archived ? "lesson.archive" : "lesson.unarchive", "lesson", Key(id), LessonJson(current), LessonJson(lesson), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(LearningWriteStatus.Committed, lesson);
    }

    public async Task<IReadOnlyList<LessonHit>> SearchLessonsAsync(LessonQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var conditions = new List<string>();
        var parameters = new List<(string, object?)>();
        if (!query.IncludeArchived)
        {
            conditions.Add("t.archived = 0");
        }

        if (query.Tag is not null)
        {
            conditions.Add("t.tags LIKE @tag ESCAPE '\\'");
            parameters.Add(("tag", "% " + LikeLiteral(query.Tag) + " %"));
        }

        if (query.SubjectKind is not null)
        {
            conditions.Add("t.subject_kind = @subjectKind");
            parameters.Add(("subjectKind", query.SubjectKind));
        }

        if (query.SubjectKey is not null)
        {
            conditions.Add("t.subject_key = @subjectKey");
            parameters.Add(("subjectKey", query.SubjectKey));
        }

        if (query.SharingAny is { IsEmpty: false } overlap)
        {
            var any = new List<string>();
            foreach ((string column, IReadOnlyList<string> values) in new[] { ("tags", overlap.Tags), ("metrics", overlap.Metrics), ("markets", overlap.Markets) })
            {
                for (int i = 0; i < values.Count; i++)
                {
                    string name = $"{column}{i.ToString(CultureInfo.InvariantCulture)}";
                    any.Add($"t.{column} LIKE @{name} ESCAPE '\\'");
                    parameters.Add((name, "% " + LikeLiteral(values[i]) + " %"));
                }
            }

            conditions.Add("(" + string.Join(" OR ", any) + ")");
        }

        IReadOnlyList<string> words = Words(query.Words);
        string limit = Math.Clamp(query.Limit, 1, 1000).ToString(CultureInfo.InvariantCulture);
        string sql;
        if (words.Count == 0)
        {
            string where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
            sql = $"SELECT {LessonColumns}, 0 FROM lessons t{where} ORDER BY t.created_at DESC, t.id DESC LIMIT {limit}";
        }
        else
        {
            FullTextSql fullText = _dialect.FullText("lessons", LessonWeights);
            conditions.Insert(0, fullText.Match);
            parameters.Add(("q", _dialect.FullTextQuery(words, query.AnyWord)));
            sql = $"SELECT {LessonColumns}, {fullText.Rank} AS rank FROM {fullText.From} WHERE {string.Join(" AND ", conditions)} ORDER BY rank DESC, t.id DESC LIMIT {limit}";
        }

        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, sql, [.. parameters]);
        var hits = new List<LessonHit>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new LessonHit(ReadLesson(reader), Convert.ToDouble(reader.GetValue(17), CultureInfo.InvariantCulture)));
        }

        return hits;
    }

    public async Task<GlossaryTerm?> CreateTermAsync(string key, GlossaryDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        if (await ReadTermAsync(connection, transaction, key, true, cancellationToken) is not null)
        {
            return null;
        }

        string now = Now();
        await using (DbCommand insert = Command(connection, transaction,
            "INSERT INTO glossary_terms (key, term, sort_key, meaning, origin, author, created_at, updated_at, version, archived) " +
            "VALUES (@key, @term, @sort, @meaning, @origin, @author, @now, @now, 1, 0)",
            [("key", key), .. TermParameters(draft), ("author", actor), ("now", now)]))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        GlossaryTerm term = (await ReadTermAsync(connection, transaction, key, false, cancellationToken))!;
        await AuditLearningAsync(connection, transaction, actor, "glossary.create", "glossary-term", key, null, TermJson(term), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return term;
    }

    public async Task<GlossaryTerm?> GetTermAsync(string key, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadTermAsync(connection, null, key, false, cancellationToken);
    }

    public async Task<LearningWrite<GlossaryTerm>> UpdateTermAsync(string key, GlossaryDraft draft, long? expectedVersion, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        GlossaryTerm? current = await ReadTermAsync(connection, transaction, key, true, cancellationToken);
        if (Refusal(current, current?.Version, expectedVersion) is { } refused)
        {
            return refused;
        }

        if (current!.Content == draft)
        {
            return new(LearningWriteStatus.Unchanged, current);
        }

        await using (DbCommand update = Command(connection, transaction,
            "UPDATE glossary_terms SET term = @term, sort_key = @sort, meaning = @meaning, origin = @origin, updated_at = @now, version = version + 1 WHERE key = @key",
            [.. TermParameters(draft), ("now", Now()), ("key", key)]))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        GlossaryTerm term = (await ReadTermAsync(connection, transaction, key, false, cancellationToken))!;
        await AuditLearningAsync(connection, transaction, actor, "glossary.update", "glossary-term", key, TermJson(current), TermJson(term), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(LearningWriteStatus.Committed, term);
    }

    public async Task<LearningWrite<GlossaryTerm>> SetTermArchivedAsync(string key, bool archived, long? expectedVersion, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        GlossaryTerm? current = await ReadTermAsync(connection, transaction, key, true, cancellationToken);
        if (Refusal(current, current?.Version, expectedVersion) is { } refused)
        {
            return refused;
        }

        if (current!.Archived == archived)
        {
            return new(LearningWriteStatus.Unchanged, current);
        }

        await using (DbCommand update = Command(connection, transaction,
            "UPDATE glossary_terms SET archived = @archived, updated_at = @now, version = version + 1 WHERE key = @key", ("archived", archived ? 1 : 0), ("now", Now()), ("key", key)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        GlossaryTerm term = (await ReadTermAsync(connection, transaction, key, false, cancellationToken))!;
        await AuditLearningAsync(connection, transaction, actor, archived ? "glossary.archive" : "glossary.unarchive", "glossary-term", key, TermJson(current), TermJson(term), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(LearningWriteStatus.Committed, term);
    }

    public async Task<IReadOnlyList<GlossaryHit>> SearchTermsAsync(IReadOnlyList<string> words, bool includeArchived, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> matched = Words(words);
        string archived = includeArchived ? "" : "t.archived = 0";
        string top = Math.Clamp(limit, 1, 1000).ToString(CultureInfo.InvariantCulture);
        var parameters = new List<(string, object?)>();
        string sql;
        if (matched.Count == 0)
        {
            sql = $"SELECT {TermColumns}, 0 FROM glossary_terms t{(archived.Length == 0 ? "" : " WHERE " + archived)} ORDER BY t.sort_key, t.key LIMIT {top}";
        }
        else
        {
            FullTextSql fullText = _dialect.FullText("glossary_terms", TermWeights);
            parameters.Add(("q", _dialect.FullTextQuery(matched, anyWord: false)));
            sql = $"SELECT {TermColumns}, {fullText.Rank} AS rank FROM {fullText.From} WHERE {fullText.Match}{(archived.Length == 0 ? "" : " AND " + archived)} " +
                $"ORDER BY rank DESC, t.sort_key, t.key LIMIT {top}";
        }

        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, sql, [.. parameters]);
        var hits = new List<GlossaryHit>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new GlossaryHit(ReadTerm(reader), Convert.ToDouble(reader.GetValue(9), CultureInfo.InvariantCulture)));
        }

        return hits;
    }

    /// <summary>The words again through <see cref="SearchWords.Of"/>, so a caller's list can never carry the engine's syntax.</summary>
    private static IReadOnlyList<string> Words(IReadOnlyList<string>? words) =>
        words is null || words.Count == 0 ? [] : SearchWords.Of(string.Join(' ', words));

    private static LearningWrite<Lesson>? Refusal(Lesson? current, long? expectedVersion) =>
        current is null ? new(LearningWriteStatus.NotFound, null)
        : expectedVersion is { } expected && expected != current.Version ? new(LearningWriteStatus.Stale, current)
        : null;

    private static LearningWrite<GlossaryTerm>? Refusal(GlossaryTerm? current, long? version, long? expectedVersion) =>
        current is null ? new(LearningWriteStatus.NotFound, null)
        : expectedVersion is { } expected && expected != version ? new(LearningWriteStatus.Stale, current)
        : null;

    private static bool SameDraft(LessonDraft a, LessonDraft b) =>
        a.SubjectKind == b.SubjectKind && a.SubjectKey == b.SubjectKey && a.Title == b.Title && a.Expected == b.Expected && a.Happened == b.Happened
        && a.Why == b.Why && a.NextTime == b.NextTime && a.Tags.SequenceEqual(b.Tags) && a.Metrics.SequenceEqual(b.Metrics)
        && a.Markets.SequenceEqual(b.Markets) && a.Links.SequenceEqual(b.Links);

    private static (string, object?)[] LessonParameters(LessonDraft draft) =>
    [
        ("kind", draft.SubjectKind), ("key", draft.SubjectKey), ("title", draft.Title), ("expected", draft.Expected), ("happened", draft.Happened),
        ("why", draft.Why), ("next", draft.NextTime), ("tags", Slugs(draft.Tags)), ("metrics", Slugs(draft.Metrics)), ("markets", Slugs(draft.Markets)),
        ("links", JsonSerializer.Serialize(draft.Links)),
    ];

    private static (string, object?)[] TermParameters(GlossaryDraft draft) =>
        [("term", draft.Term), ("sort", FoldCase(draft.Term)), ("meaning", draft.Meaning), ("origin", draft.Origin)];

    /// <summary>A list kept as " a b c ", so one is found with LIKE '% a %' without matching inside another.</summary>
    private static string Slugs(IReadOnlyList<string> values) => values.Count == 0 ? " " : " " + string.Join(' ', values) + " ";

    private static string[] UnSlugs(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task AuditLearningAsync(
        DbConnection connection, DbTransaction transaction, string actor, string action, string kind, string key, string? before, string? after, CancellationToken cancellationToken)
    {
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, action, kind, key, null, before, after, null, revision, cancellationToken);
    }

    private async Task<Lesson?> ReadLessonAsync(DbConnection connection, DbTransaction? transaction, long id, bool lockRow, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, transaction,
            $"SELECT {LessonColumns} FROM lessons t WHERE t.id = @id" + (lockRow ? _dialect.LockRowSuffix : ""), ("id", id));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadLesson(reader) : null;
    }

    private async Task<GlossaryTerm?> ReadTermAsync(DbConnection connection, DbTransaction? transaction, string key, bool lockRow, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, transaction,
            $"SELECT {TermColumns} FROM glossary_terms t WHERE t.key = @key" + (lockRow ? _dialect.LockRowSuffix : ""), ("key", key));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadTerm(reader) : null;
    }

    private static Lesson ReadLesson(DbDataReader reader) =>
        new(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
            new LessonDraft(
                reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                UnSlugs(reader.GetString(8)), UnSlugs(reader.GetString(9)), UnSlugs(reader.GetString(10)),
                JsonSerializer.Deserialize<string[]>(reader.GetString(11)) ?? []),
            reader.GetString(12), ParseTimestamp(reader.GetString(13)), ParseTimestamp(reader.GetString(14)),
            Convert.ToInt64(reader.GetValue(15), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(16), CultureInfo.InvariantCulture) != 0);

    private static GlossaryTerm ReadTerm(DbDataReader reader) =>
        new(reader.GetString(0), new GlossaryDraft(reader.GetString(1), reader.GetString(2), reader.GetString(3)), reader.GetString(4),
            ParseTimestamp(reader.GetString(5)), ParseTimestamp(reader.GetString(6)),
            Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture) != 0);

    private static string LessonJson(Lesson lesson)
    {
        LessonDraft c = lesson.Content;
        return new JsonObject
        {
            ["subject"] = new JsonObject { ["kind"] = c.SubjectKind, ["key"] = c.SubjectKey },
            ["title"] = c.Title,
            ["expected"] = c.Expected,
            ["happened"] = c.Happened,
            ["why"] = c.Why,
            ["nextTime"] = c.NextTime,
            ["tags"] = Array(c.Tags),
            ["metrics"] = Array(c.Metrics),
            ["markets"] = Array(c.Markets),
            ["links"] = Array(c.Links),
            ["archived"] = lesson.Archived,
        }.ToJsonString();
    }

    private static string TermJson(GlossaryTerm term) =>
        new JsonObject { ["term"] = term.Content.Term, ["meaning"] = term.Content.Meaning, ["origin"] = term.Content.Origin, ["archived"] = term.Archived }.ToJsonString();

    private static JsonArray Array(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
