namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>A node as it is in the database before the import.</summary>
public sealed record ExistingNode(Guid Id, string Code, string Name, JurisdictionLevel Level, Guid? ParentId, string Path,
    Settlement? Settlement);

/// <summary>
/// Who may import what. A row may be written only when its parent lies in a subtree the caller may edit, or it is
/// below another row of the same file that may be written; a new root needs <see cref="MayCreateRoots"/>; an existing
/// node must itself lie where the caller may edit. Null (the CLI and the demo seed) means no restriction.
/// </summary>
public sealed record ImportScope(Func<string, bool> MayEditUnder, bool MayCreateRoots);

/// <summary>
/// Validates one file's rows against each other and the existing tree, and resolves what to write: ids, parents,
/// paths and depths, and the new paths of the descendants of moved nodes that the file does not mention.
/// Pure: no I/O. Every bad row is reported with its line number, field and a Chinese reason.
/// </summary>
public sealed class ImportPlan
{
    private ImportPlan()
    {
    }

    public List<ImportError> Errors { get; } = [];

    /// <summary>Rows to insert or update, parents before children.</summary>
    public List<JurisdictionWrite> Writes { get; } = [];

    public int Inserted { get; private set; }

    public int Updated { get; private set; }

    public int Unchanged { get; private set; }

    /// <summary>Rows of the file whose path changed (their parent changed, or an ancestor moved).</summary>
    public int Moved { get; private set; }

    /// <summary>Nodes not in the file whose path changed because an ancestor moved.</summary>
    public int MovedDescendants { get; private set; }

    /// <summary>The old paths of the file's moved nodes: their subtrees must be among the existing nodes.</summary>
    public List<string> MovedFrom { get; } = [];

    /// <summary>The path all written nodes share ("/" when they span several roots), for scoping the audit line.</summary>
    public string CommonPath { get; private set; } = "";

    private sealed record Planned(DivisionRow Row, Guid Id, string Path, JurisdictionLevel Level, Settlement? Settlement);

    public static ImportPlan Build(IReadOnlyList<DivisionRow> rows, IReadOnlyDictionary<string, ExistingNode> existing,
        ImportScope? scope)
    {
        var plan = new ImportPlan();
        plan.Resolve(rows, existing, scope);
        plan.Errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return plan;
    }

    private void Resolve(IReadOnlyList<DivisionRow> rows, IReadOnlyDictionary<string, ExistingNode> existing, ImportScope? scope)
    {
        var inFile = new Dictionary<string, Planned>(rows.Count, StringComparer.Ordinal);
        var failed = new Dictionary<string, int>(StringComparer.Ordinal);
        HashSet<string>? codesInFile = null;
        Writes.Capacity = rows.Count;

        // Paths of existing nodes that move because an ancestor moves; filled before any deeper row is planned.
        var rewritten = new Dictionary<string, string>(StringComparer.Ordinal);
        ILookup<Guid?, ExistingNode>? children = null;

        // Parents may come later in the file than their children: resolve shallow codes first.
        var ordered = rows.ToArray();
        Array.Sort(ordered, (a, b) => a.Code.Length != b.Code.Length ? a.Code.Length - b.Code.Length : a.Line - b.Line);
        foreach (var row in ordered)
        {
            if (Check(row, inFile, existing, failed, rewritten, scope) is not { } resolved)
            {
                failed.TryAdd(row.Code, row.Line);
                continue;
            }

            var (parentId, parentPath, parentSettlement, before) = resolved;
            var path = Jurisdiction.ChildPath(parentPath, row.Code);
            var settlement = before?.Settlement ?? row.Settlement
                ?? (row.Level == JurisdictionLevel.Village ? DivisionRules.SettlementOf(row.Name) : parentSettlement);
            var planned = new Planned(row, before?.Id ?? Guid.CreateVersion7(), path, row.Level, settlement);
            inFile[row.Code] = planned;
            var write = new JurisdictionWrite(before is null, planned.Id, row.Code, row.Name, row.Level, parentId, path, DepthOf(path), settlement);
            CommonPath = CommonPrefix(CommonPath, path);

            if (before is null)
            {
                Inserted++;
                Writes.Add(write);
                continue;
            }

            if (before.Name == row.Name && before.Level == row.Level && before.ParentId == parentId && before.Path == path
                && before.Settlement == settlement)
            {
                Unchanged++;
                continue;
            }

            Updated++;
            Writes.Add(write);
            if (before.Path != path)
            {
                Moved++;
                MovedFrom.Add(before.Path);
                children ??= existing.Values.Where(e => e.ParentId is not null).ToLookup(e => e.ParentId);
                codesInFile ??= rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
                MoveDescendants(before.Id, path, children, codesInFile, rewritten);
            }
        }
    }

    /// <summary>Checks one row; returns its parent's id, path and settlement and the node as it is, or null after recording the error.</summary>
    private (Guid? Id, string? Path, Settlement? Settlement, ExistingNode? Before)? Check(DivisionRow row, Dictionary<string, Planned> inFile,
        IReadOnlyDictionary<string, ExistingNode> existing, Dictionary<string, int> failed,
        Dictionary<string, string> rewritten, ImportScope? scope)
    {
        if (string.IsNullOrWhiteSpace(row.Name))
        {
            return Fail(row, "name", "名称不能为空");
        }

        if (row.Name.Length > Jurisdiction.NameMaxLength)
        {
            return Fail(row, "name", $"名称超过 {Jurisdiction.NameMaxLength} 个字");
        }

        if (inFile.TryGetValue(row.Code, out var first) || failed.TryGetValue(row.Code, out _))
        {
            var firstLine = first?.Row.Line ?? failed[row.Code];
            return Fail(row, "code", $"代码“{row.Code}”与第 {firstLine} 行重复");
        }

        existing.TryGetValue(row.Code, out var before);
        Guid? parentId = null;
        string? parentPath = null;
        JurisdictionLevel? parentLevel = null;
        Settlement? parentSettlement = null;
        var parentInScope = true;
        var parentCode = string.IsNullOrWhiteSpace(row.ParentCode) ? null : row.ParentCode.Trim();
        if (parentCode is not null)
        {
            if (inFile.TryGetValue(parentCode, out var p))
            {
                (parentId, parentPath, parentLevel, parentSettlement) = (p.Id, p.Path, p.Level, p.Settlement);
            }
            else if (existing.TryGetValue(parentCode, out var e))
            {
                parentPath = rewritten.GetValueOrDefault(e.Code, e.Path);
                (parentId, parentLevel, parentSettlement) = (e.Id, e.Level, e.Settlement);
                parentInScope = scope is null || scope.MayEditUnder(parentPath);
            }
            else if (failed.TryGetValue(parentCode, out var parentLine))
            {
                return Fail(row, "parentCode", $"上级代码“{parentCode}”所在的第 {parentLine} 行有错误");
            }
            else if (NeedsParent(row.Level) || scope is { MayCreateRoots: false })
            {
                // Out of scope reads as absent, so that an import cannot probe for nodes the caller cannot see.
                return Fail(row, "parentCode", scope is null
                    ? $"上级代码“{parentCode}”不存在"
                    : $"上级代码“{parentCode}”不存在或不在您的管辖范围内");
            }
            else
            {
                parentCode = null; // a national node whose ancestors are not imported becomes a root
            }
        }
        else if (NeedsParent(row.Level))
        {
            return Fail(row, "parentCode", "缺少上级代码");
        }

        if (DivisionRules.CheckCode(row.Code, row.Level, parentCode, parentLevel) is { } reason)
        {
            return Fail(row, "code", reason);
        }

        if (!parentInScope)
        {
            return Fail(row, "parentCode", $"上级代码“{parentCode}”不存在或不在您的管辖范围内");
        }

        if (scope is not null && before is not null && !scope.MayEditUnder(rewritten.GetValueOrDefault(before.Code, before.Path)))
        {
            return Fail(row, "code", $"辖区“{row.Code}”不在您的管辖范围内");
        }

        if (scope is { MayCreateRoots: false } && parentCode is null && before is null)
        {
            return Fail(row, "parentCode", "新建顶级辖区（无上级）需要系统管理员角色");
        }

        return (parentId, parentPath, parentSettlement, before);
    }

    /// <summary>
    /// Gives every descendant of a moved node that the file does not mention its new path. Descendants that the
    /// file mentions get theirs from their own row, and carry their own subtree along when they are planned.
    /// </summary>
    private void MoveDescendants(Guid movedId, string newPath, ILookup<Guid?, ExistingNode> children,
        HashSet<string> codesInFile, Dictionary<string, string> rewritten)
    {
        var stack = new Stack<(Guid Id, string Path)>();
        stack.Push((movedId, newPath));
        while (stack.TryPop(out var node))
        {
            foreach (var child in children[node.Id])
            {
                if (codesInFile.Contains(child.Code))
                {
                    continue;
                }

                var path = node.Path + child.Code + "/";
                if (path == child.Path)
                {
                    continue;
                }

                rewritten[child.Code] = path;
                MovedDescendants++;
                Writes.Add(new JurisdictionWrite(false, child.Id, child.Code, child.Name, child.Level, child.ParentId, path,
                    DepthOf(path), child.Settlement));
                stack.Push((child.Id, path));
            }
        }
    }

    private (Guid?, string?, Settlement?, ExistingNode?)? Fail(DivisionRow row, string field, string message)
    {
        Errors.Add(new ImportError(row.Line, field, message));
        return null;
    }

    public static int DepthOf(string path) => path.AsSpan().Count('/') - 2;

    private static string CommonPrefix(string common, string path)
    {
        if (common.Length == 0)
        {
            return path;
        }

        var n = 0;
        var max = Math.Min(common.Length, path.Length);
        while (n < max && common[n] == path[n])
        {
            n++;
        }

        // Cut back to a whole segment ("/53/5304/").
        return common[..(common.LastIndexOf('/', Math.Max(0, n - 1)) + 1)];
    }

    /// <summary>Own levels always hang under a node we know; national levels may start a tree.</summary>
    private static bool NeedsParent(JurisdictionLevel level) =>
        level is JurisdictionLevel.Compound or JurisdictionLevel.Building or JurisdictionLevel.Grid;
}
