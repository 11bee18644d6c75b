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
    /// <summary>Property of a BF0004 diagnostic: the opcode's argument kind (<see cref="NoArgument"/> when it takes none).</summary>
    public const string ExpectedProperty = "ExpectedKind";

    /// <summary>Property of a BF0015 diagnostic on a typed method: the by-name method that replaces it (<c>LoadName</c>, <c>StoreName</c>, <c>DeleteName</c>).</summary>
    public const string ByNameProperty = "ByName";

    /// <summary>Value of <see cref="ExpectedProperty"/> for an opcode without an argument.</summary>
    public const string NoArgument = "None";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.WrongArgumentKind, DiagnosticDescriptors.LabelNeverMarked, DiagnosticDescriptors.LabelMarkedTwice,
        DiagnosticDescriptors.StackUnderflow, DiagnosticDescriptors.MissingOpcode, DiagnosticDescriptors.PycVersionMismatch,
        DiagnosticDescriptors.OperandOutOfRange, DiagnosticDescriptors.FallsOffEnd, DiagnosticDescriptors.ForeignLabel,
        DiagnosticDescriptors.InconsistentDepth, DiagnosticDescriptors.FastLocalInModule, DiagnosticDescriptors.UndeclaredCell,
    ];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = BuilderSymbols.From(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeCreation(c, symbols), OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
            start.RegisterOperationBlockAction(c =>
            {
                AnalyzeLabels(c, symbols);
                new StackFlow(c, symbols).Run();
            });
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, BuilderSymbols s)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!SymbolEqualityComparer.Default.Equals(creation.Type, s.Instr) || creation.Arguments.Length < 1)
        {
            return;
        }

        CheckArgument(context, s, creation.Arguments, creation.Syntax.GetLocation());
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, BuilderSymbols s)
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
                    BuilderSymbols.VersionOf(builderClass), info.Opcode, fromClass.Name));
            }

            CheckArgument(context, s, invocation.Arguments, invocation.Syntax.GetLocation());
        }

        if (method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ContainingType, s.PycFile) && invocation.Arguments.Length >= 2)
        {
            CheckPycVersion(context, s, invocation);
        }
    }

    private static void CheckArgument(OperationAnalysisContext context, BuilderSymbols s, ImmutableArray<IArgumentOperation> arguments, Location location)
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
            "Constant" => Is(type, s.Label) ? "a constant" : info.NeedsNameTuple && type is not null && IsString(type) ? "a tuple of keyword names (KwNames(\"a\", \"b\"))" : null,
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

    private static bool IsString(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_String || type.Name == "PyString" && type.ContainingNamespace?.ToDisplayString() == "ByteFluent.Marshal";

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

    private static void CheckPycVersion(OperationAnalysisContext context, BuilderSymbols s, IInvocationOperation create)
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

        var built = BuilderSymbols.VersionOf(builderClass);
        var versionArg = create.Arguments[1].Value;
        while (versionArg is IConversionOperation c2)
        {
            versionArg = c2.Operand;
        }

        string? header = versionArg switch
        {
            IPropertyReferenceOperation { Property: { Name: "Version", IsStatic: true } p } when s.HasBuilder(p.ContainingType) => BuilderSymbols.VersionOf(p.ContainingType),
            IFieldReferenceOperation { Field: { IsStatic: true } f } when f.ContainingType?.Name == "PythonVersion" && f.Name.StartsWith("V", System.StringComparison.Ordinal)
                => f.Name.Substring(1).Replace('_', '.'),
            _ => null,
        };
        if (header is not null && built is not null && header != built)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PycVersionMismatch, create.Arguments[1].Syntax.GetLocation(), built, header));
        }
    }

    /// <summary>The span of <c>.Method(...)</c> in a chain.</summary>
    internal static Location NameLocation(IInvocationOperation call)
    {
        // Point at ".PopTop()" rather than the whole chain before it.
        var syntax = call.Syntax;
        var text = syntax.ToString();
        var dot = text.LastIndexOf("." + call.TargetMethod.Name, System.StringComparison.Ordinal);
        return dot < 0 ? syntax.GetLocation() : Location.Create(syntax.SyntaxTree, new Microsoft.CodeAnalysis.Text.TextSpan(syntax.SpanStart + dot + 1, syntax.Span.Length - dot - 1));
    }

    private static void AnalyzeLabels(OperationBlockAnalysisContext context, BuilderSymbols s)
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

    private static bool IsBuilderBase(IInvocationOperation inv, BuilderSymbols s) => inv.TargetMethod.ContainingType is { } t && s.IsBuilderType(t);
}
