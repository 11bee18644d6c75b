using System.Collections.Immutable;
using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Hostile;

/// <summary>
/// Two distinct but equal DAGs of shared containers (each level holding the level below twice, as marshal references
/// make them) have 2^depth paths; comparing, hashing and writing them must take time linear in their size.
/// </summary>
public sealed class SharedDagComparisonTests
{
    private const int Depth = 48;

    public static TheoryData<string> Shapes() => ["tuple", "list", "frozenset", "dict", "slice", "code"];

    private static PyObject Level(string shape, PyObject below, int i) => shape switch
    {
        "tuple" => new PyTuple(below, below),
        "list" => new PyList(below, below),
        "frozenset" => new PyFrozenSet([below, new PyTuple(below)]),
        "dict" => new PyDict((new PyInt(i), below), (new PyInt(-i), below)),
        "slice" => new PySlice(below, below, below),
        _ => new PyCode
        {
            Code = [151, 0, 121, 0],
            Consts = [PyNone.Instance, below, below],
            Filename = new PyString("x.py"),
            Name = new PyString("f"),
            QualName = new PyString("f"),
            FirstLineNo = 1,
            LineTable = [],
            ExceptionTable = [],
        },
    };

    /// <summary>A chain built anew each call: no object is shared between two calls.</summary>
    private static PyObject Chain(string shape, PyObject leaf)
    {
        var value = leaf;
        for (var i = 0; i < Depth; i++)
        {
            value = Level(shape, value, i);
        }

        return value;
    }

    private static T Bounded<T>(Func<T> action)
    {
        // On its own thread with a deadline: an exponential walk must fail the test, not hang the run.
        var task = Task.Factory.StartNew(action, TaskCreationOptions.LongRunning);
        Assert.True(task.Wait(TimeSpan.FromSeconds(10)), "did not finish within 10 s: the DAG is walked path by path");
        return task.Result;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Equal_distinct_dags_compare_equal_and_hash_alike_in_linear_time(string shape)
    {
        var a = Chain(shape, new PyInt(7));
        var b = Chain(shape, new PyInt(7));
        Assert.NotSame(a, b);
        Assert.True(Bounded(() => a.Equals(b)));
        Assert.True(Bounded(() => PyEquality.Strict(a, b)));
        Assert.Equal(Bounded(() => a.GetHashCode()), Bounded(() => b.GetHashCode()));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Dags_that_differ_only_at_the_leaf_compare_unequal_in_linear_time(string shape)
    {
        var a = Chain(shape, new PyInt(7));
        var b = Chain(shape, new PyInt(8));
        var interned = Chain(shape, new PyString("s", PyStringForm.AsciiInterned));
        var plain = Chain(shape, new PyString("s", PyStringForm.Ascii));
        Assert.False(Bounded(() => a.Equals(b)));
        Assert.False(Bounded(() => PyEquality.Strict(a, b)));

        // Equal as values, different as marshal forms: the plain and the strict relation are remembered apart.
        Assert.True(Bounded(() => interned.Equals(plain)));
        Assert.False(Bounded(() => PyEquality.Strict(interned, plain)));
        Assert.True(Bounded(() => interned.Equals(plain)));
    }

    [Fact]
    public void A_file_holding_two_separately_spelled_equal_chains_is_written_and_read_in_linear_time()
    {
        var module = (PyCode)Chain("code", PyNone.Instance) with { };
        var twoChains = new PyTuple(Chain("tuple", new PyInt(1)), Chain("tuple", new PyInt(1)));
        var code = module with { Consts = [PyNone.Instance, twoChains] };
        var pyc = PycFile.Create(code, PythonVersion.V3_12);
        var bytes = Bounded(pyc.ToBytes);
        var read = Bounded(() => PycFile.Read(bytes));
        Assert.True(Bounded(() => read.Code.Equals(code)));
        var tuple = (PyTuple)read.Code.Consts[1];
        Assert.True(Bounded(() => tuple[0].Equals(tuple[1])));
        Assert.True(bytes.Length < 50_000, $"{bytes.Length} bytes: shared objects must be written as references");
    }
}
