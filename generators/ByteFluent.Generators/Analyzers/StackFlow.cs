using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ByteFluent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ByteFluent.Generators.Analyzers;

/// <summary>What the flow knows about one builder instance at the current point of the method.</summary>
internal sealed class BuilderState
{
    public BuilderState(int? depth, bool module = false, IReadOnlyCollection<string>? cells = null)
    {
        Depth = depth;
        Known = depth is not null;
        Module = module;
        Identified = depth is not null;
        Cells = cells;
    }

    private BuilderState(BuilderState other)
    {
        Identified = other.Identified;
        Known = other.Known;
        Depth = other.Depth;
        Module = other.Module;
        Cells = other.Cells;
        LowerBound = other.LowerBound;
    }

    /// <summary>The declared cell and free variables, when the factory's arguments are constants (null: unknown).</summary>
    public IReadOnlyCollection<string>? Cells { get; }

    /// <summary>
    /// After an <c>if</c> whose branches left different depths: <see cref="Depth"/> is the smallest of them, the depth of
    /// one real path. Underflow and operand checks still hold for that path; label depths are not recorded.
    /// </summary>
    public bool LowerBound { get; set; }

    /// <summary>A builder made in this method (by a factory): certainly distinct from every other one made here.</summary>
    public bool Identified { get; }

    /// <summary>Whether the flow follows this builder (false once it met something it cannot follow).</summary>
    public bool Known { get; set; }

    /// <summary>The stack depth on fall-through; null when the current point is unreachable (after a return or jump).</summary>
    public int? Depth { get; set; }

    /// <summary>Made by <c>Module()</c>.</summary>
    public bool Module { get; }

    public void GiveUp()
    {
        Known = false;
        Depth = null;
        LowerBound = false;
    }

    public BuilderState Clone() => new(this);

    /// <summary>The state after an <c>if</c>: this path's state joined with the other branch's.</summary>
    public void Join(BuilderState other)
    {
        if (!Known || !other.Known)
        {
            GiveUp();
            return;
        }

        if (Depth is not { } a)
        {
            Depth = other.Depth;
            LowerBound = other.LowerBound;
            return;
        }

        if (other.Depth is { } b)
        {
            LowerBound |= other.LowerBound || a != b;
            Depth = System.Math.Min(a, b);
        }
    }
}

/// <summary>A label local: its builder and the depths of the jumps seen so far.</summary>
internal sealed class LabelState(BuilderState owner)
{
    public BuilderState Owner { get; } = owner;

    public List<int> Incoming { get; } = [];

    /// <summary>A jump to it, or a use of it, that the flow could not follow.</summary>
    public bool Unknown { get; set; }

    public bool Marked { get; set; }

    /// <summary>The depth where it is marked, when known.</summary>
    public int? MarkedDepth { get; set; }

    public LabelState Clone(BuilderState owner)
    {
        var copy = new LabelState(owner) { Unknown = Unknown, Marked = Marked, MarkedDepth = MarkedDepth };
        copy.Incoming.AddRange(Incoming);
        return copy;
    }

    /// <summary>Whether both branches of an <c>if</c> left the label as it was.</summary>
    public bool SameAs(LabelState other) =>
        Unknown == other.Unknown && Marked == other.Marked && MarkedDepth == other.MarkedDepth && Incoming.SequenceEqual(other.Incoming);
}

/// <summary>
/// Follows builder code through one method body in statement order: chains from <c>Function()</c>/<c>Module()</c>/<c>Create()</c>,
/// builders kept in locals, labels (depth from the jumps that reach them), <c>Try</c> bodies and constant arguments
/// (BF0007, BF0010–BF0013). Straight-line only: a builder or label touched inside a branch, a loop or a call to other code
/// is no longer followed (no report), so every diagnostic is certain.
/// </summary>
internal sealed class StackFlow(OperationBlockAnalysisContext context, BuilderSymbols s)
{
    private Dictionary<ISymbol, BuilderState> builders = new(SymbolEqualityComparer.Default);
    private Dictionary<ILocalSymbol, LabelState> labels = new(SymbolEqualityComparer.Default);

    public void Run()
    {
        foreach (var block in context.OperationBlocks)
        {
            Statement(block);
        }
    }

    private void Statement(IOperation op)
    {
        switch (op)
        {
            case IBlockOperation block:
                foreach (var inner in block.Operations)
                {
                    Statement(inner);
                }

                break;
            case IMethodBodyOperation body:
                if (body.BlockBody is { } b)
                {
                    Statement(b);
                }
                else if (body.ExpressionBody is { } e)
                {
                    Statement(e);
                }

                break;
            case IExpressionStatementOperation e:
                Value(e.Operation, consumed: false);
                break;
            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        var init = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                        if (init is not null && Value(init, consumed: true) is { } state && s.IsBuilderType(declarator.Symbol.Type))
                        {
                            builders[declarator.Symbol] = state;
                        }
                    }
                }

                break;
            case IReturnOperation { ReturnedValue: { } returned }:
                Escape(Value(returned, consumed: true));
                break;
            case IConditionalOperation { WhenTrue: { } whenTrue } branch when whenTrue.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax:
                Branches(branch.Condition, whenTrue, branch.WhenFalse);
                break;
            default:
                // A branch, loop, try, using, local function ...: whatever it touches is no longer followed, but fresh
                // chains inside it still are.
                GiveUpInside(op);
                foreach (var child in op.ChildOperations)
                {
                    if (child.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax)
                    {
                        Statement(child);
                    }
                    else
                    {
                        Escape(Value(child, consumed: true));
                    }
                }

                GiveUpInside(op);
                break;
        }
    }

    /// <summary>
    /// <c>if (...) A else B</c>: both branches are followed from the same state, then joined. A builder whose branches
    /// end at different depths goes on at the smaller one (a lower bound: that path is real); a label the branches
    /// leave differently is no longer followed.
    /// </summary>
    private void Branches(IOperation condition, IOperation whenTrue, IOperation? whenFalse)
    {
        GiveUpInside(condition);
        Escape(Value(condition, consumed: true));
        var (otherBuilders, otherLabels, copies) = Copy();
        Statement(whenTrue);
        var (thenBuilders, thenLabels) = (builders, labels);
        (builders, labels) = (otherBuilders, otherLabels);
        if (whenFalse is not null)
        {
            Statement(whenFalse);
        }

        var (elseBuilders, elseLabels) = (builders, labels);
        (builders, labels) = (thenBuilders, thenLabels);
        var thenExits = Exits(whenTrue);
        if (thenExits || (whenFalse is not null && Exits(whenFalse)))
        {
            // Only the branch that does not leave the method (or loop) goes on past the if.
            if (thenExits && !(whenFalse is not null && Exits(whenFalse)))
            {
                (builders, labels) = (elseBuilders, elseLabels);
            }

            return;
        }

        foreach (var pair in copies)
        {
            pair.Key.Join(pair.Value);
        }

        foreach (var pair in elseBuilders)
        {
            if (!thenBuilders.TryGetValue(pair.Key, out var state) || !copies.TryGetValue(state, out var copy) || !ReferenceEquals(copy, pair.Value))
            {
                // assigned another builder in one branch: no longer one known builder
                pair.Value.GiveUp();
                if (state is not null)
                {
                    state.GiveUp();
                }
            }
        }

        foreach (var pair in thenLabels)
        {
            if (!elseLabels.TryGetValue(pair.Key, out var other) || !pair.Value.SameAs(other))
            {
                pair.Value.Unknown = true;
            }
        }
    }

    /// <summary>Whether a branch certainly ends in a C# return, throw, break, continue or goto.</summary>
    private static bool Exits(IOperation op) => op switch
    {
        IBlockOperation block => block.Operations.Length > 0 && Exits(block.Operations[block.Operations.Length - 1]),
        IReturnOperation or IBranchOperation or IThrowOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        _ => false,
    };

    /// <summary>A copy of what the flow knows (builder aliases kept), and which copy belongs to which state.</summary>
    private (Dictionary<ISymbol, BuilderState>, Dictionary<ILocalSymbol, LabelState>, Dictionary<BuilderState, BuilderState>) Copy()
    {
        var copies = new Dictionary<BuilderState, BuilderState>();
        BuilderState CopyOf(BuilderState state)
        {
            if (!copies.TryGetValue(state, out var copy))
            {
                copies[state] = copy = state.Clone();
            }

            return copy;
        }

        var newBuilders = new Dictionary<ISymbol, BuilderState>(SymbolEqualityComparer.Default);
        foreach (var pair in builders)
        {
            newBuilders[pair.Key] = CopyOf(pair.Value);
        }

        var newLabels = new Dictionary<ILocalSymbol, LabelState>(SymbolEqualityComparer.Default);
        foreach (var pair in labels)
        {
            newLabels[pair.Key] = pair.Value.Clone(CopyOf(pair.Value.Owner));
        }

        return (newBuilders, newLabels, copies);
    }

    /// <summary>Every builder and label local referenced inside <paramref name="op"/> stops being followed.</summary>
    private void GiveUpInside(IOperation op)
    {
        foreach (var d in op.DescendantsAndSelf())
        {
            ISymbol? symbol = d switch
            {
                ILocalReferenceOperation l => l.Local,
                IParameterReferenceOperation p => p.Parameter,
                _ => null,
            };
            if (symbol is null)
            {
                continue;
            }

            if (builders.TryGetValue(symbol, out var state))
            {
                state.GiveUp();
            }

            if (symbol is ILocalSymbol local && labels.TryGetValue(local, out var label))
            {
                label.Unknown = true;
            }
        }
    }

    private static void Escape(BuilderState? state) => state?.GiveUp();

    /// <summary>Evaluates an expression; returns the builder it yields, if any.</summary>
    private BuilderState? Value(IOperation? op, bool consumed)
    {
        switch (op)
        {
            case null:
                return null;
            case IConversionOperation conversion:
                var inner = Value(conversion.Operand, consumed: true);
                if (inner is not null && conversion.OperatorMethod is { Name: "op_Implicit" } && !s.IsBuilderType(conversion.Type))
                {
                    // builder → Constant: the nested code is built here.
                    Built(inner, conversion.Operand.Syntax.GetLocation());
                    return null;
                }

                return inner;
            case IInvocationOperation call:
                return Invocation(call);
            case ILocalReferenceOperation label when labels.TryGetValue(label.Local, out var escaped):
                escaped.Unknown = true; // a label handed to other code: jumps to it may come from anywhere
                return null;
            case ILocalReferenceOperation local when s.IsBuilderType(local.Type):
                return Lookup(local.Local);
            case IParameterReferenceOperation parameter when s.IsBuilderType(parameter.Type):
                return Lookup(parameter.Parameter);
            case ISimpleAssignmentOperation assignment when s.IsBuilderType(assignment.Target.Type):
                var assigned = Value(assignment.Value, consumed: true);
                if (assignment.Target is ILocalReferenceOperation target && assigned is not null)
                {
                    builders[target.Local] = assigned;
                }
                else
                {
                    Escape(assigned);
                }

                return assigned;
            case IAnonymousFunctionOperation lambda:
                // Runs who knows when: what it captures is not followed; its own chains are.
                GiveUpInside(lambda);
                Statement(lambda.Body);
                return null;
            default:
                foreach (var child in op.ChildOperations)
                {
                    Escape(Value(child, consumed: true));
                }

                return null;
        }
    }

    /// <summary><c>Function(..., cellVars: [...], freeVars: [...])</c> with constant names: the declared cells and frees.</summary>
    private static IReadOnlyCollection<string>? DeclaredCells(IInvocationOperation call)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Name is "cellVars" or "freeVars" && argument.ArgumentKind != ArgumentKind.DefaultValue && !ConstantNames(argument.Value, names))
            {
                return null;
            }
        }

        return names;
    }

    private static bool ConstantNames(IOperation value, HashSet<string> names)
    {
        while (value is IConversionOperation c)
        {
            value = c.Operand;
        }

        var items = value switch
        {
            ILiteralOperation { ConstantValue: { HasValue: true, Value: null } } => ImmutableArray<IOperation>.Empty,
            ICollectionExpressionOperation collection => collection.Elements,
            IArrayCreationOperation { Initializer: { } init } => init.ElementValues,
            _ => (ImmutableArray<IOperation>?)null,
        };
        if (items is null)
        {
            return false;
        }

        foreach (var item in items.Value)
        {
            if (item.ConstantValue is not { HasValue: true, Value: string name })
            {
                return false;
            }

            names.Add(name);
        }

        return true;
    }

    private BuilderState Lookup(ISymbol symbol)
    {
        if (!builders.TryGetValue(symbol, out var state))
        {
            builders[symbol] = state = new BuilderState(null);
        }

        return state;
    }

    private BuilderState? Invocation(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (method.IsStatic && method.Name is "Function" or "Module" or "Create" && s.BuilderVersionClass(method.ReturnType) is not null)
        {
            Arguments(call, null);
            return new BuilderState(0, module: method.Name == "Module", cells: method.Name switch
            {
                "Module" => [],
                "Function" => DeclaredCells(call),
                _ => null,
            });
        }

        if (call.Instance is null || !s.IsBuilderType(call.Instance.Type))
        {
            Escape(Value(call.Instance, consumed: true));
            Arguments(call, null);
            return null;
        }

        var state = Value(call.Instance, consumed: true) ?? new BuilderState(null);
        Arguments(call, state);
        Apply(state, call);
        return s.IsBuilderType(method.ReturnType) ? state : null;
    }

    /// <summary>Arguments: nested chains are followed; a builder or label handed to other code is no longer followed.</summary>
    private void Arguments(IInvocationOperation call, BuilderState? receiver)
    {
        var own = receiver is not null && (s.MethodInfo(call.TargetMethod) is not null || call.TargetMethod.Name is "DefineLabel" or "MarkLabel" or "BeginTry" or "EndTry" or "Try");
        foreach (var argument in call.Arguments)
        {
            var value = argument.Value;
            if (own && (value is IDelegateCreationOperation or IAnonymousFunctionOperation || BuilderSymbols.IsLabelType(value.Type)))
            {
                continue; // a Try body or a label: followed by Apply
            }

            if (!own)
            {
                GiveUpLabels(value);
            }

            Escape(Value(value, consumed: true));
        }
    }

    private void GiveUpLabels(IOperation value)
    {
        foreach (var d in value.DescendantsAndSelf())
        {
            if (d is ILocalReferenceOperation { Local: { } l } && labels.TryGetValue(l, out var label))
            {
                label.Unknown = true;
            }
        }
    }

    private void Apply(BuilderState state, IInvocationOperation call)
    {
        var method = call.TargetMethod;
        switch (method.Name)
        {
            case "DefineLabel":
                if (LabelLocal(call, 0) is { } defined)
                {
                    labels[defined] = new LabelState(state);
                }

                return;
            case "MarkLabel":
                Mark(state, call);
                return;
            case "Line" or "Position" or "EndTry":
                return;
            case "BeginTry" or "Try":
                Region(state, call);
                return;
            case "Build" or "ToCode" or "ToPyc" or "SavePyc":
                Built(state, BuilderAnalyzer.NameLocation(call));
                return;
            case "Emit" when RawOpcode(call) is { IsJump: false } raw:
                Instruction(state, call, raw, rawArgument: true);
                return;
        }

        if (s.MethodInfo(method) is not { } info)
        {
            if (s.IsBuilderType(method.ReturnType) || method.ReturnsVoid)
            {
                state.GiveUp(); // Emit, Append, or the user's own helpers: unknown effect
            }

            return;
        }

        Instruction(state, call, info);
    }

    /// <summary><c>Emit(PythonXY.OPCODE, arg)</c>: the opcode as the builder's own version has it (a jump is not followed: its target is a model label).</summary>
    private OpInfo? RawOpcode(IInvocationOperation call)
    {
        var value = call.Arguments.Length > 0 ? call.Arguments[0].Value : null;
        while (value is IConversionOperation c)
        {
            value = c.Operand;
        }

        return value is IFieldReferenceOperation { Field: { IsStatic: true, Type.Name: "Opcode" } field }
               && s.BuilderVersionClass(call.Instance?.Type) is { } builderClass
            ? s.OpcodeInfo(builderClass, field.Name)
            : null;
    }

    /// <summary>Fast-local opcodes in module code, cell/free opcodes on names the code does not declare.</summary>
    private void Variables(BuilderState state, IInvocationOperation call, OpInfo info, bool rawArgument)
    {
        if (state.Known && state.Depth is null)
        {
            return; // unreachable: never runs
        }

        if (info.IsFastLocal && state.Module)
        {
            var byName = info.Opcode.StartsWith("STORE", System.StringComparison.Ordinal) ? "StoreName"
                : info.Opcode.StartsWith("DELETE", System.StringComparison.Ordinal) ? "DeleteName" : "LoadName";
            // The code fix reads which by-name method replaces the call.
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FastLocalInModule, BuilderAnalyzer.NameLocation(call),
                ImmutableDictionary<string, string?>.Empty.Add(BuilderAnalyzer.ByNameProperty, rawArgument ? null : byName), info.Opcode, byName));
            return;
        }

        if (info.IsCellOrFree && state.Cells is { } cells && NameArgument(call, rawArgument) is { } name && !cells.Contains(name))
        {
            Report(DiagnosticDescriptors.UndeclaredCell, BuilderAnalyzer.NameLocation(call), info.Opcode, name,
                state.Module ? "module code has none" : cells.Count == 0 ? "the code declares none" : "declared: " + string.Join(", ", cells.OrderBy(c => c, System.StringComparer.Ordinal)));
        }
    }

    private static string? NameArgument(IInvocationOperation call, bool rawArgument)
    {
        foreach (var argument in call.Arguments.Skip(rawArgument ? 1 : 0))
        {
            var value = argument.Value;
            while (value is IConversionOperation c)
            {
                value = c.Operand;
            }

            if (value.ConstantValue is { HasValue: true, Value: string name })
            {
                return name;
            }
        }

        return null;
    }

    private void Instruction(BuilderState state, IInvocationOperation call, OpInfo info, bool rawArgument = false)
    {
        Variables(state, call, info, rawArgument);
        var target = info.IsJump ? LabelOf(call, 0) : null;
        if (target is not null && !ReferenceEquals(target.Owner, state))
        {
            if (Foreign(target, state))
            {
                Report(DiagnosticDescriptors.ForeignLabel, BuilderAnalyzer.NameLocation(call), LabelName(call, 0));
            }

            target.Unknown = true;
            target = null;
        }

        if (!state.Known)
        {
            if (target is not null)
            {
                target.Unknown = true;
            }

            if (info.IsTerminator)
            {
                // What follows is unreachable until a label is marked: the flow can pick up again there.
                state.Known = true;
                state.Depth = null;
            }

            return;
        }

        if (state.Depth is not { } depth)
        {
            return; // unreachable code: never runs, and jumps from it never happen
        }

        int lowBits = -1;
        var oparg = rawArgument ? RawOparg(call, info) : Oparg(call, info, out lowBits);
        if (info.OperandMax is { } max && oparg is { } n && lowBits < 0)
        {
            var limit = max == 0 ? depth : System.Math.Min(max, depth);
            if (n < 1 || n > limit)
            {
                Report(DiagnosticDescriptors.OperandOutOfRange, BuilderAnalyzer.NameLocation(call), info.Opcode, n,
                    max == 0 ? $"1..{Here(state, depth)} (the stack depth here)" : $"1..{limit}");
                Lost(state, target);
                return;
            }
        }

        var pops = Evaluate(info.Pops >= 0 ? null : info.PopsFormula, info.Pops, oparg, lowBits);
        var net = info.Pops >= 0 ? info.Pushes - info.Pops : Evaluate(info.NetFormula, -1, oparg, lowBits, signed: true);
        if (pops is null || net is null)
        {
            Lost(state, target);
            return;
        }

        if (pops > depth)
        {
            Report(DiagnosticDescriptors.StackUnderflow, BuilderAnalyzer.NameLocation(call), info.Opcode, pops.Value, Here(state, depth));
            Lost(state, target);
            return;
        }

        if (target is not null)
        {
            var jump = info.JumpUnknown || state.LowerBound ? null : info.JumpFormula is null ? net : Evaluate(info.JumpFormula, -1, oparg, lowBits, signed: true);
            Arrive(target, jump is null ? null : depth + jump.Value, call);
        }

        state.Depth = info.IsTerminator ? null : depth + net.Value;
        state.LowerBound &= state.Depth is not null;
    }

    /// <summary>The depth for a message: a lower bound after an if is the depth of one path.</summary>
    private static string Here(BuilderState state, int depth) =>
        state.LowerBound ? depth.ToString(System.Globalization.CultureInfo.InvariantCulture) + " on one path through an if"
            : depth.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A label certainly of another builder: both builders were made in this method.</summary>
    private static bool Foreign(LabelState label, BuilderState state) =>
        !ReferenceEquals(label.Owner, state) && label.Owner.Identified && state.Identified;

    private static void Lost(BuilderState state, LabelState? target)
    {
        state.GiveUp();
        if (target is not null)
        {
            target.Unknown = true;
        }
    }

    private static int? Evaluate(StackFormula? formula, int fixedValue, int? oparg, int lowBits, bool signed = false)
    {
        if (formula is null)
        {
            return signed || fixedValue < 0 ? null : fixedValue;
        }

        if (formula.IsConstant)
        {
            return formula.Evaluate(0);
        }

        if (oparg is not { } value)
        {
            return null;
        }

        return lowBits < 0 || formula.NeedsOnlyLowBits(lowBits) ? formula.Evaluate(value) : null;
    }

    /// <summary>The oparg of <c>Emit(opcode, n)</c>: a constant int for the counting kinds.</summary>
    private static int? RawOparg(IInvocationOperation call, OpInfo info)
    {
        if (info.Kind is not ("Number" or "NamedValue" or "None") || call.Arguments.Length < 2)
        {
            return null;
        }

        var value = call.Arguments[1].Value;
        while (value is IConversionOperation c)
        {
            value = c.Operand;
        }

        return value.ConstantValue is { HasValue: true, Value: int n } ? n : null;
    }

    /// <summary>The oparg from constant arguments, per the method's <c>Oparg</c> recipe; <paramref name="lowBits"/> is -1 when all of it is known.</summary>
    private static int? Oparg(IInvocationOperation call, OpInfo info, out int lowBits)
    {
        lowBits = -1;
        if (string.IsNullOrEmpty(info.Oparg))
        {
            return null;
        }

        var recipe = info.Oparg!;
        var partial = recipe.StartsWith("~", System.StringComparison.Ordinal);
        var value = 0;
        var bits = 0;
        foreach (var term in (partial ? recipe.Substring(1) : recipe).Split('|'))
        {
            var shiftAt = term.IndexOf("<<", System.StringComparison.Ordinal);
            var name = shiftAt < 0 ? term : term.Substring(0, shiftAt);
            var shift = shiftAt < 0 ? 0 : int.Parse(term.Substring(shiftAt + 2), System.Globalization.CultureInfo.InvariantCulture);
            var argument = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == name);
            if (argument?.Value.ConstantValue is not { HasValue: true, Value: { } constant })
            {
                return null;
            }

            var number = constant switch
            {
                bool b => b ? 1 : 0,
                int i => i,
                byte or sbyte or short or ushort or uint or long => System.Convert.ToInt32(constant, System.Globalization.CultureInfo.InvariantCulture),
                _ => (int?)null,
            };
            if (number is null)
            {
                return null;
            }

            value |= number.Value << shift;
            bits = System.Math.Max(bits, shift + 1);
        }

        lowBits = partial ? bits : -1;
        return value;
    }

    private void Arrive(LabelState label, int? depth, IInvocationOperation at)
    {
        if (depth is null)
        {
            label.Unknown = true;
            return;
        }

        if (label.Marked)
        {
            // A backward jump: the label's depth is already fixed.
            if (label.MarkedDepth is { } marked && marked != depth)
            {
                Report(DiagnosticDescriptors.InconsistentDepth, BuilderAnalyzer.NameLocation(at), LabelName(at, 0), marked, depth.Value);
            }

            return;
        }

        label.Incoming.Add(depth.Value);
    }

    private void Mark(BuilderState state, IInvocationOperation call)
    {
        var label = LabelOf(call, 0);
        if (label is null)
        {
            state.GiveUp();
            return;
        }

        if (!ReferenceEquals(label.Owner, state))
        {
            if (Foreign(label, state))
            {
                Report(DiagnosticDescriptors.ForeignLabel, BuilderAnalyzer.NameLocation(call), LabelName(call, 0));
            }

            label.Unknown = true;
            state.GiveUp();
            return;
        }

        label.Marked = true;
        if (!state.Known || label.Unknown || state.LowerBound)
        {
            state.GiveUp();
            return;
        }

        var depths = new List<int>(label.Incoming);
        if (state.Depth is { } fall)
        {
            depths.Add(fall);
        }

        if (depths.Count == 0)
        {
            state.GiveUp(); // reached only by jumps still to come (or none): unknown
            return;
        }

        var first = depths[0];
        if (depths.Any(d => d != first))
        {
            Report(DiagnosticDescriptors.InconsistentDepth, BuilderAnalyzer.NameLocation(call), LabelName(call, 0), first,
                depths.First(d => d != first));
            state.GiveUp();
            return;
        }

        label.MarkedDepth = first;
        state.Depth = first;
    }

    /// <summary><c>BeginTry(handler, depth, ...)</c> / <c>Try(handler, depth, body)</c>: the region's depth must be on the stack; the handler gets it plus the exception (and lasti).</summary>
    private void Region(BuilderState state, IInvocationOperation call)
    {
        var handler = LabelOf(call, 0);
        if (handler is not null && !ReferenceEquals(handler.Owner, state))
        {
            if (Foreign(handler, state))
            {
                Report(DiagnosticDescriptors.ForeignLabel, BuilderAnalyzer.NameLocation(call), LabelName(call, 0));
            }

            handler.Unknown = true;
            handler = null;
        }

        var depthArg = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "depth")?.Value.ConstantValue;
        var lastiArg = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "lasti")?.Value.ConstantValue;
        int? regionDepth = depthArg is { HasValue: true, Value: int d } ? d : null;
        int? lasti = lastiArg is { HasValue: true, Value: bool b } ? (b ? 1 : 0) : lastiArg is null ? 0 : null;
        if (state.Known && state.Depth is { } depth && regionDepth is { } r && r > depth)
        {
            Report(DiagnosticDescriptors.OperandOutOfRange, BuilderAnalyzer.NameLocation(call), call.TargetMethod.Name + " depth", r,
                $"0..{depth} (the stack depth here)");
            state.GiveUp();
        }

        if (handler is not null)
        {
            if (state.Known && state.Depth is not null && regionDepth is { } rd && lasti is { } li)
            {
                Arrive(handler, rd + li + 1, call);
            }
            else
            {
                handler.Unknown = true;
            }
        }

        if (call.TargetMethod.Name == "Try")
        {
            Body(state, call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "body")?.Value);
        }
    }

    private void Body(BuilderState state, IOperation? body)
    {
        if (body is IDelegateCreationOperation creation)
        {
            body = creation.Target;
        }

        if (body is not IAnonymousFunctionOperation { Symbol.Parameters.Length: 1 } lambda)
        {
            Escape(Value(body, consumed: true));
            state.GiveUp();
            return;
        }

        builders[lambda.Symbol.Parameters[0]] = state;
        Statement(lambda.Body);
    }

    /// <summary>The code is built here: it must not fall off its end.</summary>
    private void Built(BuilderState state, Location location)
    {
        if (state.Known && state.Depth is not null)
        {
            Report(DiagnosticDescriptors.FallsOffEnd, location);
        }

        state.GiveUp();
    }

    private static ILocalSymbol? LabelLocal(IInvocationOperation call, int index)
    {
        if (call.Arguments.Length <= index)
        {
            return null;
        }

        return call.Arguments[index].Value switch
        {
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation l } => l.Local,
            ILocalReferenceOperation l => l.Local,
            _ => null,
        };
    }

    private LabelState? LabelOf(IInvocationOperation call, int index)
    {
        var local = call.Arguments.Length > index && BuilderSymbols.IsLabelType(call.Arguments[index].Value.Type) ? LabelLocal(call, index) : null;
        return local is not null && labels.TryGetValue(local, out var label) ? label : null;
    }

    private static string LabelName(IInvocationOperation call, int index) => LabelLocal(call, index)?.Name ?? "?";

    private void Report(DiagnosticDescriptor descriptor, Location location, params object[] args) =>
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, args));
}
