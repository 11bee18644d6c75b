namespace ByteFluent.Versions;

/// <summary>
/// What an opcode's argument means, derived by the generator from the <c>has*</c> sets and named arguments of its table
/// (the first match of: hasconst, hasname, haslocal, hasfree, hasjabs, hasjrel/hasjump, hascompare, hasexc, named values).
/// A pseudo opcode in one of those sets gets its kind even where the version leaves it out of <c>hasarg</c> (3.12's SETUP_*).
/// </summary>
public enum OpcodeArgumentKind
{
    /// <summary>The opcode takes no argument.</summary>
    None,

    /// <summary>A plain number: a count, a flag word or an index with no table of its own.</summary>
    Number,

    /// <summary>An index into <c>co_consts</c> (<c>hasconst</c>).</summary>
    Constant,

    /// <summary>An index into <c>co_names</c> (<c>hasname</c>), possibly with flag bits packed in.</summary>
    Name,

    /// <summary>A local variable slot (<c>haslocal</c>).</summary>
    Local,

    /// <summary>A cell or free variable (<c>hasfree</c>).</summary>
    Free,

    /// <summary>A jump target relative to the next instruction (<c>hasjrel</c>, or <c>hasjump</c> in 3.13+).</summary>
    RelativeJump,

    /// <summary>An absolute jump target (<c>hasjabs</c>).</summary>
    AbsoluteJump,

    /// <summary>An index into <c>cmp_op</c> (<c>hascompare</c>), possibly with flag bits packed in.</summary>
    Compare,

    /// <summary>An exception handler target of a compiler pseudo-instruction (<c>hasexc</c>).</summary>
    ExceptionHandler,

    /// <summary>A value with a name from <see cref="OpcodeTable.ArgumentNames"/> (BINARY_OP operators, intrinsics, ...).</summary>
    NamedValue,
}
