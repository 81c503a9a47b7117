using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PodIdentity.Plugin.Logging.Internal;

namespace PodIdentity.Plugin.Logging.Tests;

public sealed partial class LogTests
{
    private static readonly DateTime Noon = new(2026, 11, 22, 11, 15, 1, DateTimeKind.Utc);

    private static JsonElement FormatOne(LogLevel level, string message, params (string Key, object? Value)[] fields)
    {
        var line = HclogFormatter.Format(level, message, fields, Noon.AddTicks(6276591));
        Assert.Equal((byte)'\n', line[^1]);
        Assert.DoesNotContain((byte)'\n', line[..^1]);
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    [Fact]
    public void WritesHclogFields()
    {
        var json = FormatOne(LogLevel.Debug, "hello", ("key", "value"), ("count", 3), ("ok", true), ("none", null));
        Assert.Equal("debug", json.GetProperty("@level").GetString());
        Assert.Equal("hello", json.GetProperty("@message").GetString());
        Assert.Equal("provider", json.GetProperty("@module").GetString());
        Assert.Equal("2026-11-22T11:15:01.627659Z", json.GetProperty("@timestamp").GetString());
        Assert.Equal("value", json.GetProperty("key").GetString());
        Assert.Equal(3, json.GetProperty("count").GetInt32());
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("none").ValueKind);
    }

    [Theory]
    [InlineData(LogLevel.Trace, "trace")]
    [InlineData(LogLevel.Debug, "debug")]
    [InlineData(LogLevel.Info, "info")]
    [InlineData(LogLevel.Warn, "warn")]
    [InlineData(LogLevel.Error, "error")]
    public void LevelNamesAreHclogs(LogLevel level, string name)
    {
        Assert.Equal(name, FormatOne(level, "m").GetProperty("@level").GetString());
    }

    [Fact]
    public void TimestampHasExactlySixFractionalDigits()
    {
        Assert.Matches(TimestampPattern(), HclogFormatter.FormatTimestamp(Noon));
        Assert.Equal("2026-11-22T11:15:01.000000Z", HclogFormatter.FormatTimestamp(Noon));
        Assert.Matches(TimestampPattern(), HclogFormatter.FormatTimestamp(DateTime.UtcNow));
    }

    [Theory]
    [InlineData("secret_key")]
    [InlineData("aws_secret_access_key")]
    [InlineData("token")]
    [InlineData("session_token")]
    [InlineData("SessionToken")]
    [InlineData("password")]
    [InlineData("Authorization")]
    [InlineData("x-amz-security-token")]
    [InlineData("X-Amz-Security-Token")]
    [InlineData("credentials")]
    [InlineData("private_key")]
    public void SecretFieldsAreRedacted(string key)
    {
        Assert.True(Log.IsSecretKey(key));
        var json = FormatOne(LogLevel.Trace, "m", (key, "wJalrXUtnFEMI/K7MDENG"));
        Assert.Equal(Log.RedactedText, json.GetProperty(key).GetString());
        Assert.Equal(Log.RedactedText, Log.Redact(key, "x"));
    }

    [Theory]
    [InlineData("region")]
    [InlineData("access_key_id")]
    [InlineData("cluster_name")]
    [InlineData("role_arn")]
    public void OrdinaryFieldsAreKept(string key)
    {
        Assert.False(Log.IsSecretKey(key));
        Assert.Equal("v", FormatOne(LogLevel.Trace, "m", (key, "v")).GetProperty(key).GetString());
        Assert.Equal("v", Log.Redact(key, "v"));
    }

    [Fact]
    public void SecretsInsideDictionariesAreRedacted()
    {
        var headers = new Dictionary<string, string> { ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIA", ["Host"] = "eks.amazonaws.com" };
        var json = FormatOne(LogLevel.Trace, "request", ("headers", headers));
        Assert.Equal(Log.RedactedText, json.GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal("eks.amazonaws.com", json.GetProperty("headers").GetProperty("Host").GetString());
    }

    [Fact]
    public void LongLinesAreTruncatedUnder64KiB()
    {
        var huge = new string('x', 200_000);
        var line = HclogFormatter.Format(LogLevel.Info, huge, [("body", huge), ("other", huge), ("unicode", new string('\u00e9', 100_000))], Noon);
        Assert.True(line.Length < 64 * 1024, $"line is {line.Length} bytes");
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Contains("truncated", json.GetProperty("body").GetString());
        Assert.StartsWith("xxxx", json.GetProperty("@message").GetString());

        var manyItems = Enumerable.Range(0, 100_000).Select(i => "item" + i).ToList();
        line = HclogFormatter.Format(LogLevel.Info, "list", [("items", manyItems)], Noon);
        Assert.True(line.Length < 64 * 1024, $"line is {line.Length} bytes");
        JsonDocument.Parse(line);
    }

    [Fact]
    public void EscapesControlCharactersAndQuotes()
    {
        var json = FormatOne(LogLevel.Info, "a \"quoted\"\nline\twith\u0001control", ("k", "\u00e9"));
        Assert.Equal("a \"quoted\"\nline\twith\u0001control", json.GetProperty("@message").GetString());
        Assert.Equal("\u00e9", json.GetProperty("k").GetString());
    }

    [Theory]
    [InlineData(null, null, LogLevel.Off)]
    [InlineData("", "", LogLevel.Off)]
    [InlineData(null, "TRACE", LogLevel.Trace)]
    [InlineData(null, "JSON", LogLevel.Trace)]
    [InlineData(null, "debug", LogLevel.Debug)]
    [InlineData(null, "INFO", LogLevel.Info)]
    [InlineData(null, "WARN", LogLevel.Warn)]
    [InlineData(null, "ERROR", LogLevel.Error)]
    [InlineData(null, "OFF", LogLevel.Off)]
    [InlineData(null, "bogus", LogLevel.Trace)]
    [InlineData("ERROR", "TRACE", LogLevel.Error)]
    [InlineData("OFF", "TRACE", LogLevel.Off)]
    [InlineData("", "WARN", LogLevel.Warn)]
    public void LevelComesFromProviderVariableThenTfLog(string? provider, string? global, LogLevel expected)
    {
        var env = new Dictionary<string, string?> { ["TF_LOG_PROVIDER"] = provider, ["TF_LOG"] = global };
        Assert.Equal(expected, LogLevels.FromEnvironment(k => env.GetValueOrDefault(k)));
    }

    [Fact]
    public void SinkFiltersByLevelAndWritesWholeLines()
    {
        using var output = new MemoryStream();
        var sink = new LogSink(LogLevel.Info, output, () => Noon);
        Log.Configure(sink);
        try
        {
            Assert.False(Log.IsEnabled(LogLevel.Debug));
            Assert.True(Log.IsEnabled(LogLevel.Warn));
            Log.Debug("hidden");
            Log.Info("shown", ("token", "abc123"));
            Log.Error("bad", ("n", 1));
        }
        finally
        {
            Log.Configure(null);
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"@message\":\"shown\"", lines[0]);
        Assert.DoesNotContain("abc123", lines[0]);
        Assert.Contains("\"@level\":\"error\"", lines[1]);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex TimestampPattern();
}
