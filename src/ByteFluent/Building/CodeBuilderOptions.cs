namespace ByteFluent.Building;

/// <summary>What a builder makes: a function body (fast locals) or a module/class body (names).</summary>
public enum CodeBuilderKind
{
    /// <summary>A module body: <c>CO_OPTIMIZED</c> and <c>CO_NEWLOCALS</c> clear, variables live in <c>co_names</c>.</summary>
    Module,

    /// <summary>A function body: <c>CO_OPTIMIZED | CO_NEWLOCALS</c>, arguments are the first locals.</summary>
    Function,
}

/// <summary>The header of the code object a builder makes (everything but the instructions).</summary>
public sealed record CodeBuilderOptions
{
    /// <summary>Module or function.</summary>
    public CodeBuilderKind Kind { get; init; } = CodeBuilderKind.Module;

    /// <summary><c>co_name</c>.</summary>
    public string Name { get; init; } = "<module>";

    /// <summary><c>co_qualname</c> (3.11+); the name when null.</summary>
    public string? QualName { get; init; }

    /// <summary>Positional parameters, in order.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Positional-only parameters among <see cref="Args"/> (3.8+), counted from the start.</summary>
    public int PosOnlyArgCount { get; init; }

    /// <summary>Keyword-only parameters (3.x), after the positional ones.</summary>
    public IReadOnlyList<string> KwOnlyArgs { get; init; } = [];

    /// <summary>The <c>*args</c> parameter, if any.</summary>
    public string? VarArgs { get; init; }

    /// <summary>The <c>**kwargs</c> parameter, if any.</summary>
    public string? VarKeywords { get; init; }

    /// <summary>Variables of this code that inner functions capture (<c>co_cellvars</c>).</summary>
    public IReadOnlyList<string> CellVars { get; init; } = [];

    /// <summary>Variables captured from an enclosing function (<c>co_freevars</c>).</summary>
    public IReadOnlyList<string> FreeVars { get; init; } = [];

    /// <summary><c>co_filename</c>.</summary>
    public string Filename { get; init; } = "<bytefluent>";

    /// <summary><c>co_firstlineno</c>.</summary>
    public int FirstLineNo { get; init; } = 1;

    /// <summary>
    /// 3.11+: start the code with <c>COPY_FREE_VARS</c> and one <c>MAKE_CELL</c> per cell, as CPython's compiler does, unless
    /// the instructions already contain them (default true; false for deliberate experiments).
    /// </summary>
    public bool CellPrologue { get; init; } = true;

    /// <summary>Extra <c>CO_*</c> flags (generator, coroutine, ...) beside the ones the kind and parameters imply.</summary>
    public int ExtraFlags { get; init; }
}
