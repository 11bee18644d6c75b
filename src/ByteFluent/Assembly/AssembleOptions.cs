namespace ByteFluent.Assembly;

/// <summary>
/// How <see cref="Model.Code.ToCode(AssembleOptions)"/> assembles. The default verifies: code that would crash or
/// corrupt the interpreter is refused with a <see cref="VerificationException"/>.
/// </summary>
public sealed record AssembleOptions
{
    /// <summary>The defaults: verify.</summary>
    public static AssembleOptions Default { get; } = new();

    /// <summary>
    /// Whether the verifier (<see cref="Verification.CodeVerifier"/>) checks the code before it is assembled (default true).
    /// Turn it off only for deliberate experiments (e.g. to see how CPython reacts to broken bytecode); the stack size is
    /// then still computed and can still fail with a <see cref="StackDepthException"/>.
    /// </summary>
    public bool Verify { get; init; } = true;
}
