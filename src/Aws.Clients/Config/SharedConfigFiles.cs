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

    /// <summary>
    /// Writes the merged files as <c>credentials</c> and <c>config</c> side by side in a private temporary folder,
    /// the layout AWSSDK.Core reads when given a credentials file path. The caller deletes the folder.
    /// </summary>
    public string WriteForSdk()
    {
        var dir = Directory.CreateTempSubdirectory("podidentity-aws-");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using (var w = new StreamWriter(Path.Combine(dir.FullName, "credentials")))
        {
            ProfilesForSdk().WriteTo(w);
        }

        using (var w = new StreamWriter(Path.Combine(dir.FullName, "config")))
        {
            Config.WriteTo(w);
        }

        return dir.FullName;
    }

    /// <summary>
    /// Every profile, from both files, as credentials-file sections. AWSSDK.Core ignores the sibling config file
    /// whenever AWS_CONFIG_FILE is set in the process environment, so profiles must not live only there.
    /// </summary>
    private IniFile ProfilesForSdk()
    {
        var merged = new IniFile();
        foreach (var section in Config.SectionNames)
        {
            var profile = section == "default" ? "default"
                : section.StartsWith("profile ", StringComparison.Ordinal) ? section["profile ".Length..] : null;
            if (profile is null)
            {
                continue;
            }

            foreach (var (key, value) in Config.Section(section)!)
            {
                merged.Set(profile, key, value);
            }
        }

        foreach (var section in Credentials.SectionNames)
        {
            foreach (var (key, value) in Credentials.Section(section)!)
            {
                merged.Set(section, key, value);
            }
        }

        return merged;
    }
}
