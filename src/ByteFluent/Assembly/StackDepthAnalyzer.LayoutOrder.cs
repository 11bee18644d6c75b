namespace ByteFluent.Assembly;

/// <summary>The layout-order walk (PyPy 3.9, see <see cref="StackDepthRules.LayoutOrder"/>).</summary>
public sealed partial class StackDepthAnalyzer
{
    private int RunLayoutOrder()
    {
        var start = new int[code.Count + 1];
        Array.Fill(start, Unvisited);
        start[0] = 0;
        var maxDepth = 0;
        var depth = Unvisited;
        for (var i = 0; i < code.Count; i++)
        {
            depth = Math.Max(depth, start[i]);
            if (depth == Unvisited)
            {
                continue;
            }

            var ins = code[i];
            depthBefore[i] = depth;
            var after = depth + Effect(ins, i, jump: false);
            if (after < 0)
            {
                throw Fail("stack underflow", i, depth);
            }

            maxDepth = Math.Max(maxDepth, after);
            if (ins.JumpTarget >= 0)
            {
                var target = depth + Effect(ins, i, jump: true);
                maxDepth = Math.Max(maxDepth, target);
                if (ins.JumpTarget > i && ins.JumpTarget <= code.Count)
                {
                    start[ins.JumpTarget] = Math.Max(start[ins.JumpTarget], target);
                }
            }

            depth = rules.Terminal.Contains(ins.Opcode.Name) ? Unvisited : after;
        }

        return maxDepth;
    }
}
