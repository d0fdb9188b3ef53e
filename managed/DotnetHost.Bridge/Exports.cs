using System.Runtime.CompilerServices;
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
        public delegate* unmanaged<int, char*, int, char*, int, Slot*, int> FindType;
        public delegate* unmanaged<int, Slot*, int> ListTypes;
        public delegate* unmanaged<int, Slot*, int> DescribeType;
        public delegate* unmanaged<int, char*, int, char*, int, int, char*, int, char*, int, Slot*, int> BindMember;
        public delegate* unmanaged<long, void> ReleaseObject;
        public delegate* unmanaged<long, Slot*, int> DisposeObject;
        public delegate* unmanaged<int, int, int> IsAssignable;
        public delegate* unmanaged<int, long, Slot*, int> CreateDelegate;
        public delegate* unmanaged<long, Slot*, int> ObjectJson;
        public delegate* unmanaged<long, int, Slot*, void> CompleteJavaScriptTask;
        public delegate* unmanaged<char*, int, Slot*, int> ClaimReference;
        public delegate* unmanaged<int, Slot*, int> TypeObject;
        public delegate* unmanaged<int, char*, int, int, char*, int, Slot*, int> InferMember;
        public delegate* unmanaged<int, int, Slot*, int> DescribeSurface;
        public delegate* unmanaged<long, Slot*, int> ReuseDelegate;
        public delegate* unmanaged<long*, int, void> ReleaseObjects;

        // Filled by the addon before it calls Initialize: how .NET calls JavaScript back.
        public delegate* unmanaged<long, Slot*, Slot*, int> InvokeCallback;
        public delegate* unmanaged<long, void> ReleaseCallback;
        public delegate* unmanaged<long, void> FreeCallbackResult;
    }

    /// <summary>Counters for leak tests and soak runs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Diagnostics
    {
        public long LiveHandles;
        public long LiveCancellations;
        public long BoundMethods;
        public long LiveObjects;
        public long LiveDelegates;
        public long PendingJavaScriptTasks;
    }

    private static long liveCancellations;

    /// <summary>Initialize's status when another addon has this bridge (src/bridge/api.rs).</summary>
    public const int Taken = -4;

    [UnmanagedCallersOnly]
    public static int Initialize(Api* api, delegate* unmanaged<long, int, Slot*, void> onComplete)
    {
        try
        {
            if (api->Size != sizeof(Api))
            {
                return -1;
            }
            if (api->InvokeCallback == null || api->ReleaseCallback == null || api->FreeCallbackResult == null)
            {
                return -3;
            }
            if (!Callbacks.Serves(api->InvokeCallback))
            {
                return Taken;
            }
            api->Version = 6;
            api->LoadAssembly = &LoadAssembly;
            api->Bind = &Bind;
            api->Invoke = &Invoke;
            api->Release = &Release;
            api->CreateCancellation = &CreateCancellation;
            api->Cancel = &Cancel;
            api->FreeCancellation = &FreeCancellation;
            api->Diagnose = &Diagnose;
            api->FindType = &FindType;
            api->ListTypes = &ListTypes;
            api->DescribeType = &DescribeType;
            api->BindMember = &BindMember;
            api->ReleaseObject = &ReleaseObject;
            api->DisposeObject = &DisposeObject;
            api->IsAssignable = &IsAssignable;
            api->CreateDelegate = &CreateDelegate;
            api->ObjectJson = &ObjectJson;
            api->CompleteJavaScriptTask = &CompleteJavaScriptTask;
            api->ClaimReference = &ClaimReference;
            api->TypeObject = &TypeObject;
            api->InferMember = &InferMember;
            api->DescribeSurface = &DescribeSurface;
            api->ReuseDelegate = &ReuseDelegate;
            api->ReleaseObjects = &ReleaseObjects;
            Callbacks.Set(api->InvokeCallback, api->ReleaseCallback, api->FreeCallbackResult);
            TaskResults.SetCallback(onComplete);
            return Ok;
        }
        catch
        {
            return -2;
        }
    }

    /// <summary><c>parameterTypes</c> of a bind (a JSON array of names), or null. The JSON is
    /// read in a method of its own, not inlined: a ReadyToRun method loads what it references
    /// when it first runs, and a bind without parameter types needs no System.Text.Json
    /// (bench/PROFILE.md).</summary>
    private static string[]? TypeList(char* types, int length) => length < 0 ? null : ParseTypeList(Text(types, length)!);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string[]? ParseTypeList(string list) => JsonSerializer.Deserialize<string[]>(list);

    private static string? Text(char* text, int length) => length < 0 ? null : new string(text, 0, length);

    private static int Fail(Slot* ret, Exception exception)
    {
        try
        {
            Writers.JsonText((IntPtr)ret, ExceptionInfo.ToJson(exception));
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
            var parameterTypes = TypeList(types, typesLength);
            Writers.JsonText((IntPtr)ret, Binder.Bind(assembly, Text(type, typeLength)!, Text(method, methodLength)!, parameterTypes));
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
        catch (ArgumentReadException unreadable)
        {
            try
            {
                Writers.JsonText((IntPtr)ret, ExceptionInfo.ToJson(unreadable, Binder.DescribeSlot(id, unreadable.Slot)));
            }
            catch
            {
                *ret = default;
            }
            return Threw;
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    /// <summary>Runs <paramref name="produce"/> and writes its text into <paramref name="ret"/>.</summary>
    private static int Text(Slot* ret, Func<string> produce)
    {
        try
        {
            Writers.JsonText((IntPtr)ret, produce());
            return Ok;
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int FindType(int assembly, char* name, int nameLength, char* typeArguments, int typeArgumentsLength, Slot* ret) =>
        Text(ret, () => Types.Find(assembly, Text(name, nameLength)!, Text(typeArguments, typeArgumentsLength)));

    [UnmanagedCallersOnly]
    private static int ListTypes(int assembly, Slot* ret) => Text(ret, () => Types.List(assembly));

    [UnmanagedCallersOnly]
    private static int DescribeType(int type, Slot* ret) => Text(ret, () => Types.Describe(type));

    [UnmanagedCallersOnly]
    private static int DescribeSurface(int assembly, int flags, Slot* ret) =>
        Text(ret, () => Surface.Describe(assembly, (flags & 1) != 0, (flags & 2) != 0));

    [UnmanagedCallersOnly]
    private static int BindMember(
        int type, char* kind, int kindLength, char* name, int nameLength, int isStatic,
        char* typeArguments, int typeArgumentsLength, char* types, int typesLength, Slot* ret) =>
        Text(ret, () => Binder.BindMember(type, Text(kind, kindLength)!, Text(name, nameLength)!, isStatic != 0,
            Text(typeArguments, typeArgumentsLength),
            TypeList(types, typesLength)));

    [UnmanagedCallersOnly]
    private static int InferMember(int type, char* name, int nameLength, int isStatic, char* arguments, int argumentsLength, Slot* ret) =>
        Text(ret, () => Binder.Infer(type, Text(name, nameLength)!, isStatic != 0, Text(arguments, argumentsLength)!));

    [UnmanagedCallersOnly]
    private static void ReleaseObject(long handle)
    {
        try
        {
            Objects.Release(handle);
        }
        catch
        {
            // Each reference is given back once by construction; nothing to report to.
        }
    }

    /// <summary>The references of the wrappers a sweep found collected, in one crossing and
    /// under one lock.</summary>
    [UnmanagedCallersOnly]
    private static void ReleaseObjects(long* handles, int count)
    {
        try
        {
            Objects.Release(new ReadOnlySpan<long>(handles, count));
        }
        catch
        {
            // As for ReleaseObject.
        }
    }

    [UnmanagedCallersOnly]
    private static int DisposeObject(long handle, Slot* ret)
    {
        try
        {
            Objects.Dispose(handle);
            *ret = default;
            return Ok;
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int IsAssignable(int to, int from)
    {
        try
        {
            return Types.IsAssignable(to, from) ? 1 : 0;
        }
        catch
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static int CreateDelegate(int type, long callbackId, Slot* ret)
    {
        try
        {
            var created = DelegateSignature.For(Types.Get(type)).Create(callbackId);
            *ret = new Slot { A = Objects.Expose(created), B = Readers.ObjectMarker, C = type };
            return Ok;
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    /// <summary>The delegate made for a callback, with one more reference, if it is still
    /// alive; else a 0 handle.</summary>
    [UnmanagedCallersOnly]
    private static int ReuseDelegate(long callbackId, Slot* ret)
    {
        try
        {
            *ret = Callbacks.Reuse(callbackId) is { } found
                ? new Slot { A = Objects.Expose(found), B = Readers.ObjectMarker }
                : default;
            return Ok;
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int ObjectJson(long handle, Slot* ret)
    {
        try
        {
            Writers.JsonText((IntPtr)ret, SafeJson.Serialize(Objects.Get(handle)));
            return Ok;
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int ClaimReference(char* token, int tokenLength, Slot* ret)
    {
        try
        {
            *ret = References.Claim(Text(token, tokenLength) ?? "") is var (handle, type)
                ? new Slot { A = handle, B = Readers.ObjectMarker, C = type }
                : default;
            return Ok;
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static int TypeObject(int type, Slot* ret)
    {
        try
        {
            var value = Types.Get(type);
            *ret = new Slot { A = Objects.Expose(value), B = Readers.ObjectMarker, C = Types.Id(value.GetType()) };
            return Ok;
        }
        catch (Exception exception)
        {
            return Fail(ret, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void CompleteJavaScriptTask(long id, int status, Slot* value)
    {
        try
        {
            PromiseTasks.Complete(id, status, value);
        }
        catch
        {
            // Complete sets the Task's outcome itself and cannot fail otherwise.
        }
    }

    [UnmanagedCallersOnly]
    private static void Release(long handle)
    {
        try
        {
            GCHandle.FromIntPtr((IntPtr)handle).Free();
            Interlocked.Decrement(ref Writers.LiveHandles);
            References.Drop(handle);
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
            diagnostics->LiveObjects = Objects.Live;
            diagnostics->LiveDelegates = Interlocked.Read(ref Callbacks.Live);
            diagnostics->PendingJavaScriptTasks = PromiseTasks.Live;
        }
        catch
        {
            // Reading three counters cannot fail.
        }
    }
}
