using System.Reflection;
using System.Runtime.Loader;

namespace DotnetHost.Bridge;

/// <summary>Loads user assemblies: by default each into its own load context that resolves
/// dependencies through the assembly's .deps.json, like the hosting API does; or into the
/// default context on request.</summary>
internal static class Loader
{
    private static readonly object Gate = new();
    private static readonly List<Assembly> Loaded = [];
    private static readonly Dictionary<(string, bool), int> ByPath = [];

    public static int Load(string path, bool isolated)
    {
        var full = Path.GetFullPath(path);
        lock (Gate)
        {
            if (ByPath.TryGetValue((full, isolated), out var existing))
            {
                return existing;
            }
            var assembly = isolated
                ? new IsolatedContext(full).LoadFromAssemblyPath(full)
                : AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
            Loaded.Add(assembly);
            ByPath[(full, isolated)] = Loaded.Count - 1;
            return Loaded.Count - 1;
        }
    }

    public static Assembly Get(int id)
    {
        lock (Gate)
        {
            return id >= 0 && id < Loaded.Count ? Loaded[id] : throw new ArgumentOutOfRangeException(nameof(id));
        }
    }

    private sealed class IsolatedContext(string path) : AssemblyLoadContext($"dotnet-host:{Path.GetFileName(path)}")
    {
        private readonly AssemblyDependencyResolver resolver = new(path);

        protected override Assembly? Load(AssemblyName name)
        {
            var resolved = resolver.ResolveAssemblyToPath(name);
            return resolved == null ? null : LoadFromAssemblyPath(resolved);
        }

        protected override IntPtr LoadUnmanagedDll(string name)
        {
            var resolved = resolver.ResolveUnmanagedDllToPath(name);
            return resolved == null ? IntPtr.Zero : LoadUnmanagedDllFromPath(resolved);
        }
    }
}
