using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// The lowering strategies of one bytecode era, chosen once from the version (or a custom table's version). Every
/// version difference the portable builder knows lives here or in the strategy classes it names.
/// </summary>
internal sealed record Era(
    PythonVersion Version,
    string Name,
    CallLowering27 Calls,
    OperatorLowering27 Operators,
    JumpLowering27 Jumps,
    LoopLowering38 Loops,
    TryLowering27 Try,
    FunctionLowering27 Functions,
    ConstantLowering Constants)
{
    /// <summary>The flow-graph opcode rewrites of the era (superinstructions, borrowed loads).</summary>
    public PeepholeLowering Peephole { get; init; } = new();

    /// <summary>What the era's AST optimizer / peephole pass does to expressions (constant folding, unpack swaps).</summary>
    public CompilerIdioms Idioms { get; init; } = new();

    /// <summary>The flow-graph block moves of the era (small exits copied, cold blocks last).</summary>
    public BlockLayout Layout { get; init; } = BlockLayout.For(Version);

    /// <summary>async with / async for.</summary>
    public AsyncLowering Async { get; } = AsyncLowering.Of(Version);

    /// <summary>The StopIteration guard of generator bodies.</summary>
    public GeneratorGuardLowering GeneratorGuard { get; } = GeneratorGuardLowering.Of(Version);

    /// <summary>How <c>super()</c> is lowered (LOAD_SUPER_ATTR from 3.12; rejected zero-argument form on 2.7).</summary>
    public SuperLowering Supers { get; init; } = SuperLowering.For(Version);

    /// <summary>The <c>match</c> statement's idiom (3.10+; a clear error before).</summary>
    public MatchLowering Match { get; init; } = MatchLowering.For(Version);

    /// <summary>What a statement's source position becomes (columns from 3.11, the line only before).</summary>
    public StatementPositions Positions { get; } = StatementPositions.For(Version);

    public static Era For(OpcodeTable table)
    {
        var v = table.Version;
        var (major, minor) = (v.Major, v.Minor);
        if (major == 2 && minor == 7)
        {
            return new Era(v, "2.7", new CallLowering27(), new OperatorLowering27(), new JumpLowering27(), new LoopLoweringSetupLoop(), new TryLowering27(), new FunctionLowering27(), new ConstantLowering27()) { Idioms = new CompilerIdioms27(), Peephole = new PeepholeLowering27() };
        }

        if (major != 3 || minor < 6)
        {
            throw new PortableNotSupportedException("the portable builder", v, "it targets 2.7 and 3.6+");
        }

        return minor switch
        {
            6 => new Era(v, "3.6", new CallLowering36(), new OperatorLowering36(), new JumpLowering27(), new LoopLoweringSetupLoop(), new TryLowering36(), new FunctionLowering36(), new ConstantLowering()) { Idioms = new CompilerIdioms36(), Peephole = new PeepholeLowering27() },
            7 => new Era(v, "3.7", new CallLowering37(), new OperatorLowering36(), new JumpLowering27(), new LoopLoweringSetupLoop(), new TryLowering37(), new FunctionLowering36(), new ConstantLowering()) { Idioms = new CompilerIdioms37(), Peephole = new PeepholeLowering27() },
            8 => new Era(v, "3.8", new CallLowering37(), new OperatorLowering36(), new JumpLowering27(), new LoopLowering38(), new TryLowering38(), new FunctionLowering36(), new ConstantLowering()) { Peephole = new PeepholeLowering27() },
            9 => new Era(v, "3.9", new CallLowering39(), new OperatorLowering39(), new JumpLowering27(), new LoopLowering38(), new TryLowering39(), new FunctionLowering36(), new ConstantLowering()) { Peephole = new PeepholeLowering27() },
            10 => new Era(v, "3.10", new CallLowering39(), new OperatorLowering39(), new JumpLowering27(), new LoopLowering310(), new TryLowering310(), new FunctionLowering36(), new ConstantLowering()) { Idioms = new CompilerIdioms310() },
            11 => new Era(v, "3.11", new CallLowering311(), new OperatorLowering311(), new JumpLowering311(), new LoopLowering311(), new TryLowering311 { WithCleanupBeforeSuppress = true }, new FunctionLowering311(), new ConstantLowering()) { Idioms = new CompilerIdioms311() },
            12 => new Era(v, "3.12", new CallLowering312(), new OperatorLowering312(), new JumpLowering312(), new LoopLowering312(), new TryLowering311(), new FunctionLowering311(), new ConstantLowering312()) { Idioms = new CompilerIdioms311() },
            13 => new Era(v, "3.13", new CallLowering313(), new OperatorLowering313(), new JumpLowering313(), new LoopLowering313(), new TryLowering311(), new FunctionLowering313(), new ConstantLowering312()) { Peephole = new PeepholeLowering313(), Idioms = new CompilerIdioms311() },
            14 => new Era(v, "3.14", new CallLowering314(), new OperatorLowering314(), new JumpLowering314(), new LoopLowering314(), new TryLowering311(), new FunctionLowering314(), new ConstantLowering314()) { Peephole = new PeepholeLowering314(), Idioms = new CompilerIdioms314() },
            _ => new Era(v, "3.15", new CallLowering314(), new OperatorLowering314(), new JumpLowering314(), new LoopLowering315(), new TryLowering311(), new FunctionLowering315(), new ConstantLowering315()) { Peephole = new PeepholeLowering315(), Idioms = new CompilerIdioms314() },
        };
    }

    public bool Before(int minor) => Version.Major == 2 || Version.Minor < minor;

    public bool AtLeast(int minor) => Version.Major == 3 && Version.Minor >= minor;
}
