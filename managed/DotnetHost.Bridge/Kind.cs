namespace DotnetHost.Bridge;

/// <summary>How a value crosses between JavaScript and .NET. Mirrored in src/bridge/kind.rs
/// and lib/typed/kinds.ts: the numbers are the wire format.</summary>
internal enum Kind : byte
{
    Void = 0,
    Bool = 1,
    SByte = 2,
    Byte = 3,
    Int16 = 4,
    UInt16 = 5,
    Int32 = 6,
    UInt32 = 7,
    Int64 = 8,
    UInt64 = 9,
    Single = 10,
    Double = 11,
    Char = 12,
    IntPtr = 13,
    UIntPtr = 14,
    String = 15,
    Decimal = 16,
    DateTime = 17,
    DateTimeOffset = 18,
    TimeSpan = 19,
    Guid = 20,
    Array = 21,
    Span = 22,
    ReadOnlySpan = 23,
    Memory = 24,
    ReadOnlyMemory = 25,
    Json = 26,
    CancellationToken = 27,
    Task = 28,
    /// <summary>A .NET object by reference (a JavaScript wrapper), or any JSON value.</summary>
    Object = 29,
    /// <summary>A delegate: a JavaScript function or a wrapped .NET delegate.</summary>
    Delegate = 30,
}
