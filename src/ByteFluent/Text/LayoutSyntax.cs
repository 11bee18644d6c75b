using System.Globalization;
using System.Text;
using ByteFluent.Marshal;

namespace ByteFluent.Text;

/// <summary>
/// The <c>.layout</c> section: a <see cref="MarshalLayout"/> (how CPython encoded each object of the file) as one
/// token per marshal object, in marshal order. A token is the marshal type character (<c>c</c> code, <c>)</c> small
/// tuple, <c>z</c> short ascii, <c>Z</c> interned short ascii, <c>r</c> reference, …) preceded by <c>^</c> when the
/// object carries FLAG_REF; references add the index they name (<c>r12</c>), tuples, lists and sets add their
/// element count (<c>)3</c>), text floats add their text (<c>f1.5</c>, <c>x1.5,2.0</c>). Children follow their parent.
/// </summary>
internal static class LayoutSyntax
{
    private const string ContainerTypes = "()[<>";

    /// <summary>The tokens of <paramref name="layout"/>.</summary>
    public static IEnumerable<string> Tokens(MarshalLayout layout)
    {
        var stack = new Stack<MarshalLayout>();
        stack.Push(layout);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            var sb = new StringBuilder();
            if (node.Flagged)
            {
                sb.Append('^');
            }

            var type = (char)node.Type;
            sb.Append(type);
            if (node.IsReference)
            {
                sb.Append(node.Index.ToString(CultureInfo.InvariantCulture));
            }
            else if (ContainerTypes.Contains(type, StringComparison.Ordinal))
            {
                sb.Append((node.Children?.Length ?? 0).ToString(CultureInfo.InvariantCulture));
            }
            else if (node.Type == MarshalType.Float)
            {
                sb.Append(Escape(node.Text ?? string.Empty));
            }
            else if (node.Type == MarshalType.Complex)
            {
                sb.Append(Escape(node.Text ?? string.Empty)).Append(',').Append(Escape(node.Text2 ?? string.Empty));
            }

            yield return sb.ToString();
            if (!node.IsReference && node.Children is { } children)
            {
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
        }
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string Unescape(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && int.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
            {
                sb.Append((char)v);
                i += 2;
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>A token with where it stands, for messages.</summary>
    public readonly record struct Located(string Text, int Line, int Column);

    /// <summary>Reads the tokens back into a layout tree for <paramref name="format"/>.</summary>
    public static MarshalLayout Parse(IReadOnlyList<Located> tokens, MarshalFormat format, string file)
    {
        var position = 0;
        var indexed = new List<MarshalLayout>();
        var codeChildren = format.CodeLayout.Fields.Count(f => !f.IsInt32());

        AsmSyntaxException Error(Located at, string message) => new(file, at.Line, at.Column, message);

        MarshalLayout Node(int depth)
        {
            if (position >= tokens.Count)
            {
                var last = tokens.Count > 0 ? tokens[^1] : new Located(string.Empty, 1, 1);
                throw Error(last, "the .layout section ends inside an object: expected more layout tokens");
            }

            if (depth > MarshalFormat.CPythonMaxDepth)
            {
                throw Error(tokens[position], "the .layout section nests deeper than marshal allows");
            }

            var at = tokens[position++];
            var text = at.Text;
            var flagged = text.StartsWith('^');
            var body = flagged ? text[1..] : text;
            if (body.Length == 0 || body[0] > 0x7E)
            {
                throw Error(at, $"bad layout token '{text}': expected a marshal type character");
            }

            var type = (byte)body[0];
            var code = (byte)(type | (flagged ? MarshalType.FlagRef : 0));
            var rest = body[1..];
            int Count()
            {
                if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    throw Error(at, $"bad layout token '{text}': expected a number after '{(char)type}'");
                }

                return n;
            }

            var hasSuffix = type is MarshalType.Ref or MarshalType.StringRef or MarshalType.Float or MarshalType.Complex
                || ContainerTypes.Contains((char)type, StringComparison.Ordinal);
            if (!hasSuffix && rest.Length > 0)
            {
                throw Error(at, $"bad layout token '{text}': nothing may follow '{(char)type}'");
            }

            if (type is MarshalType.Ref or MarshalType.StringRef)
            {
                var target = Count();
                if (target >= indexed.Count)
                {
                    throw Error(at, $"bad layout token '{text}': reference {target} names no earlier object (there are {indexed.Count})");
                }

                return new MarshalLayout(code, target) { Target = indexed[target] };
            }

            var takesIndex = flagged || (format.IsPython2 && type == MarshalType.Interned);
            var node = new MarshalLayout(code, takesIndex ? indexed.Count : -1);
            if (takesIndex)
            {
                indexed.Add(node);
            }

            if (ContainerTypes.Contains((char)type, StringComparison.Ordinal))
            {
                var n = Count();
                if (n > tokens.Count - position)
                {
                    // Each element takes at least one token: a count beyond what is left is checked before allocating.
                    throw Error(at, $"bad layout token '{text}': {n} elements, but only {tokens.Count - position} layout tokens follow");
                }

                var children = new MarshalLayout[n];
                for (var i = 0; i < n; i++)
                {
                    children[i] = Node(depth + 1);
                }

                node.Children = children;
            }
            else if (type == format.CodeLayout.TypeCode)
            {
                node.Children = [.. Enumerable.Range(0, codeChildren).Select(_ => Node(depth + 1))];
            }
            else if (type == MarshalType.Slice)
            {
                node.Children = [Node(depth + 1), Node(depth + 1), Node(depth + 1)];
            }
            else if (type is MarshalType.Dict or MarshalType.FrozenDict)
            {
                var children = new List<MarshalLayout>();
                while (true)
                {
                    var key = Node(depth + 1);
                    children.Add(key);
                    if (key.Type == MarshalType.Null)
                    {
                        break;
                    }

                    children.Add(Node(depth + 1));
                }

                node.Children = [.. children];
            }
            else if (type == MarshalType.Float)
            {
                node.Text = Unescape(rest);
            }
            else if (type == MarshalType.Complex)
            {
                var comma = rest.IndexOf(',', StringComparison.Ordinal);
                if (comma < 0)
                {
                    throw Error(at, $"bad layout token '{text}': expected x<real>,<imag>");
                }

                node.Text = Unescape(rest[..comma]);
                node.Text2 = Unescape(rest[(comma + 1)..]);
            }

            return node;
        }

        var root = Node(0);
        if (position < tokens.Count)
        {
            throw Error(tokens[position], $"the .layout section has {tokens.Count - position} tokens after the end of the file's object");
        }

        return root;
    }
}
