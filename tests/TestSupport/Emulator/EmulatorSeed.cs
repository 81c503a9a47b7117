using System.Text.Json.Nodes;

namespace PodIdentity.TestSupport.Emulator;

/// <summary>Seed files for the emulator (its --seed option): the lab most tests start from, and role builders.</summary>
public static class EmulatorSeed
{
    public const string AccountId = "123456789012";
    public const string Region = "us-west-2";
    public const string ClusterName = "pod-identity-lab";

    /// <summary>One cluster (and a second one) and a few roles that trust pods.eks.amazonaws.com.</summary>
    public static JsonObject Lab() => new()
    {
        ["accountId"] = AccountId,
        ["clusters"] = new JsonArray(
            new JsonObject { ["name"] = ClusterName, ["region"] = Region, ["version"] = "1.33" },
            new JsonObject { ["name"] = "other-cluster", ["region"] = Region, ["version"] = "1.32" }),
        ["roles"] = new JsonArray(
            PodRole("payments-api"), PodRole("payments-api-v2"), PodRole("ledger-reader"), PodRole("cross-account-target"),
            PodRole("vpc-cni")),
    };

    public static string RoleArn(string name) => $"arn:aws:iam::{AccountId}:role/{name}";

    /// <summary>A role EKS Pod Identity can use: its trust policy lets pods.eks.amazonaws.com assume and tag it.</summary>
    public static JsonObject PodRole(string name) =>
        Role(name, new JsonObject { ["Service"] = "pods.eks.amazonaws.com" }, new JsonArray("sts:AssumeRole", "sts:TagSession"));

    /// <summary>A role whose trust policy allows <paramref name="action"/> (a string or an array) to <paramref name="principal"/>.</summary>
    public static JsonObject Role(string name, JsonNode principal, JsonNode action) => new()
    {
        ["name"] = name,
        ["assumeRolePolicyDocument"] = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = principal,
                ["Action"] = action,
            }),
        },
    };
}
