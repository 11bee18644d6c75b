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
                e.Append(new ByteFluent.Model.Instr(Python312.POP_TOP)).PopTop().ReturnConst(null).ToCode();
                var g = Python312.Module().Resume(0);
                switch (flag)
                {
                    case true:
                        g.LoadConst(1);
                        break;
                }

                g.PopTop().ReturnConst(null).ToCode();
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
                _ = Python312.Module().Resume(0).Emit(Python312.NOP).{|BF0011:ToCode()|};
                _ = Python312.Module().Resume(0).Append(new ByteFluent.Model.Instr(Python312.NOP)).ToCode();
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

    [Fact]
    public Task Both_branches_of_an_if_are_followed() => AnalyzerTests.Verify("""
        static class C
        {
            static void M(bool flag)
            {
                // Without else: the path that skips the branch has one item fewer.
                var b = Python312.Module().Resume(0).LoadConst(1);
                if (flag)
                {
                    b.LoadConst(2);
                }

                b.PopTop().{|BF0007:PopTop()|}.ReturnConst(null).ToCode();
                // Both branches push one: the depth after the if is exact again.
                var c = Python312.Module().Resume(0);
                if (flag)
                {
                    c.LoadConst(1);
                }
                else
                {
                    c.LoadConst(2);
                }

                c.PopTop().{|BF0007:PopTop()|}.ReturnConst(null).ToCode();
                // A branch that leaves the method does not go on past the if.
                var d = Python312.Module().Resume(0).LoadConst(1);
                if (flag)
                {
                    d.PopTop().ReturnConst(null).ToCode();
                    return;
                }

                d.PopTop().ReturnConst(null).ToCode();
                // Either path's depth is fine for what follows: no report.
                var e = Python312.Module().Resume(0).LoadConst(1);
                if (flag)
                {
                    e.LoadConst(2).Swap(2);
                }

                e.ReturnValue().ToCode();
                // Operands are checked against the smaller depth.
                var f = Python312.Module().Resume(0).LoadConst(1);
                if (flag)
                {
                    f.LoadConst(2);
                }

                f.{|BF0010:Copy(2)|};
                // A label jumped to in one branch only is no longer followed.
                var g = Python312.Module().Resume(0).DefineLabel(out var l).LoadConst(1);
                if (flag)
                {
                    g.JumpForward(l);
                }

                g.LoadConst(2).MarkLabel(l).PopTop().PopTop().ReturnConst(null).ToCode();
            }
        }
        """);

    [Fact]
    public Task Raw_Emit_of_the_builders_own_opcodes_is_followed() => AnalyzerTests.Verify("""
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).{|BF0007:Emit(Python312.POP_TOP)|}.ReturnConst(null).ToCode();
                Python312.Module().Resume(0).LoadConst(1).{|BF0007:Emit(Python312.BUILD_TUPLE, 2)|};
                Python312.Module().Resume(0).LoadConst(1).{|BF0010:Emit(Python312.SWAP, 0)|};
                // An opcode object of another version is retargeted by name.
                Python312.Module().Resume(0).{|BF0007:Emit(Python311.POP_TOP)|};
                Python312.Module().Resume(0).Emit(Python312.LOAD_CONST, ByteFluent.Marshal.PyNone.Instance).Emit(Python312.RETURN_VALUE).ToCode();
                // KW_NAMES takes a tuple of names, never a string.
                Python312.Module().Resume(0).Emit(Python312.KW_NAMES, {|BF0004:new ByteFluent.Marshal.PyString("sep")|}).ReturnConst(null).ToCode();
                Python312.Module().Resume(0).KwNames("sep").ReturnConst(null).ToCode();
            }
        }
        """);

    [Fact]
    public Task Copy_and_swap_after_a_label_use_the_label_depth() => AnalyzerTests.Verify("""
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).DefineLabel(out var l)
                    .LoadConst(1).LoadConst(true).PopJumpIfFalse(l).PopTop().ReturnConst(null)
                    .MarkLabel(l).{|BF0010:Copy(2)|};
                Python313.Module().Resume(0).DefineLabel(out var m)
                    .LoadConst(1).LoadConst(2).LoadConst(true).ToBool().PopJumpIfTrue(m).PopTop().PopTop().ReturnConst(null)
                    .MarkLabel(m).Swap(2).{|BF0010:Swap(3)|};
            }
        }
        """);

    [Fact]
    public Task Fast_locals_in_module_code_are_reported() => AnalyzerTests.Verify("""
        static class C
        {
            static void M(ByteFluent.Building.CodeBuilderOptions options)
            {
                Python312.Module().Resume(0).{|BF0015:LoadFast("x")|}.ReturnValue().ToCode();
                Python312.Module().Resume(0).LoadConst(1).{|BF0015:StoreFast("x")|}.ReturnConst(null).ToCode();
                Python27.Module().{|BF0015:LoadFast("x")|}.ReturnValue().ToCode();
                Python313.Module().Resume(0).{|BF0015:Emit(Python313.LOAD_FAST, "x")|}.ReturnValue().ToCode();
                // Function code has fast locals; code from Create(options) is not judged.
                Python312.Function("f", ["x"]).Resume(0).LoadFast("x").ReturnValue().ToCode();
                Python312.Create(options).Resume(0).LoadFast("x").ReturnValue().ToCode();
            }
        }
        """);

    [Fact]
    public Task Cell_and_free_opcodes_need_declared_names() => AnalyzerTests.Verify("""
        static class C
        {
            static void M(string[] cells)
            {
                Python312.Function("f").Resume(0).{|BF0016:LoadDeref("x")|}.ReturnValue().ToCode();
                Python312.Module().Resume(0).{|BF0016:LoadDeref("x")|}.ReturnValue().ToCode();
                Python310.Function("f", cellVars: ["y"]).{|BF0016:LoadClosure("x")|}.ReturnValue().ToCode();
                Python27.Function("f", freeVars: new[] { "y" }).{|BF0016:LoadDeref("x")|}.ReturnValue().ToCode();
                // Declared names, and names not known at compile time, are fine.
                Python312.Function("f", ["x"], cellVars: ["x"]).Resume(0).LoadDeref("x").ReturnValue().ToCode();
                Python310.Function("g", freeVars: ["x"]).LoadDeref("x").ReturnValue().ToCode();
                Python312.Function("f", cellVars: cells).Resume(0).LoadDeref("x").ReturnValue().ToCode();
            }
        }
        """);
}
