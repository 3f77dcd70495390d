using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Client.Caching;
using FailSmart.Protocol.Configuration;
using FailSmart.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FailSmart.Client.Sync;

/// <summary>
/// Keeps the client's rule set current: downloads it (ETag, 304), then follows the SSE stream of
/// changes, resuming with Last-Event-ID. Any failure ends in a delay (<see cref="ReconnectBackoff"/>,
/// Retry-After, or a long wait when the key is refused) and another try, until the client is disposed.
/// </summary>
internal sealed class RuleSetSynchronizer(FailSmartClient client, HttpClient http, FailSmartClientOptions options, TimeProvider time, ILogger logger)
{
    private readonly ReconnectBackoff _backoff = new(new RetryDelay(options.MinRetryDelay, options.MaxRetryDelay), options.QuickReconnectWindow, time);
    private bool _keyRefusalLogged;
    // A patch did not fit what the client has: the next stream starts without Last-Event-ID, so it opens with the full rule set.
    private bool _needFullRuleSet;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        bool downloaded = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                if (!downloaded || !options.Streaming)
                {
                    await DownloadAsync(downloaded ? options.RequestTimeout : options.InitializationTimeout, cancellationToken);
                    downloaded = true;
                    _backoff.Healthy();
                    _keyRefusalLogged = false;
                }

                if (!options.Streaming)
                {
                    await Task.Delay(options.PollInterval, time, cancellationToken);
                    continue;
                }

                // The stream ended (the server is stopping or a proxy closed it): reconnect soon, without a state change yet.
                await FollowStreamAsync(cancellationToken);
                if (_needFullRuleSet)
                {
                    continue; // at once: the server is fine, only the patch did not fit
                }

                delay = _backoff.Failed();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // every failure becomes a retry; nothing reaches the application
            catch (Exception e)
#pragma warning restore CA1031
            {
                var failure = e as SyncFailure;
                TimeSpan backoff = _backoff.Failed();
                delay = failure?.KeyRefused == true ? options.AuthFailureRetryDelay : failure?.RetryAfter ?? backoff;
                string reason = SyncFailure.Describe(e);
                if (failure?.KeyRefused == true)
                {
                    if (!_keyRefusalLogged)
                    {
                        ClientLog.KeyRefused(logger, failure.Status, delay);
                        _keyRefusalLogged = true;
                    }
                }
                else
                {
                    ClientLog.SyncFailed(logger, reason, delay);
                }

                client.OnSyncFailed("The server is unavailable: " + reason + ".");
            }

            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DownloadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using Activity? activity = FailSmartTelemetry.Source.StartActivity("failsmart.sync.download", ActivityKind.Client);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, ServerEndpoints.Config);
        RuleSetSnapshot? current = client.Snapshot;
        if (current?.ETag is { } etag && current.Origin is RuleSetOrigin.Server or RuleSetOrigin.DiskCache)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token);
        long revision = ReadRevision(response);
        if (response.StatusCode == HttpStatusCode.NotModified && current is not null)
        {
            client.OnServerConfirmed(revision);
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw SyncFailure.FromResponse(response, time.GetUtcNow());
        }

        string json = await response.Content.ReadAsStringAsync(cts.Token);
        Apply(json, revision, response.Headers.ETag?.ToString() ?? ETagOf(json));
    }

    /// <summary>Follows the stream until it ends. Its first line proves the connection healthy.</summary>
    private async Task FollowStreamAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ServerEndpoints.StreamWithDeltas);
        request.Headers.Accept.ParseAdd("text/event-stream");
        bool resume = !_needFullRuleSet;
        _needFullRuleSet = false;
        if (resume && client.Snapshot is { Revision: > 0 } known)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", known.Revision.ToString(CultureInfo.InvariantCulture));
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(options.RequestTimeout);
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw SyncFailure.FromResponse(response, time.GetUtcNow());
        }

        await using Stream body = await response.Content.ReadAsStreamAsync(idle.Token);
        using var reader = new StreamReader(body, Encoding.UTF8);
        var parser = new ServerSentEventParser();
        bool received = false;
        while (true)
        {
            idle.CancelAfter(options.StreamReadTimeout);
            string? line;
            try
            {
                line = await reader.ReadLineAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SyncFailure("the change stream went silent");
            }

            if (line is null)
            {
                return;
            }

            if (!received)
            {
                received = true;
                _backoff.Healthy();
                // The first line proves the connection; a "put" follows when our revision is behind.
                if (client.Snapshot is { } snapshot)
                {
                    client.OnServerConfirmed(snapshot.Revision);
                }
            }

            if (parser.Feed(line) is not { } message)
            {
                continue;
            }

            if (message.Type == "put")
            {
                long revision = long.TryParse(message.Id, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : 0;
                Apply(message.Data, revision, ETagOf(message.Data));
            }
            else if (message.Type == "patch" && !TryApplyPatch(message.Data))
            {
                _needFullRuleSet = true;
                return;
            }
        }
    }

    /// <summary>
    /// Applies a patch to the rule set in use when it starts from that rule set's revision and rebuilds the
    /// server's document exactly (its ETag matches); false when it does not fit, and the full rule set is needed.
    /// </summary>
    private bool TryApplyPatch(string data)
    {
        RuleSetSnapshot? current = client.Snapshot;
        long revision = current?.Revision ?? 0;
        string problem = string.Empty;
        try
        {
            if (JsonNode.Parse(data) is not JsonObject patch ||
                patch["from"]?.GetValue<long>() is not { } from || patch["to"]?.GetValue<long>() is not { } to ||
                patch["etag"]?.GetValue<string>() is not { } etag)
            {
                problem = "it lacks from, to or etag";
            }
            else if (current is null || current.Origin != RuleSetOrigin.Server || from != revision)
            {
                problem = $"it starts from revision {from}";
            }
            else if (JsonNode.Parse(current.Json) is not JsonObject document || !RuleSetPatch.TryApply(document, patch, out problem))
            {
                problem = problem.Length > 0 ? problem : "the rule set in use is not a JSON object";
                problem = "it does not fit: " + problem;
            }
            else
            {
                string json = document.ToJsonString();
                if (ETagOf(json) == etag)
                {
                    Apply(json, to, etag);
                    return true;
                }

                problem = "the result differs from the server's rule set";
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            problem = "it cannot be read: " + e.Message;
        }

        ClientLog.PatchNotApplied(logger, revision, problem);
        return false;
    }

    private void Apply(string json, long revision, string etag)
    {
        if (RuleSetLoader.TryLoad(json, options.Environment, RuleSetOrigin.Server, revision, etag, out RuleSetSnapshot? snapshot, out string problem))
        {
            client.OnServerRuleSet(snapshot!);
        }
        else
        {
            ClientLog.RuleSetRejected(logger, problem);
            client.OnRuleSetRejected("The server sent a rule set that cannot be used (" + problem + "); the last good one stays in use.");
        }
    }

    private static long ReadRevision(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ServerEndpoints.RevisionHeader, out IEnumerable<string>? values) &&
        long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out long revision) ? revision : 0;

    // The same strong ETag the server computes, so a later download can answer 304.
    private static string ETagOf(string json) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32] + "\"";
}
