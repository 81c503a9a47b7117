namespace PodIdentity.Plugin.Values.Internal;

/// <summary>
/// The codecs' current position as a stack of plain structs: cheap to push and pop on every element, turned into
/// an <see cref="AttributePath"/> only when something fails.
/// </summary>
internal sealed class PathTracker
{
    private Frame[] _frames = new Frame[16];
    private int _count;

    public int Depth => _count;

    public void PushAttribute(string name) => Push(new Frame(StepKind.Attribute, name, 0));

    public void PushKey(string key) => Push(new Frame(StepKind.Key, key, 0));

    public void PushIndex(long index) => Push(new Frame(StepKind.Index, null, index));

    public void Pop() => _count--;

    public AttributePath ToAttributePath()
    {
        var path = AttributePath.Root;
        for (var i = 0; i < _count; i++)
        {
            var f = _frames[i];
            path = f.Kind switch
            {
                StepKind.Attribute => path.Attribute(f.Text!),
                StepKind.Key => path.Key(f.Text!),
                _ => path.Index(f.Index),
            };
        }

        return path;
    }

    private void Push(Frame frame)
    {
        if (_count == _frames.Length)
        {
            Array.Resize(ref _frames, _count * 2);
        }

        _frames[_count++] = frame;
    }

    private enum StepKind : byte
    {
        Attribute,
        Key,
        Index,
    }

    private readonly record struct Frame(StepKind Kind, string? Text, long Index);
}
