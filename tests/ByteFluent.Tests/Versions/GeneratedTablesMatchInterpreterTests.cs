using System.Reflection;
using System.Text.Json;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Versions;

/// <summary>
/// The generated API (<c>Python27</c> … <c>Python315</c>) against the real interpreter of each version: opcode numbers,
/// every <c>has*</c> set, <c>cmp_op</c>, cache entries, magic, named arguments, code flags and <c>dis.stack_effect</c>
/// over a range of arguments, with and without the jump (3.8+). One interpreter run per version.
/// </summary>
public sealed class GeneratedTablesMatchInterpreterTests
{
    /// <summary>The generated tables, reached through the generated classes themselves.</summary>
    private static readonly Dictionary<string, (OpcodeTable Table, Type Class)> Generated = new()
    {
        ["2.7"] = (Python27.Table, typeof(Python27)),
        ["3.6"] = (Python36.Table, typeof(Python36)),
        ["3.7"] = (Python37.Table, typeof(Python37)),
        ["3.8"] = (Python38.Table, typeof(Python38)),
        ["3.9"] = (Python39.Table, typeof(Python39)),
        ["3.10"] = (Python310.Table, typeof(Python310)),
        ["3.11"] = (Python311.Table, typeof(Python311)),
        ["3.12"] = (Python312.Table, typeof(Python312)),
        ["3.13"] = (Python313.Table, typeof(Python313)),
        ["3.14"] = (Python314.Table, typeof(Python314)),
        ["3.15"] = (Python315.Table, typeof(Python315)),
    };

    // Runs under 2.7 and 3.x alike: prints one JSON object with everything the modules expose.
    private const string Probe = """
        import dis, inspect, json, opcode, sys
        try:
            from importlib.util import MAGIC_NUMBER as magic
        except ImportError:
            import imp
            magic = imp.get_magic()
        out = {}
        opmap = dict(opcode.opmap)
        for holder, attr in ((dis, '_all_opmap'), (opcode, '_specialized_opmap'), (dis, '_specialized_opmap')):
            opmap.update(getattr(holder, attr, {}))
        out['opmap'] = opmap
        out['specialized'] = sorted(set(getattr(opcode, '_specialized_instructions', [])) | set(getattr(opcode, '_specialized_opmap', {})))
        out['sets'] = dict((a, sorted(set(getattr(opcode, a)))) for a in dir(opcode) if a.startswith('has') and isinstance(getattr(opcode, a), list))
        out['cmp_op'] = list(opcode.cmp_op)
        out['have_argument'] = opcode.HAVE_ARGUMENT
        out['extended_arg'] = opcode.EXTENDED_ARG
        out['magic'] = [c if isinstance(c, int) else ord(c) for c in magic]
        ce = getattr(opcode, '_inline_cache_entries', None)
        cache = {}
        if hasattr(ce, 'items'):
            cache = dict((k if isinstance(k, str) else opcode.opname[k], v) for k, v in ce.items())
        elif ce is not None:
            cache = dict((opcode.opname[i], n) for i, n in enumerate(ce) if n)
        out['cache'] = cache
        named = {}
        if hasattr(opcode, '_nb_ops'):
            named['BINARY_OP'] = [[i, e[0]] for i, e in enumerate(opcode._nb_ops)]
        for attr, op in (('_intrinsic_1_descs', 'CALL_INTRINSIC_1'), ('_intrinsic_2_descs', 'CALL_INTRINSIC_2')):
            if hasattr(dis, attr):
                named[op] = [[i, n] for i, n in enumerate(getattr(dis, attr))]
        out['named'] = named
        flags = dict((n, getattr(inspect, n)) for n in dir(inspect) if n.startswith('CO_') and isinstance(getattr(inspect, n), int))
        for value, name in getattr(dis, 'COMPILER_FLAG_NAMES', {}).items():
            flags['CO_' + name] = value
        out['flags'] = flags
        args = list(range(0, 21)) + [31, 32, 63, 64, 127, 128, 255, 256, 257, 258, 259, 511, 512, 513, 1000, 1023, 1024, 2047, 65535, 65539, 1048581]
        jumps = sys.version_info >= (3, 8)
        have_arg = set(getattr(opcode, 'hasarg', [n for n in opmap.values() if n >= opcode.HAVE_ARGUMENT]))
        effects = {}
        if hasattr(dis, 'stack_effect'):
            for name, number in opmap.items():
                rows = []
                for arg in (args if number in have_arg else [None]):
                    row = [arg]
                    for kw in ((None, True, False) if jumps else (None,)):
                        try:
                            row.append(dis.stack_effect(number, arg, jump=kw) if jumps else dis.stack_effect(number, arg))
                        except (ValueError, TypeError):
                            row.append(None)
                    rows.append(row)
                effects[name] = rows
        out['effects'] = effects
        print(json.dumps(out))
        """;

    public static TheoryRows Versions => Interpreters.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public void Generated_table_matches_the_interpreter(string version)
    {
        var json = Interpreters.Get(version).Run(Probe).EnsureSuccess($"opcode probe under Python {version}");
        using var doc = JsonDocument.Parse(json);
        var facts = doc.RootElement;
        var (table, cls) = Generated[version];

        Assert.Same(table, OpcodeTables.ForVersion(PythonVersion.Parse(version)));
        Assert.Equal(PythonVersion.Parse(version), table.Version);
        CheckNumbers(table, facts);
        CheckSets(table, facts);
        CheckScalars(table, facts);
        CheckGeneratedFields(table, cls);
        if (facts.GetProperty("effects").EnumerateObject().Any())
        {
            CheckStackEffects(table, facts, jumps: table.Version >= PythonVersion.V3_8);
        }
    }

    [Fact]
    public void Every_supported_version_has_exactly_one_generated_table()
    {
        Assert.Equal(Interpreters.SupportedVersions, OpcodeTables.All.Where(t => PythonVersion.WithInterpreter.Contains(t.Version)).Select(t => t.Version.ToString()));
        Assert.All(OpcodeTables.All, t => Assert.Contains(t.Version, PythonVersion.Supported));
        Assert.Equal(OpcodeTables.All.Count, OpcodeTables.All.Select(t => t.Version).Distinct().Count());
    }

    private static void CheckNumbers(OpcodeTable table, JsonElement facts)
    {
        var opmap = facts.GetProperty("opmap").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        foreach (var (name, number) in opmap)
        {
            Assert.True(table.TryGetOpcode(name, out var op), $"{table} lacks {name}");
            Assert.Equal(number, op.Number);
            Assert.Equal(name, op.ToString());
            Assert.Equal(op, table[number]);
            Assert.Equal(name, table.OpName[number]);
        }

        Assert.Equal(opmap.Keys.Order(StringComparer.Ordinal), table.Opcodes.Select(o => o.Name).Order(StringComparer.Ordinal));
        var specialized = facts.GetProperty("specialized").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        foreach (var op in table.Opcodes)
        {
            Assert.Equal(specialized.Contains(op.Name), op.Category == OpcodeCategory.Specialized);
            if (op.Category == OpcodeCategory.Specialized)
            {
                Assert.NotNull(op.Deopt);
            }
        }
    }

    private static void CheckSets(OpcodeTable table, JsonElement facts)
    {
        var sets = facts.GetProperty("sets").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(sets.Keys.Order(StringComparer.Ordinal), table.Sets.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, numbers) in sets)
        {
            var set = table.GetSet(name);
            Assert.True(set.DefinedByVersion);
            Assert.Equal(numbers, set.Select(o => o.Number));
            foreach (var op in table.Opcodes)
            {
                Assert.Equal(numbers.Contains(op.Number), set.Contains(op));
                Assert.Equal(numbers.Contains(op.Number), op.IsIn(name));
            }
        }

        // Derived sets: HasJump is hasjump, else hasjrel ∪ hasjabs; HasArg is hasarg, else number >= HAVE_ARGUMENT.
        var jump = sets.TryGetValue("hasjump", out var j) ? j : sets["hasjrel"].Union(sets["hasjabs"]).ToArray();
        Assert.Equal(jump.Order(), table.HasJump.Select(o => o.Number));
        var haveArgument = facts.GetProperty("have_argument").GetInt32();
        foreach (var op in table.Opcodes)
        {
            Assert.Equal(jump.Contains(op.Number), op.HasJump);
            Assert.Equal(sets["hasconst"].Contains(op.Number), op.HasConst);
            Assert.Equal(sets["hasname"].Contains(op.Number), op.HasName);
            Assert.Equal(sets["haslocal"].Contains(op.Number), op.HasLocal);
            Assert.Equal(sets["hasfree"].Contains(op.Number), op.HasFree);
            Assert.Equal(sets["hascompare"].Contains(op.Number), op.HasCompare);
            if (sets.TryGetValue("hasarg", out var hasArg))
            {
                if (op.Category != OpcodeCategory.Specialized)
                {
                    Assert.Equal(hasArg.Contains(op.Number), op.HasArg);
                }
            }
            else if (op.Category == OpcodeCategory.Real)
            {
                Assert.Equal(op.Number >= haveArgument, op.HasArg);
            }

            // An argument has a kind; only a pseudo opcode may have a kind (its jump or handler target) without hasarg (3.12's SETUP_*).
            Assert.True(op.HasArg ? op.ArgumentKind != OpcodeArgumentKind.None : op.ArgumentKind == OpcodeArgumentKind.None || op.Category == OpcodeCategory.Pseudo, $"{table} {op}: {op.ArgumentKind}");
            if (op.HasConst && op.HasArg)
            {
                Assert.Equal(OpcodeArgumentKind.Constant, op.ArgumentKind);
            }
        }
    }

    private static void CheckScalars(OpcodeTable table, JsonElement facts)
    {
        Assert.Equal(facts.GetProperty("cmp_op").EnumerateArray().Select(e => e.GetString()), table.CmpOp);
        Assert.Equal(facts.GetProperty("have_argument").GetInt32(), table.HaveArgument);
        Assert.Equal(facts.GetProperty("extended_arg").GetInt32(), table.ExtendedArg.Number);
        Assert.Equal("EXTENDED_ARG", table.ExtendedArg.Name);
        var magic = facts.GetProperty("magic").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
        Assert.Equal(magic, table.MagicBytes);
        Assert.Equal(magic[0] | (magic[1] << 8), table.Magic);
        Assert.True(OpcodeTables.TryGetForMagic(table.Magic, out var byMagic));
        Assert.Same(table, byMagic);
        Assert.Equal(table.Version >= PythonVersion.V3_6, table.Wordcode);

        var cache = facts.GetProperty("cache").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        foreach (var op in table.Opcodes)
        {
            if (cache.TryGetValue(op.Name, out var n) || op.Category != OpcodeCategory.Specialized)
            {
                Assert.True(n == op.CacheEntries, $"{table} {op}: cache {op.CacheEntries}, interpreter {n}");
            }
        }

        foreach (var group in facts.GetProperty("named").EnumerateObject())
        {
            var expected = group.Value.EnumerateArray().Select(e => (e[0].GetInt32(), e[1].GetString()!)).ToArray();
            Assert.Equal(expected, table.GetArgumentNames(group.Name).Select(a => (a.Value, a.Name)));
            Assert.Equal(OpcodeArgumentKind.NamedValue, table[group.Name].ArgumentKind);
        }

        foreach (var flag in facts.GetProperty("flags").EnumerateObject())
        {
            Assert.Equal(flag.Value.GetInt32(), table.GetCoFlag(flag.Name));
        }
    }

    /// <summary>The generated class has a field per real opcode (nested classes for the rest) and nothing else named like one.</summary>
    private static void CheckGeneratedFields(OpcodeTable table, Type cls)
    {
        var nested = new Dictionary<OpcodeCategory, string>
        {
            [OpcodeCategory.Real] = string.Empty,
            [OpcodeCategory.Specialized] = "Specialized",
            [OpcodeCategory.Instrumented] = "Instrumented",
            [OpcodeCategory.Pseudo] = "Pseudo",
        };
        foreach (var (category, nestedName) in nested)
        {
            var holder = nestedName.Length == 0 ? cls : cls.GetNestedType(nestedName);
            var expected = table.Opcodes.Where(o => o.Category == category).ToList();
            if (holder is null)
            {
                Assert.Empty(expected);
                continue;
            }

            var fields = holder.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(Opcode)).ToList();
            Assert.Equal(expected.Count, fields.Count);
            foreach (var op in expected)
            {
                var field = Assert.Single(fields, f => f.Name == op.Name.Replace('+', '_'));
                Assert.True(field.IsInitOnly);
                Assert.Equal(op, (Opcode)field.GetValue(null)!);
            }
        }
    }

    private static void CheckStackEffects(OpcodeTable table, JsonElement facts, bool jumps)
    {
        var checkedValues = 0;
        foreach (var entry in facts.GetProperty("effects").EnumerateObject())
        {
            var op = table[entry.Name];
            var answered = false;
            foreach (var row in entry.Value.EnumerateArray())
            {
                int? arg = row[0].ValueKind == JsonValueKind.Null ? null : row[0].GetInt32();
                var kinds = jumps ? new bool?[] { null, true, false } : [null];
                for (var k = 0; k < kinds.Length; k++)
                {
                    if (row[k + 1].ValueKind == JsonValueKind.Null)
                    {
                        continue; // the interpreter rejects this argument: a don't-care
                    }

                    answered = true;
                    var expected = row[k + 1].GetInt32();
                    Assert.True(op.HasStackEffect || op.NoJumpEffect is not null, $"{table} {op}: no stack effect, interpreter says {expected}");
                    var actual = op.NetStackEffect(arg ?? 0, kinds[k]);
                    Assert.True(expected == actual, $"{table} {op} oparg={arg} jump={kinds[k]}: interpreter {expected}, generated {actual}");
                    if (op.PopsFormula is not null)
                    {
                        var (pop, push) = op.StackEffect(arg ?? 0, kinds[k]);
                        Assert.True(pop >= 0 && push >= 0, $"{table} {op} oparg={arg}: pops {pop}, pushes {push}");
                        Assert.Equal(expected, push - pop);
                    }

                    checkedValues++;
                }
            }

            if (!answered)
            {
                Assert.Null(op.NoJumpEffect);
            }
        }

        Assert.True(checkedValues > 1000, $"only {checkedValues} stack effects compared");
    }
}
