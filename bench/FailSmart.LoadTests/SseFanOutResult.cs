using System.Globalization;

namespace FailSmart.LoadTests;

/// <summary>What one SSE fan-out run measured: every latency, and what every stream received.</summary>
/// <param name="Streams">Streams connected.</param>
/// <param name="Changes">Changes made, one after another.</param>
/// <param name="Deltas">Whether the streams asked for patches.</param>
/// <param name="LatenciesMs">Each stream's latency for each change it received, sorted.</param>
/// <param name="EventsPerStream">Events each stream received, the first full rule set included.</param>
/// <param name="LastRevisionPerStream">The id of the last event each stream received.</param>
/// <param name="FinalRevision">The revision of the last change.</param>
/// <param name="BytesPerStreamPerChange">Bytes each stream read per change, on average.</param>
/// <param name="ConnectSeconds">Time until every stream had its first rule set.</param>
internal sealed record SseFanOutResult(
    int Streams, int Changes, bool Deltas, double[] LatenciesMs, long[] EventsPerStream, long[] LastRevisionPerStream,
    long FinalRevision, double BytesPerStreamPerChange, double ConnectSeconds)
{
    /// <summary>The latency at quantile <paramref name="q"/> (nearest rank).</summary>
    public double Percentile(double q) =>
        LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[Math.Clamp((int)Math.Ceiling(q * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];

    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Streams:N0} | {(Deltas ? "patch" : "put")} | {Changes} | {LatenciesMs.Length:N0} | {Percentile(0.5):F1} | {Percentile(0.99):F1} | " +
        $"{(LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[^1]):F1} | {BytesPerStreamPerChange:N0} | {ConnectSeconds:F1} |");
}
