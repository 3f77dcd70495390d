using System.Text;

namespace FailSmart.LoadTests.Tests;

public sealed class SseEventScannerTests
{
    private const string Stream =
        "event: put\nid: 41\ndata: {\"version\":1,\"flags\":[]}\n\n" +
        ": heartbeat\n\n" +
        "event: patch\nid: 43\ndata: {\"from\":41,\"to\":43}\n\n";

    [Fact]
    public void Counts_events_at_their_blank_line_and_keeps_the_last_id_skipping_comments()
    {
        var scanner = new SseEventScanner();

        int completed = scanner.Scan(Encoding.UTF8.GetBytes(Stream));

        completed.ShouldBe(2);
        scanner.Events.ShouldBe(2);
        scanner.LastId.ShouldBe(43);
        scanner.Bytes.ShouldBe(Encoding.UTF8.GetByteCount(Stream));
    }

    [Fact]
    public void Gives_the_same_answer_whatever_the_reads_split()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Stream);
        for (int size = 1; size <= bytes.Length; size++)
        {
            var scanner = new SseEventScanner();
            var completedAt = new List<int>();
            for (int offset = 0; offset < bytes.Length; offset += size)
            {
                int end = Math.Min(bytes.Length, offset + size);
                if (scanner.Scan(bytes.AsSpan(offset, end - offset)) > 0)
                {
                    completedAt.Add(end);
                }
            }

            scanner.Events.ShouldBe(2, $"reads of {size} bytes");
            scanner.LastId.ShouldBe(43, $"reads of {size} bytes");
            // An event completes only with its blank line, never earlier.
            completedAt.ShouldAllBe(end => end >= Stream.IndexOf("\n\n", StringComparison.Ordinal) + 2);
        }
    }
}
