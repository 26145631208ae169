using System.Text.Json.Serialization;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// One operation of a sampler's device, as it is queued (offline or not) and sent: with a person (<see cref="PersonCode"/>
/// or <see cref="IdNumber"/>) it is a scan into <see cref="Tube"/>; without one it opens the tube (or closes it when
/// <see cref="Close"/> is set). <see cref="ClientId"/> is made by the device, so resending it changes nothing.
/// </summary>
public sealed record Scan(Guid? ClientId, string? Tube, int? PoolSize, string? PersonCode, string? IdNumber, string? Name,
    DateTime? SampledAt, Guid? SiteId, bool? Close)
{
    public bool HasPerson => !string.IsNullOrWhiteSpace(PersonCode) || !string.IsNullOrWhiteSpace(IdNumber);
}

public enum ScanStatus
{
    /// <summary>Written now.</summary>
    Accepted,

    /// <summary>Written before (the same client id): nothing changed.</summary>
    Duplicate,

    /// <summary>Not written; <see cref="ScanResult.Reason"/> says why.</summary>
    Refused,
}

/// <summary>How a refusal maps to HTTP for the one-scan endpoint: bad input 400, a rule or state conflict 409.</summary>
public enum RefusalKind
{
    Invalid,
    Conflict,
}

/// <summary>
/// The answer for one <see cref="Scan"/>: what happened, a warning to show, and the tube's state after it. Empty fields
/// (null, false) are left out of the JSON: a device coming back online gets up to 1,000 of these at once.
/// </summary>
public sealed record ScanResult(Guid? ClientId, ScanStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RefusalKind? Refusal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Warning = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? SamplingId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? PersonId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PersonName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Unregistered = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tube = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PoolSize = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TubeCount = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TubeClosed = false)
{
    public static ScanResult Refused(Guid? clientId, string field, string reason, RefusalKind kind = RefusalKind.Invalid,
        string? tube = null) => new(clientId, ScanStatus.Refused, field, reason, kind, Tube: tube);
}
