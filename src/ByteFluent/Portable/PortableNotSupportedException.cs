using ByteFluent.Versions;

namespace ByteFluent.Portable;

/// <summary>A construct the target version's Python does not have (e.g. <c>async with</c> on 2.7), or a use the portable builder cannot lower.</summary>
public sealed class PortableNotSupportedException : Exception
{
    /// <summary>Creates the exception for a construct and a version.</summary>
    public PortableNotSupportedException(string construct, PythonVersion version, string? detail = null)
        : base($"{construct} is not available on Python {version}{(detail is null ? string.Empty : ": " + detail)}")
    {
        Construct = construct;
        Version = version;
    }

    /// <summary>Creates the exception with a message.</summary>
    public PortableNotSupportedException()
        : base("the construct is not available on this version")
    {
        Construct = string.Empty;
        Version = PythonVersion.V2_7;
    }

    /// <summary>Creates the exception with a message.</summary>
    public PortableNotSupportedException(string message)
        : base(message)
    {
        Construct = string.Empty;
        Version = PythonVersion.V2_7;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public PortableNotSupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Construct = string.Empty;
        Version = PythonVersion.V2_7;
    }

    /// <summary>The construct ("async with", "f-string", …).</summary>
    public string Construct { get; }

    /// <summary>The target version.</summary>
    public PythonVersion Version { get; }
}
