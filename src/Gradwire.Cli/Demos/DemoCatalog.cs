using System.Reflection;

namespace Gradwire.Cli.Demos;

/// <summary>Every <see cref="IDemo"/> in this assembly, in the guide's order.</summary>
internal static class DemoCatalog
{
    private static readonly Lazy<IReadOnlyList<IDemo>> AllDemos = new(Discover);

    /// <summary>All demos, ordered by <see cref="IDemo.Order"/> then name.</summary>
    public static IReadOnlyList<IDemo> All => AllDemos.Value;

    /// <summary>The demo called <paramref name="name"/>, or null.</summary>
    public static IDemo? Find(string name)
    {
        foreach (var demo in All)
        {
            if (string.Equals(demo.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return demo;
            }
        }

        return null;
    }

    private static List<IDemo> Discover()
    {
        var demos = new List<IDemo>();
        foreach (var type in typeof(DemoCatalog).Assembly.GetTypes())
        {
            if (type is { IsClass: true, IsAbstract: false } && typeof(IDemo).IsAssignableFrom(type))
            {
                demos.Add((IDemo)Activator.CreateInstance(type, nonPublic: true)!);
            }
        }

        demos.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.Name, b.Name));
        return demos;
    }
}
