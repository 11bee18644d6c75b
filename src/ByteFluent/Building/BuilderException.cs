namespace ByteFluent.Building;

/// <summary>A label is misused in a builder: invalid, from another builder, marked twice, or never marked.</summary>
public sealed class BuilderLabelException(string message) : Exception(message);

/// <summary>An exception region is closed out of order, closed twice, or left open at <c>Build()</c>.</summary>
public sealed class ExceptionRegionException(string message) : Exception(message);

/// <summary>A constant cannot be used where it was given (e.g. a nested <see cref="Model.Code"/> inside a tuple).</summary>
public sealed class ConstantKindException(string message) : Exception(message);
