using System.Runtime.InteropServices;

namespace DotnetHost.Bridge;

/// <summary>One argument or result on the wire. <c>A</c> holds the value (or a pointer),
/// <c>B</c> a length or a has-value flag, <c>C</c> a GCHandle the native side must release
/// once it has copied the value out (0 when none).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Slot
{
    public long A;
    public long B;
    public long C;
}
