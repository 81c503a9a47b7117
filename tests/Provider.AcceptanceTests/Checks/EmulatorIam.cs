using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Checks;

/// <summary>
/// Changes a role's trust policy in the emulator's IAM the way a colleague's tool would: a SigV4-signed
/// UpdateAssumeRolePolicy with the emulator's default keys. (This provider manages no IAM roles itself.)
/// </summary>
internal static class EmulatorIam
{
    public static async Task UpdateAssumeRolePolicyAsync(EmulatorProcess emulator, string roleName, string policy)
    {
        var body = $"Action=UpdateAssumeRolePolicy&Version=2010-05-08&RoleName={Uri.EscapeDataString(roleName)}&PolicyDocument={Uri.EscapeDataString(policy)}";
        var uri = emulator.BaseUrl;
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        const string contentType = "application/x-www-form-urlencoded; charset=utf-8";
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var canonical = $"POST\n/\n\ncontent-type:{contentType}\nhost:{host}\nx-amz-date:{amzDate}\n\ncontent-type;host;x-amz-date\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}";
        var scope = $"{date}/us-east-1/iam/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4test");
        foreach (var part in new[] { date, "us-east-1", "iam", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(uri, "/"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=test/{scope}, SignedHeaders=content-type;host;x-amz-date, Signature={signature}");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"UpdateAssumeRolePolicy failed: {(int)response.StatusCode} {text}");
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
