using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PodIdentity.Plugin.Logging.Internal;

/// <summary>Formats one hclog JSON line as go-plugin parses it (@level, @message, @module, @timestamp, fields).</summary>
internal static class HclogFormatter
{
    public const string Module = "provider";

    /// <summary>go-plugin reads stderr lines of at most 64 KiB; stay well under with the newline.</summary>
    public const int MaxLineBytes = 60 * 1024;

    private const string TruncatedSuffix = "...[truncated]";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keeps UTF-8 text readable; escaping for HTML is pointless in a log line.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static byte[] Format(LogLevel level, string message, (string Key, object? Value)[] fields, DateTime utcNow)
    {
        var limit = int.MaxValue;
        while (true)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                WriteLine(writer, level, message, fields, utcNow, limit);
            }

            if (buffer.WrittenCount >= MaxLineBytes && limit <= 16)
            {
                // Even tiny strings do not fit (a huge list, say): keep the message start and say so.
                return Format(level, Cut(message, 1024), [("log_truncated", true)], utcNow);
            }

            if (buffer.WrittenCount < MaxLineBytes)
            {
                var line = new byte[buffer.WrittenCount + 1];
                buffer.WrittenSpan.CopyTo(line);
                line[^1] = (byte)'\n';
                return line;
            }

            // Too long: shrink every string until the line fits.
            limit = limit == int.MaxValue ? 8 * 1024 : limit / 2;
        }
    }

    public static string FormatTimestamp(DateTime utcNow) =>
        utcNow.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteLine(
        Utf8JsonWriter writer, LogLevel level, string message, (string Key, object? Value)[] fields, DateTime utcNow, int limit)
    {
        writer.WriteStartObject();
        writer.WriteString("@level", LogLevels.Name(level));
        writer.WriteString("@message", Cut(message, limit));
        writer.WriteString("@module", Module);
        writer.WriteString("@timestamp", FormatTimestamp(utcNow));
        foreach (var (key, value) in fields ?? [])
        {
            var name = Cut(string.IsNullOrEmpty(key) ? "_" : key, Math.Min(limit, 256));
            writer.WritePropertyName(name);
            WriteValue(writer, key ?? string.Empty, value, limit, depth: 0);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, string key, object? value, int limit, int depth)
    {
        if (value is not null && SecretKeys.IsSecret(key))
        {
            writer.WriteStringValue(Log.RedactedText);
            return;
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(Cut(s, limit));
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int or long or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case DateTime t:
                writer.WriteStringValue(FormatTimestamp(t));
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(FormatTimestamp(t.UtcDateTime));
                break;
            case Exception ex:
                writer.WriteStringValue(Cut(ex.ToString(), limit));
                break;
            case IEnumerable<KeyValuePair<string, string>> pairs when depth < 4:
                WritePairs(writer, pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), limit, depth);
                break;
            case IEnumerable<KeyValuePair<string, string?>> pairs when depth < 4:
                WritePairs(writer, pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), limit, depth);
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs when depth < 4:
                WritePairs(writer, pairs, limit, depth);
                break;
            case IEnumerable<KeyValuePair<string, IEnumerable<string>>> pairs when depth < 4:
                WritePairs(writer, pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), limit, depth);
                break;
            case IEnumerable items and not IFormattable when depth < 4:
                writer.WriteStartArray();
                var count = 0;
                foreach (var item in items)
                {
                    if (++count > MaxItems(limit))
                    {
                        writer.WriteStringValue(TruncatedSuffix);
                        break;
                    }

                    // A list under a secret key was already redacted above.
                    WriteValue(writer, string.Empty, item, limit, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case IFormattable formattable:
                writer.WriteStringValue(Cut(formattable.ToString(null, CultureInfo.InvariantCulture), limit));
                break;
            default:
                writer.WriteStringValue(Cut(value.ToString() ?? string.Empty, limit));
                break;
        }
    }

    private static void WritePairs(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> pairs, int limit, int depth)
    {
        writer.WriteStartObject();
        var count = 0;
        foreach (var (key, value) in pairs)
        {
            if (++count > MaxItems(limit))
            {
                writer.WriteString("...", TruncatedSuffix);
                break;
            }

            writer.WritePropertyName(Cut(key ?? "_", Math.Min(limit, 256)));
            WriteValue(writer, key ?? string.Empty, value, limit, depth + 1);
        }

        writer.WriteEndObject();
    }

    private static int MaxItems(int limit) => limit == int.MaxValue ? 1000 : Math.Max(4, limit / 64);

    private static string Cut(string text, int limit) =>
        text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit), TruncatedSuffix);
}
