using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;

namespace ByteFluent.Transforms;

/// <summary>The known transforms, and applying one to a code object tree or a .pyc file.</summary>
public static class CodeTransforms
{
    private static readonly ICodeTransform[] Known =
        [new IdentityTransform(), new NopsTransform(), new ReorderConstsTransform(), new SplitBlocksTransform()];

    /// <summary>Every transform, in the order <c>bytefluent rewrite --help</c> lists them.</summary>
    public static IReadOnlyList<ICodeTransform> All => Known;

    /// <summary>The transform names.</summary>
    public static IEnumerable<string> Names => Known.Select(t => t.Name);

    /// <summary>The transform called <paramref name="name"/>.</summary>
    /// <exception cref="UnknownTransformException">No transform has that name.</exception>
    public static ICodeTransform Get(string name) =>
        Known.FirstOrDefault(t => t.Name == name) ?? throw new UnknownTransformException(name);

    /// <summary>Applies <paramref name="transform"/> to <paramref name="code"/> and to every nested code object.</summary>
    /// <returns>The number of code objects visited.</returns>
    public static int ApplyRecursively(ICodeTransform transform, Code code)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(code);
        var count = 0;
        foreach (var nested in code.NestedCode.ToList())
        {
            count += ApplyRecursively(transform, nested);
        }

        try
        {
            transform.Apply(code);
        }
        catch (Exception e) when (e is not TransformFailedException)
        {
            throw new TransformFailedException(transform.Name, (code.QualName ?? code.Name).Value, code.FirstLineNo, e);
        }

        return count + 1;
    }

    /// <summary>
    /// Disassembles <paramref name="code"/> into the model, applies <paramref name="transform"/> everywhere and
    /// assembles the result for the same version.
    /// </summary>
    /// <exception cref="TransformFailedException">The transform or the assembler failed on a code object.</exception>
    public static PyCode Apply(ICodeTransform transform, PyCode code, Versions.PythonVersion version)
    {
        var model = Code.FromCode(code, version);
        ApplyRecursively(transform, model);
        try
        {
            return model.ToCode(version);
        }
        catch (Exception e) when (e is not TransformFailedException)
        {
            // ToCode assembles nested code objects too; name the innermost one that fails on its own.
            var culprit = Culprit(model, version) ?? model;
            throw new TransformFailedException(transform.Name, (culprit.QualName ?? culprit.Name).Value, culprit.FirstLineNo, e);
        }
    }

    private static Code? Culprit(Code code, Versions.PythonVersion version)
    {
        foreach (var nested in code.NestedCode)
        {
            if (Culprit(nested, version) is { } inner)
            {
                return inner;
            }
        }

        try
        {
            code.ToCode(version);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return code;
        }
    }

    /// <summary>
    /// The .pyc with its module rewritten by <paramref name="transform"/>; the header (magic, flags, source timestamp
    /// and size or hash) is kept so the importer still accepts it for its source. When the rebuilt module equals the
    /// original in every field, it is written with the original's marshal layout (reference flags, string forms), so
    /// the file is byte-identical; otherwise references are chosen afresh.
    /// </summary>
    public static PycFile Apply(ICodeTransform transform, PycFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var rewritten = Apply(transform, file.Code, file.Header.Version);
        return rewritten.Equals(file.Code)
            ? file with { Value = rewritten }
            : file with { Value = rewritten, Layout = null };
    }
}
