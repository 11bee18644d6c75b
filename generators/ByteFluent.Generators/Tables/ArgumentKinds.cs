using System.Collections.Generic;

namespace ByteFluent.Generators.Tables;

/// <summary>
/// Decides what an opcode's argument means from the <c>has*</c> sets it is in (names of
/// <c>ByteFluent.Versions.OpcodeArgumentKind</c> members). The order matters: a set that names a table the argument
/// indexes wins over the looser ones.
/// </summary>
internal static class ArgumentKinds
{
    public static string Classify(bool hasArg, bool isPseudo, IReadOnlyCollection<string> sets, bool hasNamedValues)
    {
        // 3.12 leaves its SETUP_* pseudo opcodes out of hasarg although they carry a handler target (hasexc):
        // a pseudo opcode's set membership decides even without hasarg.
        if (!hasArg && !isPseudo)
        {
            return "None";
        }

        bool In(string set)
        {
            foreach (var s in sets)
            {
                if (s == set)
                {
                    return true;
                }
            }

            return false;
        }

        if (In("hasconst"))
        {
            return "Constant";
        }

        if (In("hasname"))
        {
            return "Name";
        }

        if (In("haslocal"))
        {
            return "Local";
        }

        if (In("hasfree"))
        {
            return "Free";
        }

        if (In("hasjabs"))
        {
            return "AbsoluteJump";
        }

        if (In("hasjrel") || In("hasjump"))
        {
            return "RelativeJump";
        }

        if (In("hascompare"))
        {
            return "Compare";
        }

        if (In("hasexc"))
        {
            return "ExceptionHandler";
        }

        if (!hasArg)
        {
            return "None";
        }

        return hasNamedValues ? "NamedValue" : "Number";
    }

    /// <summary>A phrase for the XML docs.</summary>
    public static string Describe(string kind) => kind switch
    {
        "None" => "none",
        "Number" => "a number (count, flags or index)",
        "Constant" => "an index into <c>co_consts</c> (<c>hasconst</c>)",
        "Name" => "an index into <c>co_names</c> (<c>hasname</c>)",
        "Local" => "a local variable slot (<c>haslocal</c>)",
        "Free" => "a cell or free variable (<c>hasfree</c>)",
        "RelativeJump" => "a relative jump target",
        "AbsoluteJump" => "an absolute jump target (<c>hasjabs</c>)",
        "Compare" => "a comparison from <c>cmp_op</c> (<c>hascompare</c>)",
        "ExceptionHandler" => "an exception handler target (<c>hasexc</c>)",
        "NamedValue" => "a named value (see <c>ArgumentValues</c>)",
        _ => kind,
    };
}
