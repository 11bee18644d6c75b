namespace ByteFluent.Versions;

/// <summary>The interpreter family whose bytecode a <see cref="PythonVersion"/> names.</summary>
public enum PythonImplementation
{
    /// <summary>CPython, the reference interpreter.</summary>
    CPython,

    /// <summary>PyPy: CPython's bytecode of the same language version with extra opcodes and its own magic numbers.</summary>
    PyPy,
}
