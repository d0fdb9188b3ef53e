using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>Loads user assemblies: by default each into its own load context that resolves
/// dependencies through the assembly's .deps.json, like the hosting API does; or into the
/// default context on request, which then resolves that assembly's dependencies the same
/// way. Either way the dependencies' types are found by name (<see cref="FindType"/>).</summary>
internal static class Loader
{
    /// <summary>A loaded assembly with what resolves its dependencies.</summary>
    private sealed class Component(Assembly assembly, AssemblyLoadContext context, AssemblyDependencyResolver resolver)
    {
        public readonly Assembly Assembly = assembly;
        public readonly AssemblyLoadContext Context = context;

        /// <summary>Its own public types and those of every assembly its .deps.json lists.</summary>
        public readonly Lazy<TypeIndex.Listing[]> Listings = new(() => List(assembly, resolver));

        public readonly Lazy<Dictionary<string, TypeIndex.Listing>> ByType = new(() => TypeIndex.ByType(List(assembly, resolver)));
    }

    private static readonly object Gate = new();
    private static readonly List<Component> Loaded = [];
    /// <summary>By full path, isolated ones behind a NUL (which no path holds): a tuple key's
    /// Dictionary would be compiled at start-up, outside the ReadyToRun image.</summary>
    private static readonly Dictionary<string, int> ByPath = [];

    public static int Load(string path, bool isolated)
    {
        var full = Path.GetFullPath(path);
        var key = isolated ? "\0" + full : full;
        lock (Gate)
        {
            if (ByPath.TryGetValue(key, out var existing))
            {
                return existing;
            }
            var resolver = new AssemblyDependencyResolver(full);
            Component component;
            if (isolated)
            {
                var context = new IsolatedContext(full, resolver);
                component = new Component(context.LoadFromAssemblyPath(full), context, resolver);
            }
            else
            {
                AssemblyLoadContext.Default.Resolving += (context, name) =>
                    resolver.ResolveAssemblyToPath(name) is { } resolved ? context.LoadFromAssemblyPath(resolved) : null;
                component = new Component(AssemblyLoadContext.Default.LoadFromAssemblyPath(full), AssemblyLoadContext.Default, resolver);
            }
            Loaded.Add(component);
            ByPath[key] = Loaded.Count - 1;
            return Loaded.Count - 1;
        }
    }

    private static Component GetComponent(int id)
    {
        lock (Gate)
        {
            return id >= 0 && id < Loaded.Count ? Loaded[id] : throw new ArgumentOutOfRangeException(nameof(id));
        }
    }

    public static Assembly Get(int id) => GetComponent(id).Assembly;

    /// <summary>The public type names of a component and its dependencies.</summary>
    public static IEnumerable<string> TypeNames(int id) => GetComponent(id).Listings.Value.SelectMany(listing => listing.Types);

    /// <summary>Every listing of every component, for suggestions.</summary>
    public static IEnumerable<TypeIndex.Listing> AllListings()
    {
        Component[] components;
        lock (Gate)
        {
            components = [.. Loaded];
        }
        return components.SelectMany(component => component.Listings.Value);
    }

    /// <summary>A type named <paramref name="fullName"/> (Outer+Inner, List`1) in a loaded
    /// component's dependencies or in the shared framework, loading its assembly now; null
    /// when no index has it. A type that is listed but cannot load throws.</summary>
    public static Type? FindType(string fullName)
    {
        Component[] components;
        lock (Gate)
        {
            components = [.. Loaded];
        }
        foreach (var component in components)
        {
            if (component.ByType.Value.TryGetValue(fullName, out var listing))
            {
                return component.Context.LoadFromAssemblyName(listing.Name).GetType(fullName, throwOnError: true);
            }
        }
        if (TypeIndex.FindInFramework(fullName) is { } framework)
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(framework.Name).GetType(fullName, throwOnError: true);
        }
        return null;
    }

    /// <summary>The assembly itself, then every runtime assembly its .deps.json lists that
    /// resolves to a file.</summary>
    private static TypeIndex.Listing[] List(Assembly assembly, AssemblyDependencyResolver resolver)
    {
        var paths = new List<string> { assembly.Location };
        foreach (var name in DependencyNames(assembly.Location))
        {
            string? resolved;
            try
            {
                resolved = resolver.ResolveAssemblyToPath(new AssemblyName(name));
            }
            catch (Exception exception) when (exception is ArgumentException or FileLoadException)
            {
                resolved = null;
            }
            if (resolved != null && !paths.Contains(resolved, StringComparer.Ordinal))
            {
                paths.Add(resolved);
            }
        }
        return TypeIndex.Read(paths);
    }

    /// <summary>The simple names of the managed assemblies a .deps.json lists for the
    /// runtime target; none without one.</summary>
    private static IEnumerable<string> DependencyNames(string assemblyPath)
    {
        var deps = Path.ChangeExtension(assemblyPath, ".deps.json");
        if (!File.Exists(deps))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(deps));
            var root = document.RootElement;
            var target = root.GetProperty("runtimeTarget").GetProperty("name").GetString();
            if (target == null || !root.GetProperty("targets").TryGetProperty(target, out var libraries))
            {
                return [];
            }
            var names = new List<string>();
            foreach (var library in libraries.EnumerateObject())
            {
                if (library.Value.TryGetProperty("runtime", out var runtime))
                {
                    names.AddRange(runtime.EnumerateObject().Select(asset => Path.GetFileNameWithoutExtension(asset.Name)));
                }
            }
            return names.Distinct(StringComparer.Ordinal).ToList();
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            // A deps.json the host already accepted is well-formed; a damaged one only
            // means its dependencies are not listed, as without one.
            return [];
        }
    }

    private sealed class IsolatedContext(string path, AssemblyDependencyResolver resolver)
        : AssemblyLoadContext($"dotnet-host:{Path.GetFileName(path)}")
    {
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
