using System.Diagnostics;
using System.Text.Json.Nodes;
using FailSmart.Testing;

namespace FailSmart.Protocol.Tests.GrowthBook;

/// <summary>
/// Runs a batch through the GrowthBook JavaScript SDK (npm @growthbook/growthbook, pinned by
/// eng/services/node_peers.sh) in one node process: the request goes in on stdin, the answers come
/// back on stdout (see growthbook-differential.js).
/// </summary>
internal static class GrowthBookNode
{
    public static async Task<JsonObject> RunAsync(JsonObject request)
    {
        string peers = TestServices.NodePeers();
        string script = Path.Combine(RepositoryRoot.Find(), "test", "FailSmart.Protocol.Tests", "GrowthBook", "growthbook-differential.js");
        var info = new ProcessStartInfo(File.Exists("/usr/bin/node") ? "/usr/bin/node" : "node")
        {
            ArgumentList = { script },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["NODE_PATH"] = peers;
        info.Environment["NODE_ENV"] = "production";
        using Process process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancel);
        Task<string> errors = process.StandardError.ReadToEndAsync(cancel);
        await process.StandardInput.WriteAsync(request.ToJsonString().AsMemory(), cancel);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancel);
        string stdout = await output;
        string stderr = await errors;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node exited with {process.ExitCode}: {stderr}");
        }

        return JsonNode.Parse(stdout)!.AsObject();
    }
}
