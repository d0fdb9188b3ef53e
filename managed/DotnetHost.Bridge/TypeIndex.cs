using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace DotnetHost.Bridge;

/// <summary>The public type names of assemblies that may not be loaded yet, read from their
/// metadata (no type is loaded, so one broken type cannot hide the others): the shared
/// framework's (the runtime's trusted platform assemblies) and each loaded component's
/// dependencies (its .deps.json). A name found here loads its assembly on first use.</summary>
internal static class TypeIndex
{
    /// <summary>One assembly's public types by full name (nested as Outer+Inner, generic
    /// definitions with their arity, as in List`1).</summary>
    public sealed record Listing(string Path, AssemblyName Name, string[] Types);

    private static readonly Lazy<Listing[]> FrameworkListings = new(() => Read(TrustedPlatformAssemblies()));

    private static readonly Lazy<Dictionary<string, Listing>> FrameworkByType = new(() => ByType(FrameworkListings.Value));

    public static IReadOnlyList<Listing> Framework => FrameworkListings.Value;

    /// <summary>The framework assembly that defines <paramref name="fullName"/>, if any.</summary>
    public static Listing? FindInFramework(string fullName) => FrameworkByType.Value.GetValueOrDefault(fullName);

    public static Dictionary<string, Listing> ByType(IEnumerable<Listing> listings)
    {
        var index = new Dictionary<string, Listing>(StringComparer.Ordinal);
        foreach (var listing in listings)
        {
            foreach (var type in listing.Types)
            {
                index.TryAdd(type, listing);
            }
        }
        return index;
    }

    private static IEnumerable<string> TrustedPlatformAssemblies() =>
        (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));

    public static Listing[] Read(IEnumerable<string> paths) =>
        paths.Select(ReadOne).OfType<Listing>().ToArray();

    /// <summary>The public types of one assembly file, or null when it is not a .NET assembly
    /// (native files and resources sit beside them).</summary>
    public static Listing? ReadOne(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return null;
            }
            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                return null;
            }
            var names = new List<string>();
            foreach (var handle in metadata.TypeDefinitions)
            {
                var name = PublicName(metadata, metadata.GetTypeDefinition(handle));
                if (name != null)
                {
                    names.Add(name);
                }
            }
            return new Listing(path, metadata.GetAssemblyDefinition().GetAssemblyName(), [.. names]);
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Outer+Inner for a type visible from outside its assembly, else null.</summary>
    private static string? PublicName(MetadataReader metadata, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        var name = metadata.GetString(type.Name);
        if (visibility == TypeAttributes.Public)
        {
            var space = metadata.GetString(type.Namespace);
            return space.Length == 0 ? name : $"{space}.{name}";
        }
        if (visibility != TypeAttributes.NestedPublic)
        {
            return null;
        }
        var outer = PublicName(metadata, metadata.GetTypeDefinition(type.GetDeclaringType()));
        return outer == null ? null : $"{outer}+{name}";
    }
}
