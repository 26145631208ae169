using System.Text.Json;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Policies.Versions;

/// <summary>GET /api/policies/{id}: one policy version with its rules as JSON (the RulebookJson shape).</summary>
public static class GetPolicy
{
    public sealed record Detail(Guid Id, string Name, int Version, DateOnly EffectiveOn, bool IsActive, bool IsShipped,
        DateTime CreatedAt, int LatestVersion, JsonElement Rules);

    public static RouteGroupBuilder MapGetPolicy(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync).WithName("GetPolicy").WithSummary("查看管控规则的一个版本（规则为 JSON）");
        return group;
    }

    public static async Task<Results<Ok<Detail>, NotFound>> HandleAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await LoadAsync(db, id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    public static async Task<Detail?> LoadAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var row = await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (row is null)
        {
            return null;
        }

        var latest = await db.Policies.Where(p => p.Name == row.Name).MaxAsync(p => p.Version, ct);
        using var json = JsonDocument.Parse(row.Rules);
        return new Detail(row.Id, row.Name, row.Version, row.EffectiveOn, row.IsActive, row.IsShipped, row.CreatedAt, latest,
            json.RootElement.Clone());
    }
}
