using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace FailSmart.LoadTests;

/// <summary>
/// Event ingestion through HTTP against its floor, in one run: first the raw DuckDB appender writes the
/// same metric events into a table with no key; then several senders post them to
/// <c>POST /events/v1/batch</c> of a server in a child process (validated, de-duplicated by id, committed
/// before the reply). Bodies are serialised before the clock starts, so the senders cost little. The
/// floor is measured again after the HTTP run and the two are averaged, so that load from elsewhere on
/// the machine weighs on both sides of the ratio alike. The HTTP rate of each tenth of the batches is printed
/// too, which shows how long a freshly started server takes to reach its steady rate.
/// </summary>
internal static class IngestRate
{
    private const int WarmUpBatches = 100;

    public static async Task<int> RunAsync(int events, int batchSize, int senders)
    {
        string timestamp = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var random = new Random(20261126);
        var rows = new (string Id, string Unit, double Value)[events];
        for (int i = 0; i < events; i++)
        {
            rows[i] = (Guid.NewGuid().ToString(), "user-" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture), Math.Round(random.NextDouble() * 100, 2));
        }

        // Both sides are measured warm: the floor's first pass and the server's warm-up batches absorb
        // JIT compilation and the first growth of DuckDB's buffers, which a long-running server has behind it.
        RawAppenderRate(rows, batchSize);
        double floorBefore = RawAppenderRate(rows, batchSize);

        string[] bodies = [.. rows.Chunk(batchSize).Select(chunk => "[" + string.Join(",", chunk.Select(r =>
            $$"""{"id":"{{r.Id}}","type":"event","unitId":"{{r.Unit}}","timestamp":"{{timestamp}}","event":"purchase","value":{{r.Value.ToString(CultureInfo.InvariantCulture)}}}""")) + "]")];
        using ServerProcess server = await ServerProcess.StartAsync(ServerProcess.FreeLoopbackPort());
        string key = await LoadServer.CreateKeyAsync(server.Address, "server", "production");
        using HttpClient client = LoadServer.Client(server.Address, key);

        // Warm up on a separate set of ids (JIT up to its optimised tier, connections), then time the real batches.
        for (int round = 0; round < WarmUpBatches; round++)
        {
            await PostAsync(client, "[" + string.Join(",", Enumerable.Range(0, batchSize).Select(i =>
                $$"""{"id":"warm-{{round}}-{{i}}","type":"event","unitId":"w","timestamp":"{{timestamp}}","event":"purchase","value":1}""")) + "]");
        }

        int next = -1;
        int done = 0;
        int tenth = Math.Max(1, bodies.Length / 10);
        var marks = new double[10];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            int mine;
            while ((mine = Interlocked.Increment(ref next)) < bodies.Length)
            {
                await PostAsync(client, bodies[mine]);
                int finished = Interlocked.Increment(ref done);
                if (finished % tenth == 0 && finished / tenth <= marks.Length)
                {
                    marks[(finished / tenth) - 1] = clock.Elapsed.TotalSeconds;
                }
            }
        })));
        double http = events / clock.Elapsed.TotalSeconds;
        double eventsPerTenth = (double)tenth * batchSize;
        Console.WriteLine("HTTP events/s in each tenth of the run: " + string.Join(", ", marks.Select((m, i) =>
            (eventsPerTenth / (m - (i == 0 ? 0 : marks[i - 1]))).ToString("N0", CultureInfo.InvariantCulture))));
        double floorAfter = RawAppenderRate(rows, batchSize);
        double floor = (floorBefore + floorAfter) / 2;

        Console.WriteLine($"| Path | Events | Batch | Senders | Events/s | Share of the floor |");
        Console.WriteLine($"|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Raw DuckDB appender, no key (floor: mean of {floorBefore:N0} before and {floorAfter:N0} after) | {events:N0} | {batchSize:N0} | 1 | {floor:N0} | 100% |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| POST /events/v1/batch | {events:N0} | {batchSize:N0} | {senders} | {http:N0} | {http / floor:P0} |"));
        return 0;
    }

    private static async Task PostAsync(HttpClient client, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("/events/v1/batch", content);
        string reply = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !reply.Contains("\"rejected\":[]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The batch was not stored whole: {(int)response.StatusCode} {reply[..Math.Min(400, reply.Length)]}");
        }
    }

    private static double RawAppenderRate((string Id, string Unit, double Value)[] rows, int batchSize)
    {
        string folder = Directory.CreateTempSubdirectory("failsmart-ingest-floor-").FullName;
        try
        {
            using var connection = new DuckDBConnection($"Data Source={Path.Combine(folder, "floor.duckdb")}");
            connection.Open();
            using (DuckDBCommand create = connection.CreateCommand())
            {
                create.CommandText = """
                    CREATE TABLE metric_events (event_id VARCHAR, environment VARCHAR, unit_id VARCHAR, event_name VARCHAR, value DOUBLE,
                        occurred_at_ms BIGINT, received_at_ms BIGINT, property_keys VARCHAR[], property_values VARCHAR[])
                    """;
                create.ExecuteNonQuery();
            }

            string[] none = [];
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var clock = Stopwatch.StartNew();
            foreach ((string Id, string Unit, double Value)[] chunk in rows.Chunk(batchSize))
            {
                using DuckDBAppender appender = connection.CreateAppender("metric_events");
                foreach ((string id, string unit, double value) in chunk)
                {
                    appender.CreateRow().AppendValue(id).AppendValue("production").AppendValue(unit).AppendValue("purchase")
                        .AppendValue((double?)value).AppendValue(now).AppendValue(now).AppendValue(none).AppendValue(none).EndRow();
                }
            }

            return rows.Length / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
