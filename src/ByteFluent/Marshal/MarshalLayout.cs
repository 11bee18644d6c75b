namespace ByteFluent.Marshal;

/// <summary>
/// How one value was encoded in marshal data, captured by <see cref="MarshalReader"/> so that
/// <see cref="MarshalWriter"/> can reproduce the exact bytes: the type byte (with FLAG_REF), which
/// occurrences were back-references and to which object, the integer and float encodings, tuple size
/// forms, and the same for every child. The layout is a tree mirroring the value; the writer follows it
/// wherever the value it is given still fits (compared by value, not identity), so an equal value —
/// for instance a code object rebuilt from an edited model — is written identically, and a changed part
/// falls back to CPython's rules (<see cref="MarshalWriter"/>) without disturbing the rest.
/// </summary>
public sealed class MarshalLayout
{
    internal MarshalLayout(byte code, int index)
    {
        Code = code;
        Index = index;
    }

    /// <summary>The type byte as read, including FLAG_REF.</summary>
    internal byte Code { get; }

    /// <summary>For a flagged object (or 2.7 interned string) the reference index it was given; for a reference the index it names; else -1.</summary>
    internal int Index { get; }

    /// <summary>The layouts of the children, in marshal order (for a code object: its object fields).</summary>
    internal MarshalLayout[]? Children { get; set; }

    /// <summary>For a reference: the layout of the referenced object.</summary>
    internal MarshalLayout? Target { get; set; }

    /// <summary>For text floats ('f') the text; for text complex ('x') the real part's text.</summary>
    internal string? Text { get; set; }

    /// <summary>For text complex ('x') the imaginary part's text.</summary>
    internal string? Text2 { get; set; }

    /// <summary>The type code without FLAG_REF.</summary>
    internal byte Type => (byte)(Code & 0x7F);

    /// <summary>Whether the object carried FLAG_REF.</summary>
    internal bool Flagged => (Code & MarshalType.FlagRef) != 0;

    /// <summary>Whether this occurrence was a back-reference ('r', or 'R' in 2.7).</summary>
    internal bool IsReference => Type is MarshalType.Ref or MarshalType.StringRef;

    /// <summary>The number of nodes in this layout tree (for diagnostics).</summary>
    public int NodeCount
    {
        get
        {
            var n = 0;
            var stack = new Stack<MarshalLayout>();
            stack.Push(this);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                n++;
                foreach (var c in node.Children ?? [])
                {
                    stack.Push(c);
                }
            }

            return n;
        }
    }
}
