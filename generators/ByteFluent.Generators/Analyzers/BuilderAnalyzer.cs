using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ByteFluent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ByteFluent.Generators.Analyzers;

/// <summary>
/// Checks code that uses the generated builders and the version-neutral model: argument kinds (BF0004), labels
/// never marked or marked twice (BF0005, BF0006), stack underflow along straight-line builder chains (BF0007),
/// opcodes of another version that the builder's version lacks (BF0008) and <c>.pyc</c> headers of another version
/// than the built code (BF0009). Everything it knows about opcodes comes from the generated builders'
/// <c>[OpcodeMethod]</c> attributes, so it works for the built-in tables and for a user's own tables alike.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BuilderAnalyzer : DiagnosticAnalyzer
{
    private static readonly HashSet<string> Terminators =
    [
        "JUMP_FORWARD", "JUMP_ABSOLUTE", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP", "RETURN_VALUE", "RETURN_CONST",
        "RAISE_VARARGS", "RERAISE", "CONTINUE_LOOP", "BREAK_LOOP", "END_FINALLY",
    ];

    /// <summary>Property of a BF0004 diagnostic: the opcode's argument kind (<see cref="NoArgument"/> when it takes none).</summary>
    public const string ExpectedProperty = "ExpectedKind";

    /// <summary>Value of <see cref="ExpectedProperty"/> for an opcode without an argument.</summary>
    public const string NoArgument = "None";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.WrongArgumentKind, DiagnosticDescriptors.LabelNeverMarked, DiagnosticDescriptors.LabelMarkedTwice,
        DiagnosticDescriptors.StackUnderflow, DiagnosticDescriptors.MissingOpcode, DiagnosticDescriptors.PycVersionMismatch,
    ];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = Symbols.From(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeCreation(c, symbols), OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
            start.RegisterOperationBlockAction(c => AnalyzeLabels(c, symbols));
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, Symbols s)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!SymbolEqualityComparer.Default.Equals(creation.Type, s.Instr) || creation.Arguments.Length < 1)
        {
            return;
        }

        CheckArgument(context, s, creation.Arguments, creation.Syntax.GetLocation());
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, Symbols s)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name == "Emit" && s.BuilderVersionClass(invocation.Instance?.Type) is { } builderClass)
        {
            if (OpcodeField(invocation.Arguments.FirstOrDefault()?.Value) is { } field && field.ContainingType is { } fromClass
                && !SymbolEqualityComparer.Default.Equals(fromClass, builderClass) && s.OpcodeInfo(fromClass, field.Name) is { } info
                && s.OpcodeInfo(builderClass, field.Name) is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingOpcode, invocation.Arguments[0].Syntax.GetLocation(),
                    s.VersionOf(builderClass), info.Opcode, fromClass.Name));
            }

            CheckArgument(context, s, invocation.Arguments, invocation.Syntax.GetLocation());
        }

        if (method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ContainingType, s.PycFile) && invocation.Arguments.Length >= 2)
        {
            CheckPycVersion(context, s, invocation);
        }

        // Stack simulation once per chain: from its outermost call.
        if (s.BuilderVersionClass(method.ReturnType) is not null
            && !(invocation.Parent is IInvocationOperation outer && ReferenceEquals(outer.Instance, invocation))
            && !(invocation.Parent is IConversionOperation { Parent: IInvocationOperation outer2 } conv && ReferenceEquals(outer2.Instance, conv)))
        {
            SimulateStack(context, s, invocation);
        }
    }

    private static void CheckArgument(OperationAnalysisContext context, Symbols s, ImmutableArray<IArgumentOperation> arguments, Location location)
    {
        if (OpcodeField(arguments[0].Value) is not { ContainingType: { } cls } field || s.OpcodeInfo(cls, field.Name) is not { } info)
        {
            return;
        }

        var argument = arguments.Length > 1 ? arguments[1] : null;
        var value = argument?.Value;
        while (value is IConversionOperation { IsImplicit: true } c)
        {
            value = c.Operand;
        }

        var isDefault = argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue || value is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };
        var type = isDefault ? null : value?.Type;
        if (!isDefault && (type is null || type.SpecialType == SpecialType.System_Object))
        {
            return; // statically unknown: the assembler checks it
        }

        string? expected = info.Kind switch
        {
            "RelativeJump" or "AbsoluteJump" or "ExceptionHandler" => Is(type, s.Label) ? null : "a Label",
            "None" => isDefault || type!.SpecialType == SpecialType.System_Int32 ? null : "no argument",
            "Name" or "Local" or "Free" => type is not null && (type.SpecialType == SpecialType.System_String || IsModelRecord(type, "GlobalName", "AttrName", "SuperAttrName", "LocalPair")) ? null : "a name",
            "Compare" => type is not null && (type.SpecialType == SpecialType.System_String || IsModelRecord(type, "Comparison")) ? null : "a Comparison",
            "Number" or "NamedValue" => type is not null && (type.SpecialType == SpecialType.System_Int32 || IsModelRecord(type, "NamedArg")) ? null : "a number",
            "Constant" => Is(type, s.Label) ? "a constant" : null,
            _ => null,
        };
        if (expected is not null)
        {
            // The code fix reads what was expected (it removes an argument the opcode does not take).
            var properties = ImmutableDictionary<string, string?>.Empty.Add(ExpectedProperty, info.Kind == "None" ? NoArgument : info.Kind);
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WrongArgumentKind, argument?.Syntax.GetLocation() ?? location, properties,
                info.Opcode, expected, type is null ? "nothing" : type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) => type is not null && SymbolEqualityComparer.Default.Equals(type, expected);

    private static bool IsModelRecord(ITypeSymbol type, params string[] names) =>
        names.Contains(type.Name) && type.ContainingNamespace?.ToDisplayString() == "ByteFluent.Model";

    private static IFieldSymbol? OpcodeField(IOperation? value)
    {
        while (value is IConversionOperation c)
        {
            value = c.Operand;
        }

        return value is IFieldReferenceOperation { Field: { IsStatic: true } f } && f.Type.Name == "Opcode" ? f : null;
    }

    private static void CheckPycVersion(OperationAnalysisContext context, Symbols s, IInvocationOperation create)
    {
        var code = create.Arguments[0].Value;
        while (code is IConversionOperation c)
        {
            code = c.Operand;
        }

        if (code is not IInvocationOperation { TargetMethod.Name: "ToCode" } toCode || s.BuilderVersionClass(toCode.Instance?.Type) is not { } builderClass)
        {
            return;
        }

        var built = s.VersionOf(builderClass);
        var versionArg = create.Arguments[1].Value;
        while (versionArg is IConversionOperation c2)
        {
            versionArg = c2.Operand;
        }

        string? header = versionArg switch
        {
            IPropertyReferenceOperation { Property: { Name: "Version", IsStatic: true } p } when s.HasBuilder(p.ContainingType) => s.VersionOf(p.ContainingType),
            IFieldReferenceOperation { Field: { IsStatic: true } f } when f.ContainingType?.Name == "PythonVersion" && f.Name.StartsWith("V", System.StringComparison.Ordinal)
                => f.Name.Substring(1).Replace('_', '.'),
            _ => null,
        };
        if (header is not null && built is not null && header != built)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PycVersionMismatch, create.Arguments[1].Syntax.GetLocation(), built, header));
        }
    }

    private static void SimulateStack(OperationAnalysisContext context, Symbols s, IInvocationOperation last)
    {
        var chain = new List<IInvocationOperation>();
        IOperation? current = last;
        while (current is IInvocationOperation call)
        {
            chain.Add(call);
            current = call.Instance;
            while (current is IConversionOperation c)
            {
                current = c.Operand;
            }
        }

        chain.Reverse();

        // Only chains that start at an empty builder (a static Function/Module/Create of a generated class).
        if (chain.Count < 2 || !chain[0].TargetMethod.IsStatic || chain[0].TargetMethod.Name is not ("Function" or "Module" or "Create"))
        {
            return;
        }

        var depth = 0;
        foreach (var call in chain.Skip(1))
        {
            var m = call.TargetMethod;
            if (m.Name is "DefineLabel" or "Line" or "Position")
            {
                continue;
            }

            if (s.MethodInfo(m) is not { } info || info.Pops < 0)
            {
                return; // a label, a region, a raw Emit or an argument-dependent effect: depth unknown from here
            }

            if (depth < info.Pops)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StackUnderflow, NameLocation(call), info.Opcode, info.Pops, depth));
                return;
            }

            depth += info.Pushes - info.Pops;
            if (Terminators.Contains(info.Opcode))
            {
                return;
            }
        }
    }

    private static Location NameLocation(IInvocationOperation call)
    {
        // Point at ".PopTop()" rather than the whole chain before it.
        var syntax = call.Syntax;
        var text = syntax.ToString();
        var dot = text.LastIndexOf("." + call.TargetMethod.Name, System.StringComparison.Ordinal);
        return dot < 0 ? syntax.GetLocation() : Location.Create(syntax.SyntaxTree, new Microsoft.CodeAnalysis.Text.TextSpan(syntax.SpanStart + dot + 1, syntax.Span.Length - dot - 1));
    }

    private static void AnalyzeLabels(OperationBlockAnalysisContext context, Symbols s)
    {
        var defined = new Dictionary<ILocalSymbol, Location>(SymbolEqualityComparer.Default);
        var marks = new Dictionary<ILocalSymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);
        var escaped = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var block in context.OperationBlocks)
        {
            foreach (var op in block.DescendantsAndSelf())
            {
                if (op is ILocalReferenceOperation { Local: { } local } reference && local.Type?.Name == "BuilderLabel")
                {
                    var use = reference.Parent is IDeclarationExpressionOperation d ? d.Parent : reference.Parent;
                    if (use is not IArgumentOperation { Parent: IInvocationOperation inv } || s.BuilderVersionClass(inv.Instance?.Type) is null && !IsBuilderBase(inv, s))
                    {
                        escaped.Add(local);
                    }
                }

                if (op is not IInvocationOperation call || call.Arguments.Length == 0 || call.TargetMethod.ContainingType is not { } type || !s.IsBuilderType(type))
                {
                    continue;
                }

                var arg = call.Arguments[0].Value;
                var target = arg is IDeclarationExpressionOperation { Expression: ILocalReferenceOperation l1 } ? l1.Local
                    : arg is ILocalReferenceOperation l2 ? l2.Local : null;
                if (target is null)
                {
                    continue;
                }

                if (call.TargetMethod.Name == "DefineLabel")
                {
                    defined[target] = call.Arguments[0].Syntax.GetLocation();
                }
                else if (call.TargetMethod.Name == "MarkLabel")
                {
                    if (!marks.TryGetValue(target, out var list))
                    {
                        marks[target] = list = [];
                    }

                    list.Add(call);
                }
            }
        }

        // Operations are visited outermost call first; source order decides which mark is the second.
        foreach (var pair in marks)
        {
            foreach (var extra in pair.Value.OrderBy(c => c.Syntax.Span.End).Skip(1))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LabelMarkedTwice, NameLocation(extra), pair.Key.Name));
            }
        }

        foreach (var pair in defined)
        {
            if (!marks.ContainsKey(pair.Key) && !escaped.Contains(pair.Key))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LabelNeverMarked, pair.Value, pair.Key.Name));
            }
        }
    }

    private static bool IsBuilderBase(IInvocationOperation inv, Symbols s) => inv.TargetMethod.ContainingType is { } t && s.IsBuilderType(t);

    /// <summary>What an opcode method says about itself.</summary>
    private sealed record OpInfo(string Opcode, string Kind, int Pops, int Pushes);

    /// <summary>The library's types the rules need, looked up once per compilation, and per-class opcode caches.</summary>
    private sealed class Symbols
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, OpInfo>> byClass = new(SymbolEqualityComparer.Default);

        private Symbols(INamedTypeSymbol builderBase, INamedTypeSymbol attribute, INamedTypeSymbol? instr, INamedTypeSymbol? label, INamedTypeSymbol? pycFile)
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

        public static Symbols? From(Compilation compilation)
        {
            var builder = compilation.GetTypeByMetadataName("ByteFluent.Building.CodeBuilder`1");
            var attribute = compilation.GetTypeByMetadataName("ByteFluent.Building.OpcodeMethodAttribute");
            return builder is null || attribute is null
                ? null
                : new Symbols(builder, attribute, compilation.GetTypeByMetadataName("ByteFluent.Model.Instr"),
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

        /// <summary>The generated version class (e.g. <c>Python312</c>) of a builder type, or null.</summary>
        public INamedTypeSymbol? BuilderVersionClass(ITypeSymbol? type) =>
            type is INamedTypeSymbol { Name: "Builder", ContainingType: { } cls } && IsBuilderType(type) ? cls : null;

        public bool HasBuilder(INamedTypeSymbol? cls) => cls?.GetTypeMembers("Builder").Any(IsBuilderType) == true;

        public string? VersionOf(INamedTypeSymbol cls) =>
            cls.GetTypeMembers("Builder").SelectMany(b => b.GetMembers("TargetVersion")).OfType<IFieldSymbol>().FirstOrDefault()?.ConstantValue as string;

        /// <summary>The opcode behind a field name (<c>LOAD_FAST</c>, <c>SLICE_0</c>) in a version class, or null if the version lacks it.</summary>
        public OpInfo? OpcodeInfo(INamedTypeSymbol cls, string fieldName) =>
            Methods(cls).TryGetValue(fieldName, out var info) ? info : null;

        public OpInfo? MethodInfo(IMethodSymbol method)
        {
            foreach (var a in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, Attribute) && a.ConstructorArguments.Length == 5)
                {
                    return new OpInfo((string)a.ConstructorArguments[0].Value!, (string)a.ConstructorArguments[2].Value!,
                        (int)a.ConstructorArguments[3].Value!, (int)a.ConstructorArguments[4].Value!);
                }
            }

            return null;
        }

        private Dictionary<string, OpInfo> Methods(INamedTypeSymbol cls) => byClass.GetOrAdd(cls, c =>
        {
            var result = new Dictionary<string, OpInfo>();
            foreach (var builder in c.GetTypeMembers("Builder"))
            {
                foreach (var method in builder.GetMembers().OfType<IMethodSymbol>())
                {
                    if (MethodInfo(method) is { } info)
                    {
                        result[info.Opcode.Replace('+', '_')] = info;
                    }
                }
            }

            return result;
        });
    }
}
