using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace PodIdentity.Emulator.Tests;

/// <summary>Checks an emulator JSON answer against an output shape of the EKS (or EKS Auth) model: no member it lacks.</summary>
internal static class ModelShapes
{
    private static readonly JsonObject Shapes = Load("eks-2017-11-01.service-2.json");
    private static readonly JsonObject AuthShapes = Load("eks-auth-2023-11-26.service-2.json");

    private static JsonObject Load(string model, [CallerFilePath] string source = "")
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "../../../shared/aws-models/", model));
        return JsonNode.Parse(File.ReadAllText(path))!["shapes"]!.AsObject();
    }

    /// <summary>Like <see cref="AssertConforms"/> for the EKS Auth model, and every required member is present.</summary>
    public static void AssertConformsToEksAuth(JsonNode? value, string shapeName) =>
        AssertConforms(value, shapeName, "$", AuthShapes);

    public static void AssertConforms(JsonNode? value, string shapeName, string path = "$") =>
        AssertConforms(value, shapeName, path, Shapes);

    private static void AssertConforms(JsonNode? value, string shapeName, string path, JsonObject shapes)
    {
        var shape = shapes[shapeName]!;
        switch (shape["type"]!.GetValue<string>())
        {
            case "structure":
                var members = shape["members"]!.AsObject();
                foreach (var (name, child) in value!.AsObject())
                {
                    Assert.True(members.ContainsKey(name), $"{path}.{name} is not a member of {shapeName}");
                    AssertConforms(child, members[name]!["shape"]!.GetValue<string>(), $"{path}.{name}", shapes);
                }
                foreach (var required in shape["required"]?.AsArray() ?? [])
                {
                    if (shapes == AuthShapes)
                    {
                        Assert.True(value.AsObject().ContainsKey(required!.GetValue<string>()), $"{path}.{required} is required by {shapeName}");
                    }
                }
                break;
            case "list":
                foreach (var item in value!.AsArray())
                {
                    AssertConforms(item, shape["member"]!["shape"]!.GetValue<string>(), path + "[]", shapes);
                }
                break;
            case "map":
                foreach (var (_, item) in value!.AsObject())
                {
                    AssertConforms(item, shape["value"]!["shape"]!.GetValue<string>(), path + "{}", shapes);
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
