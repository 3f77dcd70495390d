using System.Net;
using System.Net.Sockets;
using System.Text;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.Server.Tests;

/// <summary>
/// What Kestrel would refuse before any middleware runs (long URLs, large headers, header bytes that
/// are not UTF-8) reaches FailSmart instead and gets ProblemDetails. On a real Kestrel port.
/// </summary>
public sealed class RequestLimitsTests : IAsyncLifetime
{
    private readonly TemporaryFolder _data = new();
    private WebApplication _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = FailSmartServer.Create(["--data", _data.Path, "--urls", "http://127.0.0.1:0", "--Auth:BootstrapAdminKey", FailSmartFactory.AdminKey]);
        await _app.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(Ct);
        await _app.DisposeAsync();
        _data.Dispose();
    }

    private HttpClient Client() => new() { BaseAddress = new Uri(_app.Urls.First()) };

    [Fact]
    public async Task Url_longer_than_8_KiB_is_414_problem()
    {
        using HttpClient client = Client();

        using HttpResponseMessage response = await client.GetPathAsync("/api/v1/flags?q=" + new string('a', 20 * 1024));

        (await response.ShouldBeProblemAsync(HttpStatusCode.RequestUriTooLong)).GetProperty("detail").GetString()!.ShouldContain("8 KiB");
    }

    [Fact]
    public async Task Headers_over_32_KiB_are_431_problem()
    {
        using HttpClient client = Client();
        client.DefaultRequestHeaders.Add("X-Pad", new string('h', 40 * 1024));

        using HttpResponseMessage response = await client.GetPathAsync("/api/v1/flags");

        (await response.ShouldBeProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge)).GetProperty("detail").GetString()!.ShouldContain("32 KiB");
    }

    [Theory]
    [InlineData(new byte[] { 0xE9 })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3, 0xA9 })]
    public async Task Authorization_with_bytes_that_are_not_ascii_is_401_problem(byte[] odd)
    {
        var uri = new Uri(_app.Urls.First());
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port, Ct);
        await using NetworkStream stream = tcp.GetStream();
        byte[] request =
        [
            .. "GET /api/v1/flags HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer fs_admin_"u8, .. odd,
            .. "x_0123456789abcdefghij\r\n\r\n"u8,
        ];

        await stream.WriteAsync(request, Ct);
        string answer = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(Ct);

        answer.ShouldStartWith("HTTP/1.1 401");
        answer.ShouldContain("application/problem+json");
        answer.ShouldContain("API key");
    }
}
