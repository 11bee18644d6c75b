namespace ByteFluent.Generators.Tests;

/// <summary>
/// The flow rules of <see cref="Analyzers.BuilderAnalyzer"/> (BF0007, BF0010–BF0013) on the cases of issue 11's first
/// section: every chain ending, builders in locals, code after labels and inside <c>Try</c> bodies, constant arguments,
/// operands out of range, code that falls off its end, labels of another builder, and what the flow must not judge.
/// </summary>
public sealed class AnalyzerFlowTests
{
    [Fact]
    public Task Underflow_is_found_whatever_the_chain_ends_with() => AnalyzerTests.Verify("""
        static class C
        {
            static void M()
            {
                _ = Python312.Module().Resume(0).{|BF0007:PopTop()|}.ReturnConst(null).ToCode();
                Python312.Module().Resume(0).{|BF0007:PopTop()|}.ReturnConst(null).SavePyc("x.pyc");
                _ = Python312.Module().Resume(0).{|BF0007:PopTop()|}.ReturnConst(null).Build();
                _ = Python312.Module().Resume(0).{|BF0007:PopTop()|}.ReturnConst(null).ToPyc();
                Python312.Module().Resume(0).{|BF0007:PopTop()|};
                _ = Python27.Module().{|BF0007:BinaryAdd()|}.LoadConst(null).ReturnValue().ToCode();
                _ = Python36.Module().LoadConst(1).{|BF0007:BinaryAdd()|}.ReturnValue().ToCode();
            }
        }
        """);

    [Fact]
    public Task A_builder_in_a_local_is_followed_across_statements() => AnalyzerTests.Verify("""
        static class C
        {
            static ByteFluent.Model.Code M()
            {
                var b = Python313.Module().Resume(0);
                b.LoadConst(1);
                b.PopTop();
                b.{|BF0007:PopTop()|};
                var alias = Python313.Module();
                var same = alias.LoadConst(2);
                same.PopTop();
                alias.{|BF0007:PopTop()|}.ReturnConst(null);
                return b.ReturnConst(null).Build();
            }
        }
        """);

    [Fact]
    public Task The_flow_gives_up_quietly_at_branches_loops_and_other_code() => AnalyzerTests.Verify("""
        static class C
        {
            static void M(bool flag, Python312.Builder given)
            {
                var b = Python312.Module().Resume(0);
                if (flag)
                {
                    b.LoadConst(1);
                }

                b.PopTop().ReturnConst(null);
                var c = Python312.Module().Resume(0);
                for (var i = 0; i < 3; i++)
                {
                    c.LoadConst(i);
                }

                c.BuildTuple(3).PopTop().ReturnConst(null).ToCode();
                var d = Python312.Module().Resume(0);
                Helper(d);
                d.PopTop().ReturnConst(null).ToCode();
                given.PopTop().ToCode();
                var e = Python312.Module().Resume(0);
                e.Emit(Python312.LOAD_CONST, ByteFluent.Marshal.PyNone.Instance).PopTop().ReturnConst(null).ToCode();
                int n = flag ? 1 : 2;
                Python312.Module().Resume(0).BuildTuple(n).PopTop().ReturnConst(null).ToCode();
                // A fresh chain inside a branch is still followed.
                if (flag)
                {
                    Python312.Module().Resume(0).{|BF0007:PopTop()|};
                }
            }

            static void Helper(Python312.Builder b) => b.LoadConst(1);
        }
        """);

    [Fact]
    public Task After_a_label_the_depth_comes_from_the_jumps_that_reach_it() => AnalyzerTests.Verify("""
        static class C
        {
            static void M()
            {
                // The jump leaves one item (2 - POP_JUMP_IF_FALSE's pop); the label is reached only by it.
                Python312.Module().Resume(0).DefineLabel(out var l)
                    .LoadConst(1).LoadConst(true).PopJumpIfFalse(l).PopTop().ReturnConst(null)
                    .MarkLabel(l).PopTop().{|BF0007:PopTop()|}.ReturnConst(null);
                // Fall-through and jump agree: depth 1 after the label.
                Python310.Module().DefineLabel(out var m)
                    .LoadConst(1).LoadConst(true).PopJumpIfTrue(m).MarkLabel(m).PopTop().LoadConst(null).ReturnValue().ToCode();
                // A label only a later (backward) jump reaches: unknown, no report.
                Python312.Module().Resume(0).DefineLabel(out var top).DefineLabel(out var start).JumpForward(start)
                    .MarkLabel(top).PopTop().ReturnConst(null)
                    .MarkLabel(start).LoadConst(1).JumpBackward(top);
            }
        }
        """);

    [Fact]
    public Task A_label_reached_with_two_depths_is_reported() => AnalyzerTests.Verify("""
        static class C
        {
            static void M()
            {
                Python310.Module().DefineLabel(out var l)
                    .LoadConst(1).LoadConst(true).PopJumpIfTrue(l).LoadConst(2).{|BF0013:MarkLabel(l)|}.PopTop().LoadConst(null).ReturnValue();
                Python312.Module().Resume(0).DefineLabel(out var top).MarkLabel(top).LoadConst(1).{|BF0013:JumpBackward(top)|};
            }
        }
        """);

    [Fact]
    public Task Try_bodies_and_handlers_are_followed() => AnalyzerTests.Verify("""
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).DefineLabel(out var h)
                    .Try(h, 0, b => b.LoadConst(1).PopTop().{|BF0007:PopTop()|})
                    .ReturnConst(null)
                    .MarkLabel(h).PushExcInfo().PopTop().PopExcept().ReturnConst(null).ToCode();
                // The handler starts at the region's depth plus the exception (plus lasti when asked).
                Python311.Module().Resume(0).DefineLabel(out var h2)
                    .BeginTry(h2, 0, out var region, lasti: true).LoadConst(null).ReturnValue().EndTry(region)
                    .MarkLabel(h2).PopTop().PopTop().{|BF0007:PopTop()|}.Reraise(0);
            }
        }
        """);

    [Fact]
    public Task Constant_arguments_feed_arity_dependent_effects() => AnalyzerTests.Verify("""
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).{|BF0007:BuildTuple(3)|}.PopTop().ReturnConst(null);
                Python312.Module().Resume(0).LoadConst(1).LoadConst(2).BuildTuple(2).PopTop().ReturnConst(null).ToCode();
                Python27.Module().LoadName("f").LoadConst("k").LoadConst(1).{|BF0007:CallFunction(0, 2)|}.PopTop();
                Python27.Module().LoadName("f").LoadConst("k").LoadConst(1).CallFunction(0, 1).PopTop().LoadConst(null).ReturnValue().ToCode();
                Python312.Module().Resume(0).LoadGlobal("print", pushNull: true).LoadConst(1).Call(1).PopTop().ReturnConst(null).ToCode();
                Python312.Module().Resume(0).LoadGlobal("print").LoadConst(1).{|BF0007:Call(1)|};
                Python312.Module().Resume(0).LoadConst(1).{|BF0007:RaiseVarargs(Python312.RaiseForm.ExceptionFrom)|};
                Python36.Module().LoadConst(1).LoadConst(2).{|BF0007:CallFunctionEx(keywords: true)|};
            }
        }
        """);

    [Fact]
    public Task Stack_operands_out_of_range_are_reported() => AnalyzerTests.Verify("""
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).LoadConst(1).{|BF0010:Copy(4)|};
                Python312.Module().Resume(0).LoadConst(1).{|BF0010:Swap(5)|};
                Python313.Module().Resume(0).LoadConst(1).LoadConst(2).{|BF0010:Swap(0)|};
                Python310.Module().LoadConst(1).{|BF0010:RotN(2)|};
                Python27.Module().LoadConst(1).LoadConst(2).{|BF0010:DupTopx(3)|};
                Python312.Module().Resume(0).DefineLabel(out var h).LoadConst(1).{|BF0010:BeginTry(h, 2, out var r)|}.PopTop().EndTry(r).ReturnConst(null).MarkLabel(h).Reraise(0);
                Python312.Module().Resume(0).LoadConst(1).LoadConst(2).Swap(2).Copy(2).BuildTuple(3).PopTop().ReturnConst(null).ToCode();
            }
        }
        """);

    [Fact]
    public Task Built_code_that_falls_off_its_end_is_reported() => AnalyzerTests.Verify("""
        static class C
        {
            static void M()
            {
                _ = Python312.Module().Resume(0).LoadConst(1).PopTop().{|BF0011:ToCode()|};
                _ = Python27.Module().LoadConst(1).PopTop().{|BF0011:Build()|};
                Python313.Module().Resume(0).{|BF0011:SavePyc("x.pyc")|};
                var f = Python312.Function("f").Resume(0).LoadConst(1).PopTop();
                Python312.Module().Resume(0).LoadConst({|BF0011:f|}).MakeFunction().StoreName("f").ReturnConst(null).ToCode();
                // A chain that returns, raises or jumps last is fine; so is one the flow cannot follow.
                _ = Python312.Module().Resume(0).LoadConst(1).RaiseVarargs(Python312.RaiseForm.Exception).ToCode();
                _ = Python312.Module().Resume(0).DefineLabel(out var top).MarkLabel(top).Nop().JumpBackward(top).ToCode();
                _ = Python312.Module().Resume(0).Emit(Python312.NOP).ToCode();
            }
        }
        """);

    [Fact]
    public Task A_label_of_another_builder_is_reported() => AnalyzerTests.Verify("""
        static class C
        {
            static void M()
            {
                var a = Python312.Module().Resume(0).DefineLabel(out var mine);
                var b = Python312.Module().Resume(0);
                b.{|BF0012:JumpForward(mine)|};
                b.{|BF0012:MarkLabel(mine)|};
                a.ReturnConst(null);
            }
        }
        """);
}
