namespace ByteFluent.Text;

/// <summary>Reads the tokens of one line, with errors that point at the token (or the end of the line).</summary>
internal sealed class AsmCursor(IReadOnlyList<AsmToken> tokens, string file, int line, int lineLength)
{
    private int position;

    /// <summary>The file name for messages.</summary>
    public string File => file;

    /// <summary>The 1-based line number.</summary>
    public int Line => line;

    /// <summary>Whether every token has been read.</summary>
    public bool AtEnd => position >= tokens.Count;

    /// <summary>The next token, or null at the end of the line.</summary>
    public AsmToken? Peek => position < tokens.Count ? tokens[position] : null;

    /// <summary>The token after the next one, or null.</summary>
    public AsmToken? PeekSecond => position + 1 < tokens.Count ? tokens[position + 1] : null;

    /// <summary>The column of the next token (one past the line's end at the end).</summary>
    public int Column => Peek?.Column ?? (lineLength + 1);

    /// <summary>Takes the next token; at the end of the line reports that <paramref name="expected"/> was expected.</summary>
    public AsmToken Next(string expected) => position < tokens.Count ? tokens[position++] : throw Error($"expected {expected}, found the end of the line");

    /// <summary>Takes the next token when it is the punctuation <paramref name="p"/>.</summary>
    public bool Accept(string p)
    {
        if (Peek is { } t && t.Is(p))
        {
            position++;
            return true;
        }

        return false;
    }

    /// <summary>Takes the punctuation <paramref name="p"/> or reports what was expected.</summary>
    public void Expect(string p, string context)
    {
        var t = Next($"'{p}' {context}");
        if (!t.Is(p))
        {
            throw Error(t, $"expected '{p}' {context}, found {t.Describe()}");
        }
    }

    /// <summary>Reports that nothing more was expected on the line.</summary>
    public void ExpectEnd(string what)
    {
        if (Peek is { } t)
        {
            throw Error(t, $"unexpected {t.Describe()} after {what}: expected the end of the line");
        }
    }

    /// <summary>An error at <paramref name="token"/>.</summary>
    public AsmSyntaxException Error(AsmToken token, string message) => new(file, line, token.Column, message);

    /// <summary>An error at the next token (or the end of the line).</summary>
    public AsmSyntaxException Error(string message) => new(file, line, Column, message);
}
