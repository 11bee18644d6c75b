using ByteFluent.Portable;
using ByteFluent.TestSupport;
using ByteFluent.Versions;
using static ByteFluent.Portable.Py;

namespace ByteFluent.Tests.Portable;

/// <summary>Where async with / async for are refused: 2.7 (no such statements) and, on every version, outside an async def.</summary>
public sealed class PortableAsyncTests
{
    private static readonly string[] NoArgs = [];

    public static TheoryData<string> Places => new() { "module", "def", "class" };

    private static PortableModule Misplaced(string place, bool isFor) => place switch
    {
        "module" => PortableModule.Create(m => Statement(m, isFor)),
        "def" => PortableModule.Create(m => m.Def("f", NoArgs, f => Statement(f, isFor))),
        _ => PortableModule.Create(m => m.Class("C", [Name("object")], c => Statement(c, isFor))),
    };

    private static Block Statement(Block b, bool isFor) => isFor
        ? b.AsyncFor("x", Name("it"), l => l.Pass())
        : b.AsyncWith(Name("cm"), "v", l => l.Pass());

    [Theory]
    [MemberData(nameof(Places))]
    public void Async_with_and_async_for_outside_an_async_def_are_a_clear_error_on_every_version(string place)
    {
        foreach (var version in Interpreters.SupportedVersions)
        {
            var v = PythonVersion.Parse(version);
            foreach (var isFor in new[] { false, true })
            {
                var e = Assert.Throws<PortableNotSupportedException>(() => Misplaced(place, isFor).ToCode(v));
                Assert.Contains(isFor ? "async for" : "async with", e.Message, StringComparison.Ordinal);
                Assert.Contains(version, e.Message, StringComparison.Ordinal);
                if (v.Major == 3)
                {
                    Assert.Contains("outside an async function", e.Message, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Await_outside_an_async_def_is_a_clear_error_on_every_version()
    {
        foreach (var version in Interpreters.SupportedVersions)
        {
            var v = PythonVersion.Parse(version);
            foreach (var module in new[] { PortableModule.Create(m => m.Do(Await(Name("x")))), PortableModule.Create(m => m.Def("f", NoArgs, f => f.Return(Await(Name("x"))))) })
            {
                var e = Assert.Throws<PortableNotSupportedException>(() => module.ToCode(v));
                Assert.Contains("await", e.Message, StringComparison.Ordinal);
                Assert.Contains(version, e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Async_with_and_async_for_in_an_async_def_build_on_every_3x_and_are_refused_on_2_7()
    {
        var module = PortableModule.Create(m => m.AsyncDef("f", ["cm", "it"], f => f
            .AsyncWith(Name("cm"), null, w => w.AsyncFor("x", Name("it"), l => l.If(Name("x"), t => t.Break()).Continue(), e => e.Pass()))));
        foreach (var version in Interpreters.SupportedVersions)
        {
            var v = PythonVersion.Parse(version);
            if (v.Major == 2)
            {
                var e = Assert.Throws<PortableNotSupportedException>(() => module.ToCode(v));
                Assert.Contains("async", e.Message, StringComparison.Ordinal);
                Assert.Contains("2.7", e.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.NotNull(module.ToCode(v));
            }
        }
    }
}
