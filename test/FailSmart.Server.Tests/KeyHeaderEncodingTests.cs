using System.Net.Sockets;
using System.Text;

namespace FailSmart.Server.Tests;

/// <summary>Key headers with bytes that are not ASCII, sent over a real socket (Kestrel decodes headers; the in-memory server does not).</summary>
public sealed class KeyHeaderEncodingTests
{
    [Theory]
    [InlineData("Authorization: Bearer fs_client_\u00e4bc_0123456789abcdefghij")]
    [InlineData("Authorization: Bearer \u00e4\u00e4")]
    [InlineData("X-API-Key: fs_client_abc_0123456789abcdefgh\u00ff")]
    public async Task Non_ascii_bytes_in_a_key_header_get_a_401_problem_saying_the_key_is_malformed_or_unknown(string header)
    {
        await using KestrelServer server = await KestrelServer.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port, ApiTestExtensions.Ct);
        NetworkStream stream = tcp.GetStream();

        // Latin-1 bytes such as 0xE4 are not valid UTF-8, which is what made Kestrel refuse the request bare.
        byte[] request = Encoding.Latin1.GetBytes(
            $"POST /ofrep/v1/evaluate/flags HTTP/1.1\r\nHost: {server.Address.Authority}\r\n{header}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}");
        await stream.WriteAsync(request, ApiTestExtensions.Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string response = await reader.ReadToEndAsync(ApiTestExtensions.Ct);

        response.ShouldStartWith("HTTP/1.1 401");
        response.ShouldContain("Content-Type: application/problem+json");
        response.ShouldMatch("\"detail\":\"The API key (is malformed|is not known)");
    }
}
