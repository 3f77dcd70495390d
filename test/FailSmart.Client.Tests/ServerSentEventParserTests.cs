using FailSmart.Client.Sync;

namespace FailSmart.Client.Tests;

public sealed class ServerSentEventParserTests
{
    [Fact]
    public void Feed_assembles_a_put_with_its_id_and_skips_comments()
    {
        var parser = new ServerSentEventParser();

        parser.Feed(": heartbeat").ShouldBeNull();
        parser.Feed(string.Empty).ShouldBeNull();
        parser.Feed("event: put").ShouldBeNull();
        parser.Feed("id: 42").ShouldBeNull();
        parser.Feed("data: {\"version\":1}").ShouldBeNull();
        ServerSentEventParser.Message? message = parser.Feed(string.Empty);

        message.ShouldNotBeNull();
        message.Type.ShouldBe("put");
        message.Id.ShouldBe("42");
        message.Data.ShouldBe("{\"version\":1}");
    }

    [Fact]
    public void Feed_joins_data_lines_and_keeps_the_last_id_for_later_events()
    {
        var parser = new ServerSentEventParser();

        parser.Feed("id: 7");
        parser.Feed("data: a");
        parser.Feed("data:b");
        ServerSentEventParser.Message first = parser.Feed(string.Empty)!;
        parser.Feed("data: c");
        ServerSentEventParser.Message second = parser.Feed(string.Empty)!;

        first.Data.ShouldBe("a\nb");
        first.Type.ShouldBe("message");
        second.Id.ShouldBe("7");
    }
}
