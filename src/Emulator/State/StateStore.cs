using System.Text.Json;

namespace PodIdentity.Emulator.State;

/// <summary>
/// Owns the one <see cref="EmulatorState"/>. Every read and change runs under one lock; a change is persisted
/// (write temp file, fsync, rename) before the lock is released, so a response never reports unsaved state.
/// </summary>
internal sealed class StateStore
{
    private readonly Lock _sync = new();
    private readonly string? _statePath;
    private readonly Func<EmulatorState> _initial;
    private EmulatorState _state;

    public StateStore(string? statePath, Func<EmulatorState> initial)
    {
        _statePath = statePath;
        _initial = initial;
        _state = LoadOrCreate();
    }

    public T Read<T>(Func<EmulatorState, T> read)
    {
        lock (_sync)
        {
            return read(_state);
        }
    }

    /// <summary>
    /// Applies a change. Handlers validate before they mutate, so a thrown error leaves the state untouched.
    /// </summary>
    public T Write<T>(Func<EmulatorState, T> change)
    {
        lock (_sync)
        {
            try
            {
                var result = change(_state);
                Persist();
                return result;
            }
            catch (Exception e) when (e is not Protocol.AwsError && _statePath is not null && File.Exists(_statePath))
            {
                // A failed save (or a bug half-way through a change) must not leave memory ahead of the disk.
                _state = Load(_statePath);
                throw;
            }
        }
    }

    /// <summary>Drops everything and starts again from the seed.</summary>
    public void Reset()
    {
        lock (_sync)
        {
            _state = _initial();
            Persist();
        }
    }

    private EmulatorState LoadOrCreate()
    {
        if (_statePath is not null && File.Exists(_statePath))
        {
            return Load(_statePath);
        }
        _state = _initial();
        Persist();
        return _state;
    }

    private static EmulatorState Load(string path) =>
        JsonSerializer.Deserialize<EmulatorState>(File.ReadAllBytes(path), StateJson.Options)
            ?? throw new InvalidDataException($"state file {path} is empty");

    private void Persist()
    {
        if (_statePath is null)
        {
            return;
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(_state, StateJson.Options);
        var temp = _statePath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, _statePath, overwrite: true);
    }
}

internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = false };
}
