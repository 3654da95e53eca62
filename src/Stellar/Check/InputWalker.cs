namespace Replay.Stellar.Check;

/// <summary>What the walk found at one path, in the order it is to be reported.</summary>
internal enum InputKind
{
    /// <summary>A file to read (its content decides the rest).</summary>
    File,

    /// <summary>Nothing to read and nothing wrong: named only so that no skip is silent.</summary>
    Skipped,

    /// <summary>Cannot be read at all (unlistable directory, dangling or looping link, empty or special file).</summary>
    Failed,
}

/// <param name="IsDirectory">A directory that failed (cannot be listed): reported, but not counted as a file.</param>
internal readonly record struct InputEntry(string Path, InputKind Kind, string? Reason, bool Explicit, bool IsDirectory = false);

/// <summary>
/// Expands the paths given to a check into files, each real file once. Symbolic links are followed
/// but every directory and file is identified by its real path (links resolved), so a link loop
/// ends the first time a directory comes round again and a file reached twice is read once.
/// A file of length 0 is reported without being opened: that covers empty files as well as FIFOs,
/// sockets and devices, which stat as empty and could block or never end. Directories that
/// cannot be listed are failures, not exceptions. Order is deterministic: depth first, names
/// in ordinal order.
/// </summary>
internal sealed class InputWalker
{
    /// <summary>Links followed while resolving one path before it counts as a loop (Linux's ELOOP bound).</summary>
    private const int MaxLinkHops = 40;

    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public List<InputEntry> Entries { get; } = [];

    public void Add(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var real = RealPath(path);
        if (real is null)
        {
            Entries.Add(new InputEntry(path, InputKind.Failed, "symbolic link loop", true));
            return;
        }
        if (Directory.Exists(real))
            Walk(path, real);
        else if (File.Exists(real))
            AddFile(path, real, explicitlyNamed: true);
        else
            Entries.Add(new InputEntry(path, InputKind.Failed, "no such file or directory", true));
    }

    private void Walk(string root, string realRoot)
    {
        // Depth first in name order: children are pushed in reverse so the first is taken next,
        // and each is classified when it is taken, so entries come out in walk order.
        var pending = new Stack<(string Path, string? Real, bool IsDirectory, string? Failure)>();
        pending.Push((root, realRoot, true, null));
        while (pending.TryPop(out var item))
        {
            if (item.Failure is { } failure)
            {
                Entries.Add(new InputEntry(item.Path, InputKind.Failed, failure, false));
                continue;
            }
            if (!item.IsDirectory)
            {
                AddFile(item.Path, item.Real!, explicitlyNamed: false);
                continue;
            }
            if (!_directories.Add(item.Real!))
            {
                Entries.Add(new InputEntry(item.Path, InputKind.Skipped, $"directory {item.Real} was already read (a symbolic link leads back to it)", false));
                continue;
            }
            FileSystemInfo[] children;
            try
            {
                children = new DirectoryInfo(item.Path).GetFileSystemInfos("*", new EnumerationOptions
                {
                    RecurseSubdirectories = false,
                    IgnoreInaccessible = false,
                    AttributesToSkip = 0,
                    MatchType = MatchType.Simple,
                });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                Entries.Add(new InputEntry(item.Path, InputKind.Failed, "cannot list directory: " + e.Message, false, IsDirectory: true));
                continue;
            }
            Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            for (var i = children.Length - 1; i >= 0; i--)
            {
                var child = children[i];
                var path = Path.Join(item.Path, child.Name);
                var real = child.LinkTarget is null ? Path.Join(item.Real, child.Name) : RealPath(path);
                if (real is null)
                    pending.Push((path, null, false, "symbolic link loop"));
                else if (Directory.Exists(real))
                    pending.Push((path, real, true, null));
                else if (File.Exists(real))
                    pending.Push((path, real, false, null));
                else
                    pending.Push((path, null, false, $"dangling symbolic link (to {child.LinkTarget})"));
            }
        }
    }

    private void AddFile(string path, string real, bool explicitlyNamed)
    {
        if (_files.TryGetValue(real, out var first))
        {
            Entries.Add(new InputEntry(path, InputKind.Skipped, $"same file as {first}", explicitlyNamed));
            return;
        }
        _files.Add(real, path);
        long length;
        try
        {
            length = new FileInfo(real).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Entries.Add(new InputEntry(path, InputKind.Failed, "cannot read: " + e.Message, explicitlyNamed));
            return;
        }
        // Named on the command line, a FIFO is read as the stream it is (e.g. <(zstd -dc ...)).
        if (length == 0 && !explicitlyNamed)
            Entries.Add(new InputEntry(path, InputKind.Failed, "0 bytes: an empty file, FIFO, socket or device (not read)", false));
        else
            Entries.Add(new InputEntry(path, InputKind.File, null, explicitlyNamed));
    }

    /// <summary>
    /// The absolute path with every symbolic link resolved, component by component; null when
    /// resolving takes more than <see cref="MaxLinkHops"/> links (a loop). Components that do not
    /// exist are kept as they are.
    /// </summary>
    internal static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var resolved = Path.GetPathRoot(full)!;
        var pending = new Stack<string>();
        PushComponents(pending, full[resolved.Length..]);
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }
            var next = Path.Join(resolved, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                resolved = next;
                continue;
            }
            if (++hops > MaxLinkHops)
                return null;
            if (Path.IsPathRooted(target))
            {
                resolved = Path.GetPathRoot(target)!;
                target = target[resolved.Length..];
            }
            PushComponents(pending, target);
        }
        return resolved;
    }

    private static void PushComponents(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
            pending.Push(parts[i]);
    }
}
