
def groups():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ExceptionGroup("inner", [KeyError(3)])])
    except* ValueError as eg:
        print("values", [repr(e) for e in eg.exceptions])
    except* (TypeError, KeyError) as eg:
        print("others", repr(eg.split(KeyError)[0]))
    try:
        try:
            raise OSError("x")
        except* OSError:
            raise ValueError("from handler")
    except ValueError as e:
        print("raised from except*:", e)

groups()
