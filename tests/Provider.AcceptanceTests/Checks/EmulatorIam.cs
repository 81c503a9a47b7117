using System.Text;

namespace PodIdentity.Provider.AcceptanceTests.Checks;

/// <summary>
/// Changes a role's trust policy in the emulator's IAM the way a colleague's tool would: a SigV4-signed
/// UpdateAssumeRolePolicy with the emulator's default keys. (This provider manages no IAM roles itself.)
/// </summary>
internal static class EmulatorIam
{
    public static async Task UpdateAssumeRolePolicyAsync(EmulatorProcess emulator, string roleName, string policy)
    {
        var body = Encoding.UTF8.GetBytes(
            $"Action=UpdateAssumeRolePolicy&Version=2010-05-08&RoleName={Uri.EscapeDataString(roleName)}&PolicyDocument={Uri.EscapeDataString(policy)}");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, "/")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        TestSigner.Sign(request, body, "test", "test", "us-east-1", "iam", DateTimeOffset.UtcNow);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"UpdateAssumeRolePolicy failed: {(int)response.StatusCode} {text}");
    }
}
