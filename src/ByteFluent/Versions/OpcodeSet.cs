using System.Collections;

namespace ByteFluent.Versions;

/// <summary>
/// One <c>has*</c> set of an <see cref="OpcodeTable"/> (<c>hasconst</c>, <c>hasjrel</c>, ...): its opcodes in
/// ascending number order, with a constant-time <see cref="Contains(Opcode)"/>.
/// </summary>
public sealed class OpcodeSet : IReadOnlyCollection<Opcode>
{
    private readonly bool[] _members;
    private readonly Opcode[] _opcodes;

    internal OpcodeSet(OpcodeTable table, string name, bool definedByVersion, IEnumerable<int> numbers, int numberLimit)
    {
        Table = table;
        Name = name;
        DefinedByVersion = definedByVersion;
        _members = new bool[numberLimit];
        foreach (var n in numbers)
        {
            _members[n] = true;
        }

        _opcodes = Enumerable.Range(0, numberLimit).Where(n => _members[n]).Select(n => new Opcode(table, n)).ToArray();
    }

    /// <summary>The table the set belongs to.</summary>
    public OpcodeTable Table { get; }

    /// <summary>The set's name in CPython's <c>opcode</c> module, e.g. <c>hasconst</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether the version's <c>opcode</c> module defines the set; <see langword="false"/> for a set ByteFluent derives
    /// (<c>hasjump</c> before 3.13, <c>hasarg</c> before 3.12) or one the version lacks (then the set is empty).
    /// </summary>
    public bool DefinedByVersion { get; }

    /// <summary>How many opcodes the set has.</summary>
    public int Count => _opcodes.Length;

    /// <summary>The opcodes, ascending by number.</summary>
    public IReadOnlyList<Opcode> Opcodes => _opcodes;

    /// <summary>Whether the opcode belongs to this set (an opcode of another table never does).</summary>
    public bool Contains(Opcode opcode) => opcode.IsValid && ReferenceEquals(opcode.Table, Table) && Contains(opcode.Number);

    /// <summary>Whether the opcode number belongs to this set.</summary>
    public bool Contains(int number) => (uint)number < (uint)_members.Length && _members[number];

    /// <inheritdoc/>
    public IEnumerator<Opcode> GetEnumerator() => ((IEnumerable<Opcode>)_opcodes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The set's name and size.</summary>
    public override string ToString() => $"{Name} ({Count} opcodes)";
}
