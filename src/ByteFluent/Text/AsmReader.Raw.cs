using System.Collections.Immutable;
using ByteFluent.Marshal;
using ByteFluent.Model;

namespace ByteFluent.Text;

public static partial class AsmReader
{
    private sealed partial class Reader
    {
        // A '.raw' section (written for code that does not decode, see RawInstructions): the code object is built
        // field by field as written, without the assembler, so that it is the identical object.
        private PyCode BuildRaw(Section section)
        {
            section.Building = true;
            var c = new Code(version)
            {
                Name = new PyString(section.Id[(section.Id.LastIndexOf('.') + 1)..]),
                Filename = new PyString(file),
                FirstLineNo = 1,
            };
            var seen = new HashSet<string>();
            var bytes = new List<byte>();
            var lineTable = new List<byte>();
            var exceptionTable = new List<byte>();
            var kinds = new List<byte>();
            var localsPlusNames = new List<PyString>();
            var nlocals = 0;
            var table = Dialect.Table;
            foreach (var line in section.Lines)
            {
                var cur = new AsmCursor(line.Tokens, file, line.Number, line.Length);
                var first = line.Tokens[0];
                cur.Next(first.Text);
                switch (first.Text)
                {
                    case ".raw":
                        cur.ExpectEnd("'.raw'");
                        continue;
                    case ".bytes":
                        Hex(cur, bytes, "the bytes after the last instruction");
                        continue;
                    case "nlocals":
                        nlocals = Int(cur, "the number of local variables");
                        cur.ExpectEnd("the nlocals");
                        continue;
                    case "linetable":
                        Hex(cur, lineTable, "the line table");
                        continue;
                    case "exceptiontable":
                        Hex(cur, exceptionTable, "the exception table");
                        continue;
                    case "localspluskinds":
                        Hex(cur, kinds, "the kinds of the locals");
                        continue;
                    case "localsplusnames":
                        NameList(cur, localsPlusNames);
                        continue;
                }

                if (first.Kind == AsmTokenKind.Word && Attributes.Contains(first.Text))
                {
                    Attribute(c, cur, first, seen);
                    continue;
                }

                if (first.Kind != AsmTokenKind.Word || RawInstructions.Number(table, first.Text) is not { } op)
                {
                    throw cur.Error(first, $"expected an instruction of Python {version} (NAME N or <N> N), an attribute or '.bytes' in a raw code section, found {first.Describe()}");
                }

                var width = table.Wordcode ? 2 : op >= table.HaveArgument ? 3 : 1;
                if (width == 1)
                {
                    cur.ExpectEnd($"{first.Text} (no argument before 3.6 below opcode {table.HaveArgument})");
                    bytes.Add((byte)op);
                    continue;
                }

                var max = width == 2 ? 255 : 65535;
                var arg = Int(cur, $"the raw argument (0 to {max})");
                if (arg < 0 || arg > max)
                {
                    throw cur.Error(line.Tokens[1], $"raw argument {arg} out of range: expected 0 to {max} (EXTENDED_ARG is an instruction of its own here)");
                }

                cur.ExpectEnd("the instruction");
                bytes.Add((byte)op);
                bytes.Add((byte)arg);
                if (width == 3)
                {
                    bytes.Add((byte)(arg >> 8));
                }
            }

            if (c.LocalsPlus.Count > 0)
            {
                localsPlusNames.AddRange(c.LocalsPlus.Select(l => l.Name));
                kinds.AddRange(c.LocalsPlus.Select(l => l.Kind));
            }

            var built = new PyCode
            {
                ArgCount = c.ArgCount,
                PosOnlyArgCount = c.PosOnlyArgCount,
                KwOnlyArgCount = c.KwOnlyArgCount,
                NLocals = nlocals,
                StackSize = c.DeclaredStackSize ?? 0,
                Flags = c.Flags,
                Code = [.. bytes],
                Consts = [.. c.Consts.Cast<PyObject>()],
                Names = [.. c.Names],
                VarNames = [.. c.VarNames],
                FreeVars = [.. c.FreeVars],
                CellVars = [.. c.CellVars],
                LocalsPlusNames = [.. localsPlusNames],
                LocalsPlusKinds = [.. kinds],
                Filename = c.Filename,
                Name = c.Name,
                QualName = c.QualName,
                FirstLineNo = c.FirstLineNo,
                LineTable = [.. lineTable],
                ExceptionTable = [.. exceptionTable],
            };
            section.Building = false;
            section.Built = built;
            return built;
        }

        private static void Hex(AsmCursor cur, List<byte> into, string what)
        {
            var t = cur.Next(what + " in hexadecimal");
            try
            {
                into.AddRange(Convert.FromHexString(t.Text));
            }
            catch (FormatException)
            {
                throw cur.Error(t, $"bad {what} {t.Describe()}: expected an even number of hexadecimal digits");
            }

            cur.ExpectEnd(what);
        }
    }
}
