using System.Xml.Linq;

namespace Parley.Architecture.Tests;

/// <summary>The clone's files as the build sees them: project files and what they reference, followed transitively.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>Every project reachable from <paramref name="project"/> through ProjectReference, itself included, repository-relative.</summary>
    public static IReadOnlySet<string> ProjectsReachableFrom(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([PathOf(project)]);
        while (pending.TryPop(out var path))
        {
            if (!seen.Add(Relative(path)))
            {
                continue;
            }

            foreach (var reference in Items(path, "ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference.Replace('\\', '/'))));
            }
        }

        return seen;
    }

    /// <summary>The packages those projects reference by name (the build's central versions decide which version).</summary>
    public static IReadOnlySet<string> PackagesReachableFrom(string project) =>
        ProjectsReachableFrom(project).SelectMany(p => Items(PathOf(p), "PackageReference")).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Items(string projectFile, string item) =>
        XDocument.Load(projectFile).Descendants(item).Select(e => (string?)e.Attribute("Include")).OfType<string>();

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Parley.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Parley.slnx not found above " + AppContext.BaseDirectory);
    }
}
