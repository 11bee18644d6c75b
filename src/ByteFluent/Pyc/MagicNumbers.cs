using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Pyc;

/// <summary>
/// The .pyc magic numbers of CPython and PyPy (the first two bytes of a .pyc, little-endian, then "\r\n"; 1.0–1.2
/// put 0x99 0x00 there). Every number is a release line <em>and</em> an era (<see cref="MagicInfo"/>): the facts come
/// from CPython's own history of them (Python/import.c up to 3.2, then Lib/importlib/_bootstrap_external.py and
/// Include/internal/pycore_magic_number.h) and, for PyPy, from the numbers its releases write (PyPy 2.7 adds 7 to
/// CPython 2.7's; PyPy 3.2–3.7 and 3.9 use small multiples of 16; PyPy 3.8 writes CPython 3.8's 3413, so its files
/// are read as CPython 3.8 unless PyPy 3.8's table is given). From 3.11 CPython reserves 50 numbers per minor version
/// (3.n uses 2900+50n up to 2949+50n), so 3.14 and 3.15 are recognised by that range.
/// </summary>
public static class MagicNumbers
{
    // Plain dictionaries: built at every start-up, where freezing cost more than its lookups saved.
    private static readonly Dictionary<ushort, MagicInfo> Exact = BuildExact();

    // The number each version writes: the releases marked final below, and the versions whose numbers are ranges or
    // another implementation's (3.11+, PyPy 3.8 writes CPython 3.8's 3413).
    private static readonly Dictionary<PythonVersion, ushort> Final = Exact.Values.Where(m => m.IsFinal)
        .Select(m => KeyValuePair.Create(m.Version, m.Magic))
        .Concat(new Dictionary<PythonVersion, ushort>
        {
            [PythonVersion.V3_11] = 3495,
            [PythonVersion.V3_12] = 3531,
            [PythonVersion.V3_13] = 3571,
            [PythonVersion.V3_14] = 3627,
            [PythonVersion.V3_15] = 3666, // 3.15.0rc1 (the pyodide oracle); 3.15 numbers run 3650–3699.
            [PythonVersion.PyPy3_8] = 3413,
        })
        .ToDictionary();

    /// <summary>Every magic number listed individually (the 3.11+ ranges are not), ascending.</summary>
    public static IReadOnlyList<MagicInfo> Known { get; } = [.. Exact.Values.OrderBy(m => m.Magic)];

    /// <summary>The magic number of the final release of <paramref name="version"/> (for 3.15: its release candidate).</summary>
    /// <exception cref="ArgumentException">The version is not supported.</exception>
    public static ushort Of(PythonVersion version) => Final.TryGetValue(version, out var m)
        ? m
        : throw new ArgumentException($"Python {version} is not supported.", nameof(version));

    /// <summary>The four bytes that start a .pyc of <paramref name="version"/>.</summary>
    public static byte[] BytesOf(PythonVersion version) => BytesOf(Of(version));

    /// <summary>The four bytes that start a .pyc with magic number <paramref name="magic"/>.</summary>
    public static byte[] BytesOf(ushort magic) => magic is 39170 or 39171
        ? [(byte)magic, (byte)(magic >> 8), 0x99, 0x00]
        : [(byte)magic, (byte)(magic >> 8), (byte)'\r', (byte)'\n'];

    /// <summary>The supported version that used <paramref name="magic"/>, if any.</summary>
    public static bool TryGetVersion(ushort magic, out PythonVersion version)
    {
        var found = TryGetInfo(magic, out var info);
        version = found ? info!.Version : default;
        return found;
    }

    /// <summary>The release line and era of <paramref name="magic"/>, if it is known.</summary>
    public static bool TryGetInfo(ushort magic, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MagicInfo? info)
    {
        if (Exact.TryGetValue(magic, out info))
        {
            return true;
        }

        // 3.11 and later: 50 numbers per minor version.
        if (magic is >= 3450 and < 3700)
        {
            var v = new PythonVersion(3, (magic - 2900) / 50);
            info = new MagicInfo(magic, v, $"{v} (magic {magic})", 16);
            return true;
        }

        info = null;
        return false;
    }

    /// <summary>The supported version that used <paramref name="magic"/>; throws <see cref="PycFormatException"/> naming the number otherwise.</summary>
    public static PythonVersion GetVersion(ushort magic) => GetInfo(magic).Version;

    /// <summary>
    /// The release line and era of <paramref name="magic"/>; an unknown number throws <see cref="PycFormatException"/>
    /// naming it and the nearest known release.
    /// </summary>
    public static MagicInfo GetInfo(ushort magic)
    {
        if (TryGetInfo(magic, out var info))
        {
            return info;
        }

        var nearest = Known.MinBy(m => Math.Abs(m.Magic - magic))!;
        throw new PycFormatException(0, "a magic number of a CPython or PyPy release",
            $"unknown magic number {magic} (0x{magic:x4}); the nearest known is {nearest.Magic}, {nearest.Release}");
    }

    private static Dictionary<ushort, MagicInfo> BuildExact()
    {
        var d = new Dictionary<ushort, MagicInfo>();
        void Add(PythonVersion v, string release, ushort magic, CodeObjectLayout? layout = null, int headerSize = 0, bool final = false) =>
            d.Add(magic, new MagicInfo(magic, v, release, headerSize > 0 ? headerSize : PycHeader.SizeFor(v), layout) { IsFinal = final });

        // Python/import.c of each release (the numbers of the final releases; 1.2 kept 1.1's).
        Add(PythonVersion.V1_0, "1.0", 39170, final: true);
        Add(PythonVersion.V1_1, "1.1", 39171, final: true);
        Add(PythonVersion.V1_3, "1.3", 11913, final: true);
        Add(PythonVersion.V1_4, "1.4", 5892, final: true);
        Add(PythonVersion.V1_5, "1.5", 20121, final: true);
        Add(PythonVersion.V1_6, "1.6", 50428, final: true);
        Add(PythonVersion.V2_0, "2.0", 50823, final: true);
        Add(PythonVersion.V2_1, "2.1", 60202, final: true);
        Add(PythonVersion.V2_2, "2.2", 60717, final: true);
        Add(PythonVersion.V2_3, "2.3a0", 62011, final: true);
        Add(PythonVersion.V2_3, "2.3a0 (second number)", 62021);
        Add(PythonVersion.V2_4, "2.4a0", 62041);
        Add(PythonVersion.V2_4, "2.4a3", 62051);
        Add(PythonVersion.V2_4, "2.4b1", 62061, final: true);
        Add(PythonVersion.V2_5, "2.5a0", 62071);
        Add(PythonVersion.V2_5, "2.5a0 (ast branch)", 62081);
        Add(PythonVersion.V2_5, "2.5a0 (with statement)", 62091);
        Add(PythonVersion.V2_5, "2.5a0 (WITH_CLEANUP changed)", 62092);
        Add(PythonVersion.V2_5, "2.5b3", 62101);
        Add(PythonVersion.V2_5, "2.5b3 (x += yield)", 62111);
        Add(PythonVersion.V2_5, "2.5c1", 62121);
        Add(PythonVersion.V2_5, "2.5c2", 62131, final: true);
        Add(PythonVersion.V2_6, "2.6a0", 62151);
        Add(PythonVersion.V2_6, "2.6a1", 62161, final: true);
        Add(PythonVersion.V2_7, "2.7a0", 62171);
        Add(PythonVersion.V2_7, "2.7a0 (POP_JUMP_IF_*)", 62181);
        Add(PythonVersion.V2_7, "2.7a0 (SETUP_WITH)", 62191);
        Add(PythonVersion.V2_7, "2.7a0 (BUILD_SET)", 62201);
        Add(PythonVersion.V2_7, "2.7a0 (MAP_ADD, SET_ADD)", 62211, final: true);

        // 3.0–3.2 (Python/import.c), 3.3+ (importlib's list).
        Add(PythonVersion.V3_0, "3.0a4", 3111);
        Add(PythonVersion.V3_0, "3.0a5", 3131, final: true);
        Add(PythonVersion.V3_1, "3.1a0", 3141);
        Add(PythonVersion.V3_1, "3.1a0 (POP_JUMP_IF_*)", 3151, final: true);
        Add(PythonVersion.V3_2, "3.2a0", 3160);
        Add(PythonVersion.V3_2, "3.2a1", 3170);
        Add(PythonVersion.V3_2, "3.2a2", 3180, final: true);
        Add(PythonVersion.V3_3, "3.3a0", 3190, headerSize: 8);
        Add(PythonVersion.V3_3, "3.3a0 (__qualname__)", 3200, headerSize: 8);
        Add(PythonVersion.V3_3, "3.3a1 (source size in the header)", 3210);
        Add(PythonVersion.V3_3, "3.3a1 (PEP 380)", 3220);
        Add(PythonVersion.V3_3, "3.3a4", 3230, final: true);
        Add(PythonVersion.V3_4, "3.4a1", 3250);
        Add(PythonVersion.V3_4, "3.4a1 (LOAD_CLASSDEREF)", 3260);
        Add(PythonVersion.V3_4, "3.4a1 (__class__ closure)", 3270);
        Add(PythonVersion.V3_4, "3.4a1 (no implicit class argument)", 3280);
        Add(PythonVersion.V3_4, "3.4a4", 3290);
        Add(PythonVersion.V3_4, "3.4a4 (__qualname__)", 3300);
        Add(PythonVersion.V3_4, "3.4rc2", 3310, final: true);
        Add(PythonVersion.V3_5, "3.5a1", 3320);
        Add(PythonVersion.V3_5, "3.5b1", 3330);
        Add(PythonVersion.V3_5, "3.5b2", 3340);
        Add(PythonVersion.V3_5, "3.5b3", 3350);
        Add(PythonVersion.V3_5, "3.5.2", 3351, final: true);
        Add(PythonVersion.V3_6, "3.6a0", 3360);
        Add(PythonVersion.V3_6, "3.6a1 (signed lnotab)", 3361);
        Add(PythonVersion.V3_6, "3.6a2 (wordcode)", 3370);
        Add(PythonVersion.V3_6, "3.6a2 (BUILD_CONST_KEY_MAP)", 3371);
        Add(PythonVersion.V3_6, "3.6a2 (MAKE_FUNCTION)", 3372);
        Add(PythonVersion.V3_6, "3.6a2 (BUILD_STRING)", 3373);
        Add(PythonVersion.V3_6, "3.6b1 (SETUP_ANNOTATIONS)", 3375);
        Add(PythonVersion.V3_6, "3.6b1 (CALL_FUNCTION simplified)", 3376);
        Add(PythonVersion.V3_6, "3.6b1 (__class__ cell)", 3377);
        Add(PythonVersion.V3_6, "3.6b2", 3378);
        Add(PythonVersion.V3_6, "3.6rc1", 3379, final: true);
        Add(PythonVersion.V3_7, "3.7a1 (LOAD_METHOD)", 3390, headerSize: 12);
        Add(PythonVersion.V3_7, "3.7a2 (GET_AITER)", 3391, headerSize: 12);
        Add(PythonVersion.V3_7, "3.7a4 (PEP 552)", 3392);
        Add(PythonVersion.V3_7, "3.7b1", 3393);
        Add(PythonVersion.V3_7, "3.7b5", 3394, final: true);

        // 3.8's first numbers predate PEP 570: no co_posonlyargcount in their code objects.
        Add(PythonVersion.V3_8, "3.8a1", 3400, CodeObjectLayout.Python30);
        Add(PythonVersion.V3_8, "3.8.0a1–a3 (END_ASYNC_FOR)", 3401, CodeObjectLayout.Python30);
        Add(PythonVersion.V3_8, "3.8a4 (PEP 570)", 3410, CodeObjectLayout.Python30);
        Add(PythonVersion.V3_8, "3.8b2", 3411, CodeObjectLayout.Python30);
        Add(PythonVersion.V3_8, "3.8b2 (positional-only in ast.arguments)", 3412);
        Add(PythonVersion.V3_8, "3.8b4", 3413, final: true);
        Add(PythonVersion.V3_9, "3.9a0", 3420);
        Add(PythonVersion.V3_9, "3.9a0 (with blocks)", 3421);
        Add(PythonVersion.V3_9, "3.9a0 (no BEGIN_FINALLY)", 3422);
        Add(PythonVersion.V3_9, "3.9a0 (IS_OP, CONTAINS_OP)", 3423);
        Add(PythonVersion.V3_9, "3.9a2", 3424);
        Add(PythonVersion.V3_9, "3.9a2 (**value unpacking)", 3425, final: true);
        foreach (ushort m in (ushort[])[3430, 3431, 3432, 3433, 3434, 3435, 3436, 3437, 3438, 3439])
        {
            Add(PythonVersion.V3_10, m == 3439 ? "3.10.0rc1" : $"3.10 pre-release (magic {m})", m, final: m == 3439);
        }

        // PyPy.
        Add(PythonVersion.PyPy2_7, "PyPy 2.7", 62218, final: true);
        Add(PythonVersion.PyPy3_2, "PyPy 3.2", 48, final: true);
        Add(PythonVersion.PyPy3_5, "PyPy 3.5", 112, final: true);
        Add(PythonVersion.PyPy3_6, "PyPy 3.6 (7.1 beta)", 160, final: true);
        Add(PythonVersion.PyPy3_6, "PyPy 3.6", 192);
        Add(PythonVersion.PyPy3_7, "PyPy 3.7 (beta)", 224);
        Add(PythonVersion.PyPy3_7, "PyPy 3.7", 240, final: true);
        Add(PythonVersion.PyPy3_9, "PyPy 3.9", 336, final: true);
        return d;
    }
}
