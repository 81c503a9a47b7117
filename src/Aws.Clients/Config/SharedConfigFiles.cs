namespace PodIdentity.Aws.Clients;

/// <summary>The merged shared config and credentials files for one resolved configuration.</summary>
internal sealed class SharedConfigFiles
{
    private SharedConfigFiles(IniFile config, IniFile credentials)
    {
        Config = config;
        Credentials = credentials;
    }

    public IniFile Config { get; }

    public IniFile Credentials { get; }

    public static SharedConfigFiles Load(IEnumerable<string> configFiles, IEnumerable<string> credentialsFiles) =>
        new(IniFile.Load(configFiles), IniFile.Load(credentialsFiles));

    public bool HasProfile(string profile) =>
        Credentials.Section(profile) is not null || Config.Section(ConfigSectionName(profile)) is not null
        || (profile == "default" && Config.Section("profile default") is not null);

    /// <summary>A setting of a profile, credentials file first (as the SDKs do for keys), then config file.</summary>
    public string? Get(string profile, string key) =>
        Credentials.Get(profile, key)
        ?? Config.Get(ConfigSectionName(profile), key)
        ?? (profile == "default" ? Config.Get("profile default", key) : null);

    public static string ConfigSectionName(string profile) => profile == "default" ? "default" : "profile " + profile;
}
