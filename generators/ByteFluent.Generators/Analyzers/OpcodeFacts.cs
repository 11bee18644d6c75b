using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ByteFluent.Generators.Analyzers;

/// <summary>A stack formula read back from <c>[OpcodeMethod]</c> (<c>base;arg;lo;hi;mask;table;cases</c>).</summary>
internal sealed class StackFormula
{
    private readonly int[] terms;
    private readonly int[] table;
    private readonly int[] cases;

    private StackFormula(int[] terms, int[] table, int[] cases)
    {
        this.terms = terms;
        this.table = table;
        this.cases = cases;
    }

    /// <summary>Whether the value does not depend on the oparg at all.</summary>
    public bool IsConstant => terms[1] == 0 && terms[2] == 0 && terms[3] == 0 && cases.Length == 0 && Uniform;

    private bool Uniform
    {
        get
        {
            foreach (var t in table)
            {
                if (t != table[0])
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Whether knowing only the oparg's low <paramref name="bits"/> bits is enough.</summary>
    public bool NeedsOnlyLowBits(int bits) =>
        terms[1] == 0 && terms[2] == 0 && terms[3] == 0 && cases.Length == 0 && (Uniform || terms[4] < (1 << bits));

    public int Evaluate(int oparg)
    {
        for (var i = 0; i + 1 < cases.Length; i += 2)
        {
            if (cases[i] == oparg)
            {
                return cases[i + 1];
            }
        }

        var fromTable = table.Length == 0 ? 0 : table[(oparg & terms[4]) % table.Length];
        return terms[0] + (terms[1] * oparg) + (terms[2] * (oparg & 0xFF)) + (terms[3] * (oparg >> 8)) + fromTable;
    }

    public static StackFormula? Parse(string? code)
    {
        if (string.IsNullOrEmpty(code) || code == "?")
        {
            return null;
        }

        var parts = code!.Split(';');
        if (parts.Length != 7)
        {
            return null;
        }

        var terms = new int[5];
        for (var i = 0; i < 5; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out terms[i]))
            {
                return null;
            }
        }

        return Ints(parts[5]) is { } table && Ints(parts[6]) is { } cases ? new StackFormula(terms, table, cases) : null;
    }

    private static int[]? Ints(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var items = text.Split(' ');
        var result = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (!int.TryParse(items[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result[i]))
            {
                return null;
            }
        }

        return result;
    }
}

/// <summary>What an opcode method says about itself through <c>[OpcodeMethod]</c>.</summary>
internal sealed class OpInfo
{
    public OpInfo(string opcode, string kind, int pops, int pushes, AttributeData attribute)
    {
        Opcode = opcode;
        Kind = kind;
        Pops = pops;
        Pushes = pushes;
        foreach (var named in attribute.NamedArguments)
        {
            var text = named.Value.Value as string;
            switch (named.Key)
            {
                case "PopsFormula": PopsFormula = StackFormula.Parse(text); break;
                case "NetFormula": NetFormula = StackFormula.Parse(text); break;
                case "JumpFormula": JumpUnknown = text == "?"; JumpFormula = StackFormula.Parse(text); break;
                case "Oparg": Oparg = text; break;
            }
        }
    }

    public string Opcode { get; }

    public string Kind { get; }

    /// <summary>Fixed pops on fall-through, or -1.</summary>
    public int Pops { get; }

    /// <summary>Fixed pushes on fall-through, or -1.</summary>
    public int Pushes { get; }

    public StackFormula? PopsFormula { get; }

    public StackFormula? NetFormula { get; }

    /// <summary>Null: the same as <see cref="NetFormula"/> (unless <see cref="JumpUnknown"/>).</summary>
    public StackFormula? JumpFormula { get; }

    public bool JumpUnknown { get; }

    public string? Oparg { get; }

    public bool IsJump => Kind is "RelativeJump" or "AbsoluteJump" or "ExceptionHandler";

    /// <summary>Unconditional transfers: nothing after them runs unless a label is marked.</summary>
    public bool IsTerminator => Opcode is "JUMP_FORWARD" or "JUMP_ABSOLUTE" or "JUMP_BACKWARD" or "JUMP_BACKWARD_NO_INTERRUPT" or "JUMP"
        or "JUMP_NO_INTERRUPT" or "RETURN_VALUE" or "RETURN_CONST" or "RAISE_VARARGS" or "RERAISE" or "CONTINUE_LOOP" or "BREAK_LOOP" or "END_FINALLY";

    /// <summary>Whether the constant must be a tuple of names (KW_NAMES: CPython raises SystemError on anything else).</summary>
    public bool NeedsNameTuple => Opcode == "KW_NAMES";

    /// <summary>Fast-local opcodes (LOAD_FAST, STORE_FAST, ...): only code with fast locals may use them.</summary>
    public bool IsFastLocal => Kind == "Local";

    /// <summary>Cell and free opcodes (LOAD_DEREF, LOAD_CLOSURE, MAKE_CELL, ...): their name must be a declared cell or free variable.</summary>
    public bool IsCellOrFree => Kind == "Free";

    /// <summary>Opcodes whose argument is a stack position, with the largest value CPython accepts (0 for "the depth").</summary>
    public int? OperandMax => Opcode switch
    {
        "SWAP" or "COPY" or "ROT_N" => 0,
        "DUP_TOPX" => 5,
        _ => null,
    };
}

/// <summary>The library's types the rules need, looked up once per compilation, with per-class opcode caches.</summary>
internal sealed class BuilderSymbols
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, OpInfo>> byClass = new(SymbolEqualityComparer.Default);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, OpInfo?> byMethod = new(SymbolEqualityComparer.Default);

    private BuilderSymbols(INamedTypeSymbol builderBase, INamedTypeSymbol attribute, INamedTypeSymbol? instr, INamedTypeSymbol? label, INamedTypeSymbol? pycFile)
    {
        BuilderBase = builderBase;
        Attribute = attribute;
        Instr = instr;
        Label = label;
        PycFile = pycFile;
    }

    public INamedTypeSymbol BuilderBase { get; }

    public INamedTypeSymbol Attribute { get; }

    public INamedTypeSymbol? Instr { get; }

    public INamedTypeSymbol? Label { get; }

    public INamedTypeSymbol? PycFile { get; }

    public static BuilderSymbols? From(Compilation compilation)
    {
        var builder = compilation.GetTypeByMetadataName("ByteFluent.Building.CodeBuilder`1");
        var attribute = compilation.GetTypeByMetadataName("ByteFluent.Building.OpcodeMethodAttribute");
        return builder is null || attribute is null
            ? null
            : new BuilderSymbols(builder, attribute, compilation.GetTypeByMetadataName("ByteFluent.Model.Instr"),
                compilation.GetTypeByMetadataName("ByteFluent.Model.Label"), compilation.GetTypeByMetadataName("ByteFluent.Pyc.PycFile"));
    }

    public bool IsBuilderType(ITypeSymbol? type)
    {
        for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, BuilderBase))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsLabelType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "BuilderLabel" } t && t.ContainingNamespace?.ToDisplayString() == "ByteFluent.Building";

    /// <summary>The generated version class (e.g. <c>Python312</c>) of a builder type, or null.</summary>
    public INamedTypeSymbol? BuilderVersionClass(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Builder", ContainingType: { } cls } && IsBuilderType(type) ? cls : null;

    public bool HasBuilder(INamedTypeSymbol? cls) => cls?.GetTypeMembers("Builder").Any(IsBuilderType) == true;

    public static string? VersionOf(INamedTypeSymbol cls)
    {
        foreach (var b in cls.GetTypeMembers("Builder"))
        {
            foreach (var m in b.GetMembers("TargetVersion"))
            {
                if (m is IFieldSymbol { ConstantValue: string v })
                {
                    return v;
                }
            }
        }

        return null;
    }

    /// <summary>The opcode behind a field name (<c>LOAD_FAST</c>, <c>SLICE_0</c>) in a version class, or null if the version lacks it.</summary>
    public OpInfo? OpcodeInfo(INamedTypeSymbol cls, string fieldName) =>
        Methods(cls).TryGetValue(fieldName, out var info) ? info : null;

    public OpInfo? MethodInfo(IMethodSymbol method) => byMethod.GetOrAdd(method.OriginalDefinition, m =>
    {
        foreach (var a in m.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, Attribute) && a.ConstructorArguments.Length == 5)
            {
                return new OpInfo((string)a.ConstructorArguments[0].Value!, (string)a.ConstructorArguments[2].Value!,
                    (int)a.ConstructorArguments[3].Value!, (int)a.ConstructorArguments[4].Value!, a);
            }
        }

        return null;
    });

    private Dictionary<string, OpInfo> Methods(INamedTypeSymbol cls) => byClass.GetOrAdd(cls, c =>
    {
        var result = new Dictionary<string, OpInfo>();
        foreach (var builder in c.GetTypeMembers("Builder"))
        {
            foreach (var member in builder.GetMembers())
            {
                if (member is IMethodSymbol method && MethodInfo(method) is { } info)
                {
                    result[info.Opcode.Replace('+', '_')] = info;
                }
            }
        }

        return result;
    });
}
