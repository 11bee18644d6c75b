using ByteFluent.Marshal;

namespace ByteFluent.Model;

public sealed partial class Code : IEquatable<Code>
{
    /// <summary>
    /// byteplay's <c>__eq__</c>: every attribute equal, constants compared recursively (nested code by this same
    /// rule), and the code lists equal entry by entry where labels match when they stand at the same places of the
    /// flow graph (same positions relative to the other entries), not by identity.
    /// </summary>
    public bool Equals(Code? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return Version == other.Version && ArgCount == other.ArgCount && PosOnlyArgCount == other.PosOnlyArgCount
            && KwOnlyArgCount == other.KwOnlyArgCount && Flags == other.Flags && FirstLineNo == other.FirstLineNo
            && Name.Equals(other.Name) && Filename.Equals(other.Filename) && Equals(QualName, other.QualName)
            && Names.SequenceEqual(other.Names) && VarNames.SequenceEqual(other.VarNames)
            && CellVars.SequenceEqual(other.CellVars) && FreeVars.SequenceEqual(other.FreeVars)
            && LocalsPlus.SequenceEqual(other.LocalsPlus)
            && Consts.Count == other.Consts.Count && Consts.Zip(other.Consts).All(p => ConstEquals(p.First, p.Second))
            && SameCodeList(CodeList, other.CodeList);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Code c && Equals(c);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Version, Name, FirstLineNo, CodeList.Count);

    private static bool ConstEquals(object a, object b) => (a, b) switch
    {
        (Code x, Code y) => x.Equals(y),
        (PyObject x, PyObject y) => PyEquality.Strict(x, y),
        _ => false,
    };

    private static bool SameCodeList(CodeList a, CodeList b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        // Labels correspond when they sit at the same index; every reference must then agree with that mapping.
        var map = new Dictionary<Label, Label>();
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] is Label la && b[i] is Label lb)
            {
                map[la] = lb;
            }
        }

        var regions = new Dictionary<ExceptionRegion, ExceptionRegion>();
        bool SameLabel(Label x, Label y) => map.TryGetValue(x, out var m) && ReferenceEquals(m, y);
        bool SameRegion(ExceptionRegion x, ExceptionRegion y)
        {
            if (regions.TryGetValue(x, out var known))
            {
                return ReferenceEquals(known, y);
            }

            if (x.Depth != y.Depth || x.Lasti != y.Lasti || !SameLabel(x.Handler, y.Handler))
            {
                return false;
            }

            regions[x] = y;
            return true;
        }

        for (var i = 0; i < a.Count; i++)
        {
            var same = (a[i], b[i]) switch
            {
                (Label, Label) => true,
                (SetLineno x, SetLineno y) => x.Location == y.Location && x.Form == y.Form,
                (TryBegin x, TryBegin y) => SameRegion(x.Region, y.Region),
                (TryEnd x, TryEnd y) => SameRegion(x.Region, y.Region),
                (Instr x, Instr y) => x.Opcode.Name == y.Opcode.Name && SameArg(x.Arg, y.Arg),
                _ => false,
            };
            if (!same)
            {
                return false;
            }
        }

        return true;

        bool SameArg(object? x, object? y) => (x, y) switch
        {
            (null, null) => true,
            (Label lx, Label ly) => SameLabel(lx, ly),
            (Code cx, Code cy) => cx.Equals(cy),
            (PyObject px, PyObject py) => PyEquality.Strict(px, py),
            _ => Equals(x, y),
        };
    }
}
