namespace ByteFluent.Assembly;

/// <summary>The line-number table of one era, as a list of <see cref="LineMark"/>s.</summary>
public abstract class LineTableFormat
{
    /// <summary>1.0–1.4: no line table (lines are only in <c>SET_LINENO</c> instructions).</summary>
    public static LineTableFormat None { get; } = new NoTable();

    /// <summary>1.5–3.5's <c>co_lnotab</c> (unsigned line steps; the same codec as 2.7's).</summary>
    public static LineTableFormat Lnotab27 { get; } = new Lnotab(LnotabCodec.Unsigned);

    /// <summary>3.6–3.9's <c>co_lnotab</c>.</summary>
    public static LineTableFormat Lnotab36 { get; } = new Lnotab(LnotabCodec.Signed);

    /// <summary>3.10's <c>co_linetable</c>.</summary>
    public static LineTableFormat Linetable310 { get; } = new Linetable();

    /// <summary>3.11+'s location table.</summary>
    public static LineTableFormat Locations311 { get; } = new Locations();

    /// <summary>Whether the table records columns and end positions (3.11+).</summary>
    public abstract bool HasColumns { get; }

    /// <summary>Decodes the table into marks, in order.</summary>
    public abstract IReadOnlyList<LineMark> Decode(ReadOnlySpan<byte> table, int firstLine);

    /// <summary>As <see cref="Decode(ReadOnlySpan{byte}, int)"/>, appending to <paramref name="marks"/> (a reused list: <c>FromCode</c>'s path).</summary>
    internal virtual void Decode(ReadOnlySpan<byte> table, int firstLine, List<LineMark> marks) => marks.AddRange(Decode(table, firstLine));

    /// <summary>Encodes marks (ascending offsets) for code of <paramref name="codeLength"/> bytes.</summary>
    /// <exception cref="Model.InvalidCodeException">The lines cannot be encoded in this format (2.7: a line going down; a jump so large the table would exceed <see cref="LnotabCodec.MaxTableBytes"/>).</exception>
    public abstract byte[] Encode(IReadOnlyList<LineMark> marks, int firstLine, int codeLength);

    private sealed class NoTable : LineTableFormat
    {
        public override bool HasColumns => false;

        public override IReadOnlyList<LineMark> Decode(ReadOnlySpan<byte> table, int firstLine) => [];

        public override byte[] Encode(IReadOnlyList<LineMark> marks, int firstLine, int codeLength) => [];
    }

    /// <summary>The codecs' argument errors are the model's: a line marker the format cannot hold.</summary>
    private static Model.InvalidCodeException Invalid(ArgumentException e) =>
        new(-1, "line markers", e.Message.Replace(" (Parameter 'starts')", string.Empty, StringComparison.Ordinal).Replace(" (Parameter 'ranges')", string.Empty, StringComparison.Ordinal));

    private sealed class Lnotab(LnotabCodec codec) : LineTableFormat
    {
        public override bool HasColumns => false;

        public override IReadOnlyList<LineMark> Decode(ReadOnlySpan<byte> table, int firstLine)
        {
            var marks = new List<LineMark>();
            Decode(table, firstLine, marks);
            return marks;
        }

        internal override void Decode(ReadOnlySpan<byte> table, int firstLine, List<LineMark> marks)
        {
            var starts = codec.Decode(table, firstLine);
            marks.EnsureCapacity(marks.Count + starts.Count);
            for (var i = 0; i < starts.Count; i++)
            {
                marks.Add(new LineMark(starts[i].Offset, SourceLocation.LineOnly(starts[i].Line)));
            }
        }

        public override byte[] Encode(IReadOnlyList<LineMark> marks, int firstLine, int codeLength)
        {
            var starts = new List<LineStart>(marks.Count);
            foreach (var m in marks)
            {
                // Before 3.10 code without a line keeps the previous one.
                if (m.Location.Line is int line)
                {
                    starts.Add(new LineStart(m.Offset, line));
                }
            }

            try
            {
                return codec.Encode(starts, firstLine);
            }
            catch (ArgumentException e)
            {
                throw Invalid(e);
            }
        }
    }

    private sealed class Linetable : LineTableFormat
    {
        public override bool HasColumns => false;

        public override IReadOnlyList<LineMark> Decode(ReadOnlySpan<byte> table, int firstLine)
        {
            var marks = new List<LineMark>();
            Decode(table, firstLine, marks);
            return marks;
        }

        internal override void Decode(ReadOnlySpan<byte> table, int firstLine, List<LineMark> marks)
        {
            var ranges = Linetable310Codec.Decode(table, firstLine);
            marks.EnsureCapacity(marks.Count + ranges.Count);
            for (var i = 0; i < ranges.Count; i++)
            {
                var r = ranges[i];
                marks.Add(new LineMark(r.Start, r.Line is int l ? SourceLocation.LineOnly(l) : SourceLocation.None));
            }
        }

        public override byte[] Encode(IReadOnlyList<LineMark> marks, int firstLine, int codeLength)
        {
            var ranges = new List<LineRange>(marks.Count + 1);
            var start = 0;
            int? line = firstLine;
            foreach (var m in marks)
            {
                if (m.Offset > start)
                {
                    ranges.Add(new LineRange(start, m.Offset, line));
                }

                start = m.Offset;
                line = m.Location.Line;
            }

            ranges.Add(new LineRange(start, codeLength, line));
            try
            {
                return Linetable310Codec.Encode(ranges, firstLine);
            }
            catch (ArgumentException e)
            {
                throw Invalid(e);
            }
        }
    }

    private sealed class Locations : LineTableFormat
    {
        public override bool HasColumns => true;

        public override IReadOnlyList<LineMark> Decode(ReadOnlySpan<byte> table, int firstLine) => LocationTableCodec.DecodeMarks(table, firstLine);

        internal override void Decode(ReadOnlySpan<byte> table, int firstLine, List<LineMark> marks) => LocationTableCodec.DecodeMarks(table, firstLine, marks);

        public override byte[] Encode(IReadOnlyList<LineMark> marks, int firstLine, int codeLength) => LocationTableCodec.EncodeMarks(marks, firstLine, codeLength);
    }
}
