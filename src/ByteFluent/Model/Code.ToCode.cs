using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Model;

public sealed partial class Code
{
    /// <summary>
    /// byteplay's <c>to_code</c>: assembles the model into a code object for <paramref name="version"/> (default:
    /// <see cref="Version"/>), nested <see cref="Code"/> constants included. Regenerates the code bytes (labels
    /// resolved, EXTENDED_ARG sized until offsets are stable, inline caches), the tables, the line or location table,
    /// the exception table, the flags and the stack size. The steps live in <c>ByteFluent.Assembly</c>.
    /// </summary>
    /// <exception cref="InvalidCodeException">An entry cannot be assembled (wrong argument kind, unknown label, …).</exception>
    /// <exception cref="StackDepthException">The stack-depth analysis finds underflow or inconsistent depths.</exception>
    /// <exception cref="VerificationException">The verifier proves the code would misbehave (see <see cref="AssembleOptions.Verify"/>); <see cref="StackDepthException"/> is one kind.</exception>
    public PyCode ToCode(PythonVersion? version = null) => ToCode(version is { } v ? BytecodeDialect.For(v) : Dialect, AssembleOptions.Default);

    /// <summary>Assembles the model for <see cref="Version"/> with <paramref name="options"/> (see <see cref="ToCode(PythonVersion?)"/>).</summary>
    /// <exception cref="InvalidCodeException">An entry cannot be assembled (wrong argument kind, unknown label, …).</exception>
    /// <exception cref="StackDepthException">The stack-depth analysis finds underflow or inconsistent depths.</exception>
    /// <exception cref="VerificationException">The verifier proves the code would misbehave (see <see cref="AssembleOptions.Verify"/>); <see cref="StackDepthException"/> is one kind.</exception>
    public PyCode ToCode(AssembleOptions options) => ToCode(Dialect, options);

    /// <summary>Assembles the model for <paramref name="version"/> with <paramref name="options"/> (see <see cref="ToCode(PythonVersion?)"/>).</summary>
    /// <exception cref="InvalidCodeException">An entry cannot be assembled (wrong argument kind, unknown label, …).</exception>
    /// <exception cref="StackDepthException">The stack-depth analysis finds underflow or inconsistent depths.</exception>
    /// <exception cref="VerificationException">The verifier proves the code would misbehave (see <see cref="AssembleOptions.Verify"/>); <see cref="StackDepthException"/> is one kind.</exception>
    public PyCode ToCode(PythonVersion version, AssembleOptions options) => ToCode(BytecodeDialect.For(version), options);

    /// <summary>The maximum stack depth as the version's compiler computes it (see <see cref="StackDepthRules"/>).</summary>
    /// <exception cref="StackDepthException">The stack underflows or is inconsistent.</exception>
    public int ComputeStackSize()
    {
        var assembler = new Assembler(this, Dialect, AssembleOptions.Default);
        return assembler.StackSize(assembler.Layout());
    }

    /// <summary>The code objects already assembled by the outermost <see cref="ToCode(BytecodeDialect, AssembleOptions)"/> on this thread.</summary>
    [ThreadStatic]
    private static Dictionary<Code, (OpcodeTable Table, AssembleOptions Options, PyCode Built)>? built;

    /// <summary>
    /// Assembles the model, each nested model once per outermost call: a model shared by several constants (as
    /// <see cref="FromCode(PyCode, OpcodeTable)"/> makes of a code object shared through marshal references) is
    /// built once and the result shared, so the work stays linear in the number of distinct objects.
    /// </summary>
    private PyCode ToCode(BytecodeDialect dialect, AssembleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var outermost = built is null;
        built ??= new Dictionary<Code, (OpcodeTable, AssembleOptions, PyCode)>(ReferenceEqualityComparer.Instance);
        try
        {
            if (built.TryGetValue(this, out var done) && ReferenceEquals(done.Table, dialect.Table) && ReferenceEquals(done.Options, options))
            {
                return done.Built;
            }

            var result = new Assembler(this, dialect, options).Run();
            built[this] = (dialect.Table, options, result);
            return result;
        }
        finally
        {
            if (outermost)
            {
                built = null;
            }
        }
    }
}
