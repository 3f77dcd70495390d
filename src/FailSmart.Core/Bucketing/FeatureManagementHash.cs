using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FailSmart.Core.Bucketing;

/// <summary>
/// Microsoft.FeatureManagement's targeting hash, so units imported from it keep their assignment: the
/// SHA-256 of the UTF-8 text <c>"{unit id}\n{hint}"</c>, its first four bytes read as a little-endian
/// unsigned integer and scaled to a percentage in [0, 100]. The hint is the feature name for a
/// targeting filter's default rollout, <c>"{feature}\n{group}"</c> for a group's rollout, and the
/// allocation's seed (default <c>"allocation\n{feature}"</c>) for a variant's percentile.
/// </summary>
public static class FeatureManagementHash
{
    // Ids up to this many UTF-8 bytes (with the hint) are hashed from the stack.
    private const int StackLimit = 512;

    /// <summary>The unit's percentage in [0, 100], exactly as Microsoft.FeatureManagement computes it.</summary>
    public static double Percentage(string unitId, string hint)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        ArgumentNullException.ThrowIfNull(hint);
        return Percentage(unitId, HintBytes(hint));
    }

    /// <summary>The UTF-8 suffix hashed after the unit id: a newline, then the hint. Computed once per rule.</summary>
    public static byte[] HintBytes(string hint)
    {
        ArgumentNullException.ThrowIfNull(hint);
        return Encoding.UTF8.GetBytes("\n" + hint);
    }

    /// <summary>The unit's percentage, with the hint already encoded by <see cref="HintBytes"/>.</summary>
    public static double Percentage(ReadOnlySpan<char> unitId, ReadOnlySpan<byte> hintBytes)
    {
        int length = Encoding.UTF8.GetMaxByteCount(unitId.Length) + hintBytes.Length;
        byte[]? rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> text = rented ?? stackalloc byte[StackLimit];
        try
        {
            int written = Encoding.UTF8.GetBytes(unitId, text);
            hintBytes.CopyTo(text[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(text[..(written + hintBytes.Length)], hash);
            uint marker = BinaryPrimitives.ReadUInt32LittleEndian(hash);
            return marker / (double)uint.MaxValue * 100;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Whether a percentage lies in [from, to), where a range ending at 100 takes 100 too, as
    /// Microsoft.FeatureManagement decides it (a rollout of p is the range [0, p)).
    /// </summary>
    public static bool InRange(double percentage, double from, double to) =>
        percentage >= from && (to == 100 || percentage < to);
}
