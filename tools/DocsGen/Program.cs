using PodIdentity.DocsGen;

// docsgen [--root DIR] [--check]: writes docs/ (or with --check, lists what differs and exits 1).
var root = Environment.CurrentDirectory;
var check = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--check":
            check = true;
            break;
        case "--root" when i + 1 < args.Length:
            root = Path.GetFullPath(args[++i]);
            break;
        default:
            Console.Error.WriteLine($"docsgen: unknown argument {args[i]}; usage: docsgen [--root DIR] [--check]");
            return 2;
    }
}

var pages = new Pages(root, ProviderSchemaSource.Load()).Render();
var stale = DocsFolder.Compare(root, pages);
if (check)
{
    foreach (var line in stale)
    {
        Console.Error.WriteLine(line);
    }

    if (stale.Count > 0)
    {
        Console.Error.WriteLine("docs/ is stale: run `make docs` and commit the result.");
        return 1;
    }

    Console.WriteLine($"docs/ is up to date ({pages.Count} pages).");
    return 0;
}

DocsFolder.Write(root, pages);
Console.WriteLine($"docs/: {pages.Count} pages, {stale.Count} changed.");
return 0;
