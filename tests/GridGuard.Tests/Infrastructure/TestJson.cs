using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridGuard.Tests.Infrastructure;

/// <summary>The API's JSON conventions on the client side: web defaults, enums as names (ADR 0008).</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
