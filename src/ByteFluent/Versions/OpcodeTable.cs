using System.Globalization;

namespace ByteFluent.Versions;

/// <summary>
/// The opcodes of one CPython version (or of a custom build): names, numbers, <c>has*</c> sets, <c>cmp_op</c>, named
/// argument values, <c>CO_*</c> flags, and stack effects. The built-in tables are <c>Python27.Table</c> …
/// <c>Python315.Table</c> (see <see cref="OpcodeTables"/>); they are generated from the JSON tables extracted from the
/// real interpreters.
/// </summary>
public sealed partial class OpcodeTable
{
    private readonly OpcodeInfo?[] _infos;
    // Plain dictionaries, not frozen ones: a table is built at start-up, and freezing cost more than its lookups saved.
    private readonly Dictionary<string, int> _numbersByName;
    private readonly Opcode[] _opcodes;

    /// <summary>Builds a table and checks that it is consistent.</summary>
    /// <exception cref="InvalidOpcodeTableException">Duplicate names or numbers, or a set, deopt or target naming an unknown opcode.</exception>
    public OpcodeTable(OpcodeTableDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ClassName = definition.ClassName;
        Version = definition.Version;
        Interpreter = definition.Interpreter;
        Source = definition.Source;
        Magic = definition.Magic;
        MagicBytes = definition.MagicBytes.ToArray();
        MarshalVersion = definition.MarshalVersion;
        HaveArgument = definition.HaveArgument;
        Wordcode = definition.Wordcode;

        if (definition.Opcodes.Count == 0)
        {
            throw Invalid("it has no opcodes.");
        }

        var limit = Math.Max(256, definition.Opcodes.Max(o => o.Number) + 1);
        _infos = new OpcodeInfo?[limit];
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var op in definition.Opcodes)
        {
            if (op.Number < 0 || op.Number > ushort.MaxValue)
            {
                throw Invalid($"opcode {op.Name} has number {op.Number}, outside 0–65535.");
            }

            if (_infos[op.Number] is { } other)
            {
                throw Invalid($"opcodes {other.Name} and {op.Name} share number {op.Number}.");
            }

            if (!byName.TryAdd(op.Name, op.Number))
            {
                throw Invalid($"opcode name {op.Name} is used twice.");
            }

            _infos[op.Number] = new OpcodeInfo(op);
        }

        _numbersByName = byName;
        _opcodes = Enumerable.Range(0, limit).Where(n => _infos[n] is not null).Select(n => new Opcode(this, n)).ToArray();
        OpName = Enumerable.Range(0, limit).Select(n => _infos[n]?.Name ?? "<" + n.ToString(CultureInfo.InvariantCulture) + ">").ToArray();
        OpMap = _numbersByName.ToDictionary(p => p.Key, p => new Opcode(this, p.Value), StringComparer.Ordinal);

        foreach (var op in definition.Opcodes)
        {
            var info = _infos[op.Number]!;
            if (op.Deopt is not null)
            {
                info.Deopt = NumberOf(op.Deopt, $"the deopt of {op.Name}");
            }

            if (op.Targets is { Count: > 0 })
            {
                info.Targets = op.Targets.Select(t => new Opcode(this, NumberOf(t, $"a target of {op.Name}"))).ToArray();
            }
        }

        Sets = BuildSets(definition, limit);
        HasJump = Sets.TryGetValue("hasjump", out var jump)
            ? jump
            : new OpcodeSet(this, "hasjump", false, HasJrel.Concat(HasJabs).Select(o => o.Number), limit);
        HasArg = Sets.TryGetValue("hasarg", out var arg)
            ? arg
            : new OpcodeSet(this, "hasarg", false, definition.Opcodes.Where(o => o.HasArg).Select(o => o.Number), limit);
        foreach (var op in HasJump)
        {
            _infos[op.Number]!.Sets |= KnownSets.Jump;
        }

        foreach (var op in HasArg)
        {
            _infos[op.Number]!.Sets |= KnownSets.Arg;
        }

        if (!_numbersByName.Values.Contains(definition.ExtendedArg))
        {
            throw Invalid($"EXTENDED_ARG number {definition.ExtendedArg} is not an opcode.");
        }

        ExtendedArg = new Opcode(this, definition.ExtendedArg);
        CmpOp = definition.CmpOp.ToArray();
        var names = new Dictionary<string, IReadOnlyList<ArgumentName>>(StringComparer.Ordinal);
        foreach (var group in definition.ArgumentNames)
        {
            var values = group.Values.ToArray();
            names[group.Opcode] = values;
            if (_numbersByName.TryGetValue(group.Opcode, out var n))
            {
                _infos[n]!.ArgumentNames = values;
            }
        }

        ArgumentNames = names;
        CoFlags = definition.CoFlags.ToArray();
    }

    /// <summary>The name of the generated static class, e.g. <c>Python312</c>.</summary>
    public string ClassName { get; }

    /// <summary>The bytecode language version.</summary>
    public PythonVersion Version { get; }

    /// <summary>The exact interpreter the facts were read from, e.g. <c>3.12.1</c>.</summary>
    public string Interpreter { get; }

    /// <summary>Where that interpreter came from (<c>pyenv</c> or <c>pyodide</c> for the built-in tables).</summary>
    public string Source { get; }

    /// <summary>The little-endian 16-bit value of the first two magic bytes of a <c>.pyc</c>.</summary>
    public int Magic { get; }

    /// <summary>The four magic bytes that start a <c>.pyc</c> of this version.</summary>
    public IReadOnlyList<byte> MagicBytes { get; }

    /// <summary><c>marshal.version</c>.</summary>
    public int MarshalVersion { get; }

    /// <summary><c>opcode.HAVE_ARGUMENT</c>: before 3.12, opcodes numbered from here on take an argument.</summary>
    public int HaveArgument { get; }

    /// <summary>The <c>EXTENDED_ARG</c> opcode.</summary>
    public Opcode ExtendedArg { get; }

    /// <summary>Whether every instruction is one 2-byte code unit (3.6+) rather than 1 or 3 bytes (2.7).</summary>
    public bool Wordcode { get; }

    /// <summary>Every opcode, ascending by number, including specialized, instrumented and pseudo ones.</summary>
    public IReadOnlyList<Opcode> Opcodes => _opcodes;

    /// <summary><c>opcode.opmap</c>: opcodes by name.</summary>
    public IReadOnlyDictionary<string, Opcode> OpMap { get; }

    /// <summary><c>opcode.opname</c>: names by number, <c>&lt;N&gt;</c> for unused numbers (at least 256 entries).</summary>
    public IReadOnlyList<string> OpName { get; }

    /// <summary><c>opcode.cmp_op</c>.</summary>
    public IReadOnlyList<string> CmpOp { get; }

    /// <summary>The named argument values <c>dis</c> knows, by opcode name (<c>BINARY_OP</c>, <c>CALL_INTRINSIC_1</c>, ...).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ArgumentName>> ArgumentNames { get; }

    /// <summary>Every <c>CO_*</c> flag of the version.</summary>
    public IReadOnlyList<CodeFlag> CoFlags { get; }

    /// <summary>The opcode with this number.</summary>
    /// <exception cref="UnknownOpcodeException">No opcode has the number.</exception>
    public Opcode this[int number] => TryGetOpcode(number, out var op) ? op : throw new UnknownOpcodeException(this, number);

    /// <summary>The opcode with this CPython name.</summary>
    /// <exception cref="UnknownOpcodeException">The version has no such opcode.</exception>
    public Opcode this[string name] => TryGetOpcode(name, out var op) ? op : throw new UnknownOpcodeException(this, name);

    /// <summary>Looks an opcode up by number.</summary>
    public bool TryGetOpcode(int number, out Opcode opcode)
    {
        if ((uint)number < (uint)_infos.Length && _infos[number] is not null)
        {
            opcode = new Opcode(this, number);
            return true;
        }

        opcode = default;
        return false;
    }

    /// <summary>Looks an opcode up by CPython name.</summary>
    public bool TryGetOpcode(string name, out Opcode opcode)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_numbersByName.TryGetValue(name, out var number))
        {
            opcode = new Opcode(this, number);
            return true;
        }

        opcode = default;
        return false;
    }

    /// <summary>Whether the version has an opcode of this name.</summary>
    public bool Contains(string name) => _numbersByName.ContainsKey(name);

    /// <summary>The named values of an opcode's argument; empty when it has none.</summary>
    public IReadOnlyList<ArgumentName> GetArgumentNames(string opcodeName)
        => ArgumentNames.TryGetValue(opcodeName, out var values) ? values : [];

    /// <summary>The value of a <c>CO_*</c> flag.</summary>
    /// <exception cref="KeyNotFoundException">The version does not define the flag.</exception>
    public int GetCoFlag(string name)
        => CoFlags.FirstOrDefault(f => f.Name == name)?.Value
           ?? throw new KeyNotFoundException($"{Describe()} defines no code flag {name}.");

    /// <summary>The class name and version, e.g. <c>Python312 (CPython 3.12.1)</c>.</summary>
    public override string ToString() => Describe();

    internal string Describe() => $"{ClassName} (CPython {(Interpreter.Length > 0 ? Interpreter : Version.ToString())})";

    internal OpcodeInfo InfoAt(int number) => _infos[number]!;

    private int NumberOf(string name, string what)
        => _numbersByName.TryGetValue(name, out var n) ? n : throw Invalid($"{what} is {name}, which is not an opcode.");

    private InvalidOpcodeTableException Invalid(string message) => new(ClassName, message);
}
