namespace ByteFluent.Marshal;

/// <summary>
/// How a string is (or was) encoded in marshal data. Reading keeps the exact form so that writing
/// reproduces it; <see cref="Auto"/> and <see cref="AutoInterned"/> let the writer choose the way CPython
/// does for the target version. The form is not part of a string's value, except that Python 2 byte
/// strings (<see cref="Py2Str"/>, <see cref="Py2Interned"/>) differ from text.
/// </summary>
public enum PyStringForm : byte
{
    /// <summary>Not interned; the writer picks the shortest CPython form (short ascii, ascii or unicode; 2.7: unicode).</summary>
    Auto,

    /// <summary>Interned; the writer picks the CPython form (short ascii / ascii interned, or interned unicode; 2.7: interned str).</summary>
    AutoInterned,

    /// <summary><c>'a'</c> TYPE_ASCII (3.4+): one byte per character, 4-byte length.</summary>
    Ascii,

    /// <summary><c>'A'</c> TYPE_ASCII_INTERNED (3.4+).</summary>
    AsciiInterned,

    /// <summary><c>'z'</c> TYPE_SHORT_ASCII (3.4+): one byte per character, 1-byte length.</summary>
    ShortAscii,

    /// <summary><c>'Z'</c> TYPE_SHORT_ASCII_INTERNED (3.4+).</summary>
    ShortAsciiInterned,

    /// <summary><c>'u'</c> TYPE_UNICODE: UTF-8 (lone surrogates allowed); in 2.7 a <c>unicode</c> object.</summary>
    Unicode,

    /// <summary><c>'t'</c> TYPE_INTERNED in Python 3: interned, UTF-8.</summary>
    Interned,

    /// <summary><c>'s'</c> in 2.7: a Python 2 <c>str</c> (byte string); each character is one byte (Latin-1).</summary>
    Py2Str,

    /// <summary><c>'t'</c> in 2.7 (later occurrences as <c>'R'</c> references): an interned Python 2 <c>str</c>.</summary>
    Py2Interned,
}

/// <summary>Helpers on <see cref="PyStringForm"/>.</summary>
public static class PyStringFormExtensions
{
    /// <summary>Whether the form is a Python 2 byte string (<c>str</c>) rather than text.</summary>
    public static bool IsPy2ByteString(this PyStringForm form) => form is PyStringForm.Py2Str or PyStringForm.Py2Interned;

    /// <summary>Whether strings of this form are interned.</summary>
    public static bool IsInterned(this PyStringForm form) => form is PyStringForm.AutoInterned or PyStringForm.AsciiInterned
        or PyStringForm.ShortAsciiInterned or PyStringForm.Interned or PyStringForm.Py2Interned;
}
