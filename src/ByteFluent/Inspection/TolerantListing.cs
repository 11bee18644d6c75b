using ByteFluent.Model;

namespace ByteFluent.Inspection;

/// <summary>What <see cref="TolerantDisassembler.Disassemble(ByteFluent.Marshal.PyCode, ByteFluent.Versions.OpcodeTable)"/> made of one code object.</summary>
/// <param name="Model">The editable model when the code is well formed; null when it is not.</param>
/// <param name="Listing">The model's listing (byteplay's format), or for broken code the raw listing of what is there.</param>
/// <param name="Problems">Everything wrong, one entry per problem (empty when <paramref name="Model"/> is set).</param>
public sealed record TolerantListing(Code? Model, string Listing, IReadOnlyList<DisassemblyProblem> Problems);
