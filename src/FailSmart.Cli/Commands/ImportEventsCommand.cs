using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart import events FILE`: streams an NDJSON or CSV file of exposures or metric events to
/// `POST /api/v1/imports/events` and draws the upload, then the server's storing progress. Exits 0 only
/// when the server says the whole file is stored; a refusal lists the bad lines and exits 1.
/// </summary>
internal static class ImportEventsCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The file: NDJSON (one event object a line) or CSV (a header row, then one event a row)." };
        var server = new Option<string>("--server") { Description = "The server's address, such as http://localhost:5080.", Required = true };
        var key = new Option<string>("--key") { Description = "An admin key (fs_admin_…).", Required = true };
        var kind = new Option<string>("--kind") { Description = "What the file holds: exposures or events.", DefaultValueFactory = _ => "events" };
        kind.AcceptOnlyFromAmong("exposures", "events");
        var format = new Option<string?>("--format") { Description = "ndjson or csv (default: from the file's extension, .csv or .ndjson/.jsonl)." };
        format.AcceptOnlyFromAmong("ndjson", "csv");
        var environment = new Option<string>("--environment") { Description = "The environment the history belongs to.", DefaultValueFactory = _ => "production" };
        var command = new Command("events", "Import historical exposures or metric events (any age) into a running server; idempotent, so a file may be imported again.")
        {
            file, server, key, kind, format, environment,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(file)!,
            parse.GetValue(server)!,
            parse.GetValue(key)!,
            parse.GetValue(kind)!,
            parse.GetValue(format),
            parse.GetValue(environment)!,
            parse.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo file, string server, string key, string kind, string? format, string environment, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        format ??= file.Extension.ToLowerInvariant() switch
        {
            ".csv" => "csv",
            ".ndjson" or ".jsonl" or ".json" => "ndjson",
            _ => null,
        };
        var problems = new List<string>();
        if (!file.Exists)
        {
            problems.Add($"The file '{file.FullName}' does not exist.");
        }

        if (format is null)
        {
            problems.Add($"Cannot tell the format of '{file.Name}' from its extension; pass --format ndjson or --format csv.");
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            problems.Add($"--server '{server}' is not an http or https address, such as http://localhost:5080.");
        }

        if (problems.Count > 0)
        {
            problems.ForEach(io.Error.WriteLine);
            return ExitCodes.Usage;
        }

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        string path = $"/api/v1/imports/events?kind={kind}&format={format}&environment={Uri.EscapeDataString(environment)}";
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Error) });
        try
        {
            return await console.Progress().AutoClear(true).HideCompleted(false).StartAsync(async context =>
            {
                ProgressTask upload = context.AddTask("Uploading and checking", maxValue: Math.Max(1, file.Length));
                ProgressTask storing = context.AddTask("Storing", autoStart: false, maxValue: 1);
                await using FileStream source = file.OpenRead();
                await using var counted = new ProgressStream(source, read => upload.Value = read);
                using var content = new StreamContent(counted, 1 << 16);
                content.Headers.ContentType = new MediaTypeHeaderValue(format == "csv" ? "text/csv" : "application/x-ndjson");
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
                using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                upload.Value = upload.MaxValue;
                if (!response.IsSuccessStatusCode)
                {
                    await ReportProblemAsync(response, io.Error, cancellationToken);
                    return ExitCodes.InvalidInput;
                }

                storing.StartTask();
                using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                JsonElement last = default;
                while (await lines.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    last = JsonDocument.Parse(line).RootElement.Clone();
                    storing.MaxValue = Math.Max(1, last.GetProperty("rows").GetInt32());
                    storing.Value = last.GetProperty("stored").GetInt32();
                }

                return Finish(file, last, io);
            });
        }
        catch (HttpRequestException ex)
        {
            io.Error.WriteLine($"Could not reach {baseAddress}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    private static int Finish(FileInfo file, JsonElement last, InvocationConfiguration io)
    {
        string stage = last.ValueKind == JsonValueKind.Object ? last.GetProperty("stage").GetString() ?? "" : "";
        if (stage != "done")
        {
            io.Error.WriteLine(stage == "failed"
                ? last.GetProperty("error").GetString()
                : "The server stopped answering before the import finished. Import the file again: rows already stored are not stored twice.");
            return ExitCodes.InvalidInput;
        }

        io.Output.WriteLine(
            $"Imported {last.GetProperty("rows").GetInt32():N0} rows from {file.Name}: {last.GetProperty("accepted").GetInt32():N0} new, " +
            $"{last.GetProperty("duplicates").GetInt32():N0} already stored.");
        return ExitCodes.Success;
    }

    // The server's ProblemDetails: what was wrong, and each bad line.
    private static async Task ReportProblemAsync(HttpResponseMessage response, TextWriter error, CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using JsonDocument problem = JsonDocument.Parse(body);
            JsonElement root = problem.RootElement;
            error.WriteLine($"{(int)response.StatusCode} {Text(root, "title")}");
            error.WriteLine(Text(root, "detail"));
            if (root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement e in errors.EnumerateArray())
                {
                    error.WriteLine($"  {Text(e, "path")}: {Text(e, "message")}{(Text(e, "hint") is { Length: > 0 } hint ? " " + hint : "")}");
                }
            }
        }
        catch (JsonException)
        {
            error.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase}: {body}");
        }
    }

    private static string Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
