using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace PodIdentity.Emulator.Tests;

/// <summary>Checks an emulator JSON answer against an output shape of the EKS model: no member it lacks.</summary>
internal static class ModelShapes
{
    private static readonly JsonObject Shapes = Load();

    private static JsonObject Load([CallerFilePath] string source = "")
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "../../../shared/aws-models/eks-2017-11-01.service-2.json"));
        return JsonNode.Parse(File.ReadAllText(path))!["shapes"]!.AsObject();
    }

    public static void AssertConforms(JsonNode? value, string shapeName, string path = "$")
    {
        var shape = Shapes[shapeName]!;
        switch (shape["type"]!.GetValue<string>())
        {
            case "structure":
                var members = shape["members"]!.AsObject();
                foreach (var (name, child) in value!.AsObject())
                {
                    Assert.True(members.ContainsKey(name), $"{path}.{name} is not a member of {shapeName}");
                    AssertConforms(child, members[name]!["shape"]!.GetValue<string>(), $"{path}.{name}");
                }
                break;
            case "list":
                foreach (var item in value!.AsArray())
                {
                    AssertConforms(item, shape["member"]!["shape"]!.GetValue<string>(), path + "[]");
                }
                break;
            case "map":
                foreach (var (_, item) in value!.AsObject())
                {
                    AssertConforms(item, shape["value"]!["shape"]!.GetValue<string>(), path + "{}");
                }
                break;
            case "string":
                Assert.Equal(System.Text.Json.JsonValueKind.String, value!.GetValueKind());
                if (shape["enum"] is JsonArray options)
                {
                    Assert.Contains(value.GetValue<string>(), options.Select(o => o!.GetValue<string>()));
                }
                break;
            case "timestamp":
            case "integer":
                Assert.Equal(System.Text.Json.JsonValueKind.Number, value!.GetValueKind());
                break;
            case "boolean":
                Assert.Contains(value!.GetValueKind(), new[] { System.Text.Json.JsonValueKind.True, System.Text.Json.JsonValueKind.False });
                break;
        }
    }
}
