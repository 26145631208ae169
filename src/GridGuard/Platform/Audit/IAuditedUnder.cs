namespace GridGuard.Platform.Audit;

/// <summary>
/// A dependent row without a node of its own (e.g. a person's vulnerable group). Its audit lines are filed
/// under the node of its owner, which must be tracked in the same SaveChanges (load the owner with the change).
/// </summary>
public interface IAuditedUnder
{
    Guid AuditOwnerId { get; }
}
