using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Samples;

/// <summary>
/// A module that prints "Hello, world!", built from scratch with each version's typed builder. The eras differ in
/// how a call is spelled: 2.7's PRINT_ITEM, 3.6–3.10's CALL_FUNCTION, 3.11's PRECALL/CALL with PUSH_NULL before
/// the callable, 3.12's RETURN_CONST, 3.13+'s PUSH_NULL after the callable, 3.14+'s return without RETURN_CONST.
/// </summary>
public static class HelloWorld
{
    /// <summary>The text the module prints.</summary>
    public const string Message = "Hello, world!";

    /// <summary>The module's code object for <paramref name="version"/>.</summary>
    public static PyCode Build(PythonVersion version) => version.ToString() switch
    {
        "2.7" => Python27.Module().LoadConst(Message).PrintItem().PrintNewline().LoadConst(null).ReturnValue().ToCode(),
        "3.6" => Python36.Module().LoadName("print").LoadConst(Message).CallFunction(1).PopTop().LoadConst(null).ReturnValue().ToCode(),
        "3.7" => Python37.Module().LoadName("print").LoadConst(Message).CallFunction(1).PopTop().LoadConst(null).ReturnValue().ToCode(),
        "3.8" => Python38.Module().LoadName("print").LoadConst(Message).CallFunction(1).PopTop().LoadConst(null).ReturnValue().ToCode(),
        "3.9" => Python39.Module().LoadName("print").LoadConst(Message).CallFunction(1).PopTop().LoadConst(null).ReturnValue().ToCode(),
        "3.10" => Python310.Module().LoadName("print").LoadConst(Message).CallFunction(1).PopTop().LoadConst(null).ReturnValue().ToCode(),
        "3.11" => Python311.Module().Resume(0).PushNull().LoadName("print").LoadConst(Message).Precall(1).Call(1).PopTop()
            .LoadConst(null).ReturnValue().ToCode(),
        "3.12" => Python312.Module().Resume(0).PushNull().LoadName("print").LoadConst(Message).Call(1).PopTop().ReturnConst(null).ToCode(),
        "3.13" => Python313.Module().Resume(0).LoadName("print").PushNull().LoadConst(Message).Call(1).PopTop().ReturnConst(null).ToCode(),
        "3.14" => Python314.Module().Resume(0).LoadName("print").PushNull().LoadConst(Message).Call(1).PopTop()
            .LoadConst(null).ReturnValue().ToCode(),
        "3.15" => Python315.Module().Resume(0).LoadName("print").PushNull().LoadConst(Message).Call(1).PopTop()
            .LoadConst(null).ReturnValue().ToCode(),
        _ => throw new UnsupportedPythonVersionException(version),
    };
}
