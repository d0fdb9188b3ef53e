using System.Runtime.InteropServices;
using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>The bridge's entry points, handed to the addon as a table of function pointers
/// by <see cref="Initialize"/>. Every one catches every exception: one escaping into native
/// code would end the process.</summary>
public static unsafe class Exports
{
    private const int Ok = 0;
    private const int Threw = 1;

    /// <summary>Mirrors <c>BridgeApi</c> in src/bridge/api.rs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Api
    {
        public int Size;
        public int Version;
        public delegate* unmanaged<char*, int, int, Slot*, int> LoadAssembly;
        public delegate* unmanaged<int, char*, int, char*, int, char*, int, Slot*, int> Bind;
        public delegate* unmanaged<int, Slot*, Slot*, int> Invoke;
        public delegate* unmanaged<long, void> Release;
        public delegate* unmanaged<long> CreateCancellation;
        public delegate* unmanaged<long, void> Cancel;
        public delegate* unmanaged<long, void> FreeCancellation;
        public delegate* unmanaged<Diagnostics*, void> Diagnose;
    }

    /// <summary>Counters for leak tests and soak runs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Diagnostics
    {
        public long LiveHandles;
        public long LiveCancellations;
        public long BoundMethods;
    }

    private static long liveCancellations;

    [UnmanagedCallersOnly]
    public static int Initialize(Api* api, delegate* unmanaged<long, int, Slot*, void> onComplete)
    {
        try
        {
            if (api->Size != sizeof(Api))
            {
                return -1;
            }
            api->Version = 1;
            api->LoadAssembly = &LoadAssembly;
            api->Bind = &Bind;
            api->Invoke = &Invoke;
            api->Release = &Release;
            api->CreateCancellation = &CreateCancellation;
            api->Cancel = &Cancel;
            api->FreeCancellation = &FreeCancellation;
            api->Diagnose = &Diagnose;
            Tasks.SetCallback(onComplete);
            return Ok;
        }
        catch
        {
            return -2;
        }
    }

    private static string? Text(char* text, int length) => length < 0 ? null : new string(text, 0, length);

    private static int Fail(Slot* ret, Exception exception)
    {
        try
        {
            Writers.String((IntPtr)ret, ExceptionInfo.ToJson(exception));
        }
        catch
        {
            *ret = default;
        }
        return Threw;
    }

    [UnmanagedCallersOnly]
    private static int LoadAssembly(char* path, int pathLength, int isolated, Slot* ret)
    {
        try
        {
            *ret = new Slot { A = Loader.Load(Text(path, pathLength)!, isolated != 0) };
            return Ok;
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Bind(
        int assembly, char* type, int typeLength, char* method, int methodLength, char* types, int typesLength, Slot* ret)
    {
        try
        {
            var parameterTypes = Text(types, typesLength) is { } list ? JsonSerializer.Deserialize<string[]>(list) : null;
            Writers.String((IntPtr)ret, Binder.Bind(assembly, Text(type, typeLength)!, Text(method, methodLength)!, parameterTypes));
            return Ok;
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int Invoke(int id, Slot* args, Slot* ret)
    {
        try
        {
            return Binder.Invokers[id]((IntPtr)args, (IntPtr)ret);
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Release(long handle)
    {
        try
        {
            GCHandle.FromIntPtr((IntPtr)handle).Free();
            Interlocked.Decrement(ref Writers.LiveHandles);
        }
        catch
        {
            // A handle is released once by construction; nothing to report to.
        }
    }

    [UnmanagedCallersOnly]
    private static long CreateCancellation()
    {
        try
        {
            var handle = (long)GCHandle.ToIntPtr(GCHandle.Alloc(new CancellationTokenSource()));
            Interlocked.Increment(ref liveCancellations);
            return handle;
        }
        catch
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static void Cancel(long handle)
    {
        try
        {
            ((CancellationTokenSource)GCHandle.FromIntPtr((IntPtr)handle).Target!).Cancel();
        }
        catch
        {
            // Exceptions from user cancellation callbacks surface in the Task, not here.
        }
    }

    [UnmanagedCallersOnly]
    private static void FreeCancellation(long handle)
    {
        try
        {
            var gcHandle = GCHandle.FromIntPtr((IntPtr)handle);
            ((CancellationTokenSource)gcHandle.Target!).Dispose();
            gcHandle.Free();
            Interlocked.Decrement(ref liveCancellations);
        }
        catch
        {
            // As in Release.
        }
    }

    [UnmanagedCallersOnly]
    private static void Diagnose(Diagnostics* diagnostics)
    {
        try
        {
            diagnostics->LiveHandles = Interlocked.Read(ref Writers.LiveHandles);
            diagnostics->LiveCancellations = Interlocked.Read(ref liveCancellations);
            diagnostics->BoundMethods = Binder.Invokers.Length;
        }
        catch
        {
            // Reading three counters cannot fail.
        }
    }
}
