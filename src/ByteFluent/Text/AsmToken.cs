namespace ByteFluent.Text;

/// <summary>The kinds of <see cref="AsmToken"/>.</summary>
internal enum AsmTokenKind
{
    /// <summary>A run of characters other than spaces, quotes, <c>#</c> and punctuation: names, numbers, opcodes, options.</summary>
    Word,

    /// <summary>A quoted string with an optional <c>b</c> or <c>u</c> prefix.</summary>
    String,

    /// <summary>One of <c>, ( ) [ ] { } :</c>.</summary>
    Punct,
}

/// <summary>A token of one line of assembly.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Text">The source text (for a string: the prefix, lower-cased).</param>
/// <param name="Column">The 1-based column of its first character.</param>
/// <param name="CodePoints">For a string, its code points after escapes.</param>
internal sealed record AsmToken(AsmTokenKind Kind, string Text, int Column, IReadOnlyList<int>? CodePoints = null)
{
    /// <summary>Whether this is the punctuation <paramref name="p"/>.</summary>
    public bool Is(string p) => Kind == AsmTokenKind.Punct && Text == p;

    /// <summary>Whether this is the word <paramref name="w"/>.</summary>
    public bool IsWord(string w) => Kind == AsmTokenKind.Word && Text == w;

    /// <summary>How the token reads in a message.</summary>
    public string Describe() => Kind switch
    {
        AsmTokenKind.String => "a string",
        _ => $"'{Text}'",
    };
}
