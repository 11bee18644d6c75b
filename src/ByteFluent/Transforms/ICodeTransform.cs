using ByteFluent.Model;

namespace ByteFluent.Transforms;

/// <summary>
/// An edit applied to every code object of a module: <see cref="Apply"/> changes one <see cref="Code"/> (its
/// nested code objects are visited separately by <see cref="CodeTransforms.ApplyRecursively"/>). A transform must
/// keep the behaviour of the code; the assembler then regenerates everything derived from the instruction list.
/// </summary>
public interface ICodeTransform
{
    /// <summary>The name used on the command line (<c>bytefluent rewrite --transform NAME</c>).</summary>
    string Name { get; }

    /// <summary>One line saying what the transform does.</summary>
    string Description { get; }

    /// <summary>Edits <paramref name="code"/> in place (not its nested code objects).</summary>
    void Apply(Code code);
}
