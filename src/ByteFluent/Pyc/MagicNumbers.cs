using System.Collections.Frozen;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Pyc;

/// <summary>
/// The .pyc magic numbers of CPython (the first two bytes of a .pyc, little-endian, followed by "\r\n"),
/// from CPython's own history of them (Lib/importlib/_bootstrap_external.py, later
/// Include/internal/pycore_magic_number.h). Every number a 2.7 or 3.6–3.13 release or pre-release used is
/// listed; from 3.11 CPython reserves 50 numbers per minor version (3.n uses 2900+50n up to 2949+50n), so
/// 3.14 and 3.15 are recognised by that range.
/// </summary>
public static class MagicNumbers
{
    private static readonly FrozenDictionary<ushort, PythonVersion> Exact = BuildExact();

    private static readonly FrozenDictionary<PythonVersion, ushort> Final = new Dictionary<PythonVersion, ushort>
    {
        [PythonVersion.V2_7] = 62211,
        [PythonVersion.V3_6] = 3379,
        [PythonVersion.V3_7] = 3394,
        [PythonVersion.V3_8] = 3413,
        [PythonVersion.V3_9] = 3425,
        [PythonVersion.V3_10] = 3439,
        [PythonVersion.V3_11] = 3495,
        [PythonVersion.V3_12] = 3531,
        [PythonVersion.V3_13] = 3571,
        [PythonVersion.V3_14] = 3627,
        [PythonVersion.V3_15] = 3666, // 3.15.0rc1 (the pyodide oracle); 3.15 numbers run 3650–3699.
    }.ToFrozenDictionary();

    /// <summary>The magic number of the final release of <paramref name="version"/> (for 3.15: its release candidate).</summary>
    /// <exception cref="ArgumentException">The version is not supported.</exception>
    public static ushort Of(PythonVersion version) => Final.TryGetValue(version, out var m)
        ? m
        : throw new ArgumentException($"Python {version} is not supported.", nameof(version));

    /// <summary>The four bytes that start a .pyc of <paramref name="version"/>.</summary>
    public static byte[] BytesOf(PythonVersion version)
    {
        var m = Of(version);
        return [(byte)m, (byte)(m >> 8), (byte)'\r', (byte)'\n'];
    }

    /// <summary>The supported version that used <paramref name="magic"/>, if any.</summary>
    public static bool TryGetVersion(ushort magic, out PythonVersion version)
    {
        if (Exact.TryGetValue(magic, out version))
        {
            return true;
        }

        // 3.11 and later: 50 numbers per minor version.
        if (magic is >= 3450 and < 3700)
        {
            version = new PythonVersion(3, (magic - 2900) / 50);
            return true;
        }

        version = default;
        return false;
    }

    /// <summary>The supported version that used <paramref name="magic"/>; throws <see cref="PycFormatException"/> naming the number otherwise.</summary>
    public static PythonVersion GetVersion(ushort magic)
    {
        if (TryGetVersion(magic, out var v))
        {
            return v;
        }

        var what = magic switch
        {
            >= 20121 and <= 62161 => $"magic number {magic} belongs to Python 1.5–2.6, which ByteFluent does not support",
            >= 3000 and <= 3351 => $"magic number {magic} belongs to Python 3.0–3.5, which ByteFluent does not support",
            _ => $"unknown magic number {magic} (0x{magic:x4})",
        };
        throw new PycFormatException(0, "the magic number of CPython 2.7 or 3.6–3.15", what);
    }

    private static FrozenDictionary<ushort, PythonVersion> BuildExact()
    {
        var d = new Dictionary<ushort, PythonVersion>();
        void Add(PythonVersion v, params ushort[] magics)
        {
            foreach (var m in magics)
            {
                d[m] = v;
            }
        }

        Add(PythonVersion.V2_7, 62171, 62181, 62191, 62201, 62211);
        Add(PythonVersion.V3_6, 3360, 3361, 3370, 3371, 3372, 3373, 3375, 3376, 3377, 3378, 3379);
        Add(PythonVersion.V3_7, 3390, 3391, 3392, 3393, 3394);
        Add(PythonVersion.V3_8, 3400, 3401, 3410, 3411, 3412, 3413);
        Add(PythonVersion.V3_9, 3420, 3421, 3422, 3423, 3424, 3425);
        Add(PythonVersion.V3_10, 3430, 3431, 3432, 3433, 3434, 3435, 3436, 3437, 3438, 3439);
        return d.ToFrozenDictionary();
    }
}
