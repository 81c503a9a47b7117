using System.Net;
using PodIdentity.Emulator.Hosting;

namespace PodIdentity.Emulator.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void DefaultsMatchTheContract()
    {
        var o = EmulatorOptions.Parse([]);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 4599), o.Listen);
        Assert.Equal("123456789012", o.AccountId);
        Assert.Equal("test", o.Credentials["test"]);
        Assert.Equal(1, o.AddonTransitionSeconds);
        Assert.Null(o.StateFile);
    }

    [Fact]
    public void ParsesEveryFlag()
    {
        var o = EmulatorOptions.Parse(["--listen", "127.0.0.1:0", "--account-id", "111122223333", "--credentials", "a:b",
            "--credentials", "c:d:e", "--seed", "s.json", "--state", "st.json", "--addon-transition", "0.5"]);
        Assert.Equal(0, o.Listen.Port);
        Assert.Equal("111122223333", o.AccountId);
        Assert.Equal(2, o.Credentials.Count);
        Assert.Equal("d:e", o.Credentials["c"]);
        Assert.False(o.Credentials.ContainsKey("test"));
        Assert.Equal(("s.json", "st.json", 0.5), (o.SeedFile, o.StateFile, o.AddonTransitionSeconds));
    }

    [Theory]
    [InlineData("--listen", "0.0.0.0:80")]
    [InlineData("--listen", "nohost")]
    [InlineData("--account-id", "12")]
    [InlineData("--credentials", "nocolon")]
    [InlineData("--addon-transition", "-1")]
    [InlineData("--bogus", "x")]
    public void RejectsBadFlags(string flag, string value) =>
        Assert.Throws<ArgumentException>(() => EmulatorOptions.Parse([flag, value]));
}
