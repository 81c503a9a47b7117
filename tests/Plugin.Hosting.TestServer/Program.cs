using PodIdentity.Plugin.Hosting;
using PodIdentity.Plugin.Hosting.TestServer;

return await PluginHost.RunAsync(args, new PluginHostOptions
{
    ProviderAddress = "podidentity/aws",
    UseTcp = args.Contains("--tcp"),
    Register = services =>
    {
        if (args.Contains("--fail-register"))
        {
            throw new InvalidOperationException("schema is malformed");
        }

        var service = new TestService();
        services.Add(service, "test.Test", service.Map);
    },
});
