using GridGuard.Features.Households;
using GridGuard.Features.Policies;

namespace GridGuard.Features.Canvassing.Visits;

/// <summary>
/// The rules of a household visit (DOMAIN.md §4), as pure functions. Messages are Chinese and name the field:
/// "成员 2 体温：应在 34.0–43.0 之间". Nothing here refuses an old stay: stays older than the travel window only warn.
/// </summary>
public static class VisitRules
{
    public const double MinTemperature = 34.0;
    public const double MaxTemperature = 43.0;
    public const double FeverThreshold = 37.3;
    public const int MaxTravelRows = 20;
    public const int MaxRows = 50;
    public const int PlaceMaxLength = 100;
    public const int NoteMaxLength = 500;
    public const int RelationMaxLength = 16;

    private const MemberPresence Unknown = (MemberPresence)(-1);

    public static ParsedVisit Parse(VisitRequest request, DateOnly today, int travelDays, FieldErrors errors, List<string> warnings)
    {
        var note = Fields.Text(request.Note, NoteMaxLength, "note", "备注", errors);
        var members = request.Members ?? [];
        var news = request.NewPersons ?? [];
        if (members.Count + news.Count > MaxRows)
        {
            errors.Add("members", $"成员：一次走访最多记录 {MaxRows} 人");
            return new ParsedVisit(note, []);
        }

        var entries = new List<ParsedEntry>();
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            var label = $"成员 {i + 1}";
            var key = $"members[{i}]";
            if (m is null)
            {
                errors.Add(key, $"{label}：不能为空");
                continue;
            }

            // An unreadable presence is neither present nor away, so it draws no follow-on errors.
            var presence = Fields.ParseEnum(m.Presence, CanvassingLabels.Label, Unknown, required: true,
                $"{key}.presence", $"{label} 在家情况", errors);
            entries.Add(Health(i, m.PersonId, null, presence, m.AwayPlace, m.Temperature, m.Symptoms, m.Travel, m.Flag,
                label, key, today, travelDays, errors, warnings));
        }

        for (var j = 0; j < news.Count; j++)
        {
            var n = news[j];
            var label = $"新增人员 {j + 1}";
            var key = $"newPersons[{j}]";
            if (n is null)
            {
                errors.Add(key, $"{label}：不能为空");
                continue;
            }

            var identity = Identity(n, label, key, today, errors);
            entries.Add(Health(j, null, identity, MemberPresence.Present, null, n.Temperature, n.Symptoms, n.Travel, n.Flag,
                label, key, today, travelDays, errors, warnings));
        }

        var seen = new Dictionary<(IdType, string), ParsedEntry>();
        foreach (var e in entries.Where(e => e.Identity is { IdNumber.Length: > 0 }))
        {
            if (!seen.TryAdd((e.Identity!.IdType, e.Identity.IdNumber), e))
            {
                errors.Add($"{e.Key}.idNumber", $"{e.Label} 证件号码：与{seen[(e.Identity.IdType, e.Identity.IdNumber)].Label}重复");
            }
        }

        return new ParsedVisit(note, entries);
    }

    /// <summary>
    /// Checks the rows against the household: every active member is recorded exactly once, listed members belong to the
    /// household, and a new person whose number is already a member of this household counts as that member's record.
    /// </summary>
    public static void CrossCheck(ParsedVisit visit, Guid householdId, IReadOnlyDictionary<Guid, string> activeMembers,
        IReadOnlyList<KnownPerson> known, FieldErrors errors, List<string> warnings)
    {
        var listed = new Dictionary<Guid, ParsedEntry>();
        foreach (var e in visit.Entries.Where(e => !e.IsNew))
        {
            if (!activeMembers.ContainsKey(e.PersonId!.Value))
            {
                errors.Add($"{e.Key}.personId", $"{e.Label}：不是本户的在册成员");
            }
            else if (!listed.TryAdd(e.PersonId.Value, e))
            {
                errors.Add($"{e.Key}.personId", $"{e.Label}：与{listed[e.PersonId.Value].Label}是同一人");
            }
        }

        foreach (var e in visit.Entries.Where(e => e.IsNew))
        {
            var id = e.Identity!;
            var k = known.FirstOrDefault(p => p.IdType == id.IdType && p.IdNumber == id.IdNumber);
            if (k is null)
            {
                continue;
            }

            if (k.HouseholdId == householdId && activeMembers.ContainsKey(k.Id))
            {
                if (listed.TryGetValue(k.Id, out var member))
                {
                    errors.Add($"{e.Key}.idNumber", $"{e.Label} 证件号码：该人员已是本户成员（{member.Label}），无需新增");
                    continue;
                }

                listed[k.Id] = e;
            }

            if (!string.Equals(k.Name, id.Name, StringComparison.Ordinal))
            {
                warnings.Add($"{e.Label}：证件号码已登记为“{k.Name}”，已关联到该人员，姓名未改动");
            }
        }

        foreach (var (personId, name) in activeMembers.Where(m => !listed.ContainsKey(m.Key)))
        {
            errors.Add("members", $"成员：缺少“{name}”的记录，每位在册成员都应登记在家情况");
        }
    }

    /// <summary>True for a mainland mobile number: 11 digits starting with 1[3-9].</summary>
    public static bool IsMobile(string phone) =>
        phone.Length == 11 && phone[0] == '1' && phone[1] is >= '3' and <= '9' && phone.All(char.IsAsciiDigit);

    /// <summary>True when <paramref name="value"/> has at most one decimal.</summary>
    public static bool HasOneDecimal(double value) => Math.Abs((value * 10) - Math.Round(value * 10)) < 1e-6;

    private static ParsedIdentity? Identity(NewPersonInput n, string label, string key, DateOnly today, FieldErrors errors)
    {
        var name = Fields.Text(n.Name, Person.NameMaxLength, $"{key}.name", $"{label} 姓名", errors);
        if (string.IsNullOrWhiteSpace(n.Name))
        {
            errors.Add($"{key}.name", $"{label} 姓名：不能为空");
        }

        var idType = Fields.ParseEnum(n.IdType, IdTypeLabels.Label, IdType.ResidentIdCard, required: false,
            $"{key}.idType", $"{label} 证件类型", errors);
        var check = IdNumbers.Check(idType, n.IdNumber, today);
        if (!check.Valid)
        {
            errors.Add($"{key}.idNumber", $"{label} {check.Error}");
        }

        var phone = n.Phone?.Trim();
        if (string.IsNullOrEmpty(phone))
        {
            phone = null;
        }
        else if (!IsMobile(phone))
        {
            errors.Add($"{key}.phone", $"{label} 手机号码：应为 11 位手机号码（1 开头，第二位为 3–9）");
        }

        var relation = Fields.Text(n.Relation, RelationMaxLength, $"{key}.relation", $"{label} 与户主关系", errors);
        var residency = Fields.ParseEnum(n.Residency, Fields.ResidencyLabel, Residency.Floating, required: false,
            $"{key}.residency", $"{label} 居住类型", errors);
        return new ParsedIdentity(name ?? "", idType, check.Normalized ?? "", check.BirthDate, check.Sex, phone, relation, residency);
    }

    private static ParsedEntry Health(int index, Guid? personId, ParsedIdentity? identity, MemberPresence presence,
        string? awayPlace, double? temperature, List<string>? symptoms, List<TravelInput>? travel, FlagInput? flagInput,
        string label, string key, DateOnly today, int travelDays, FieldErrors errors, List<string> warnings)
    {
        string? away = null;
        if (presence == MemberPresence.Away)
        {
            away = Fields.Text(awayPlace, PlaceMaxLength, $"{key}.awayPlace", $"{label} 去向", errors);
            if (string.IsNullOrWhiteSpace(awayPlace))
            {
                errors.Add($"{key}.awayPlace", $"{label} 去向：外出成员应填写去向");
            }
        }

        double? temp = null;
        var parsedSymptoms = new List<Symptom>();
        var stays = new List<ParsedTravel>();
        if (presence == MemberPresence.Present)
        {
            temp = Temperature(temperature, label, key, errors);
            foreach (var s in symptoms ?? [])
            {
                if (Fields.TryParse(s, CanvassingLabels.Label, out Symptom symptom))
                {
                    if (!parsedSymptoms.Contains(symptom))
                    {
                        parsedSymptoms.Add(symptom);
                    }
                }
                else
                {
                    errors.Add($"{key}.symptoms", $"{label} 症状：“{s}”无效，应为 {CanvassingLabels.Names<Symptom>()} 之一");
                }
            }

            var rows = travel ?? [];
            if (rows.Count > MaxTravelRows)
            {
                errors.Add($"{key}.travel", $"{label} 旅居史：最多 {MaxTravelRows} 条");
            }
            else
            {
                for (var k = 0; k < rows.Count; k++)
                {
                    if (Stay(rows[k], $"{label} 旅居 {k + 1}", $"{key}.travel[{k}]", today, travelDays, errors, warnings) is { } stay)
                    {
                        stays.Add(stay);
                    }
                }
            }
        }

        var flag = ParseFlag(flagInput, label, key, errors);
        return new ParsedEntry(index, personId, identity, presence, away, temp, parsedSymptoms, stays, flag);
    }

    private static double? Temperature(double? value, string label, string key, FieldErrors errors)
    {
        if (value is not { } t)
        {
            errors.Add($"{key}.temperature", $"{label} 体温：在家成员应测量体温");
            return null;
        }

        if (double.IsNaN(t) || t < MinTemperature || t > MaxTemperature)
        {
            errors.Add($"{key}.temperature", $"{label} 体温：应在 34.0–43.0 之间");
            return null;
        }

        if (!HasOneDecimal(t))
        {
            errors.Add($"{key}.temperature", $"{label} 体温：最多保留一位小数");
            return null;
        }

        return Math.Round(t, 1);
    }

    private static ParsedTravel? Stay(TravelInput? row, string label, string key, DateOnly today, int travelDays,
        FieldErrors errors, List<string> warnings)
    {
        if (row is null)
        {
            errors.Add(key, $"{label}：不能为空");
            return null;
        }

        var ok = true;
        var place = Fields.Text(row.PlaceName, PlaceMaxLength, $"{key}.placeName", $"{label} 地点", errors);
        if (place is null)
        {
            ok = false;
            if (string.IsNullOrWhiteSpace(row.PlaceName))
            {
                errors.Add($"{key}.placeName", $"{label} 地点：不能为空");
            }
        }

        var code = row.PlaceCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            code = null;
        }
        else if (!code.All(char.IsAsciiDigit) || code.Length is not (2 or 4 or 6 or 9 or 12))
        {
            errors.Add($"{key}.placeCode", $"{label} 区划代码：应为 2、4、6、9 或 12 位数字");
            ok = false;
        }

        if (row.From is not { } from)
        {
            errors.Add($"{key}.from", $"{label} 开始日期：不能为空");
            return null;
        }

        if (row.To is not { } to)
        {
            errors.Add($"{key}.to", $"{label} 结束日期：不能为空");
            return null;
        }

        if (from > today)
        {
            errors.Add($"{key}.from", $"{label} 开始日期：{Fields.Day(from)} 晚于今天");
            ok = false;
        }

        if (to > today)
        {
            errors.Add($"{key}.to", $"{label} 结束日期：{Fields.Day(to)} 晚于今天");
            ok = false;
        }

        if (to < from)
        {
            errors.Add($"{key}.to", $"{label} 结束日期：不能早于开始日期");
            ok = false;
        }

        if (ok && to < today.AddDays(-travelDays))
        {
            warnings.Add($"{label}：{Fields.Day(from)} 至 {Fields.Day(to)} 早于最近 {travelDays} 天，已照常保存");
        }

        return ok ? new ParsedTravel(place!, code, from, to) : null;
    }

    /// <summary>
    /// A flag set by hand. <paramref name="label"/> and <paramref name="key"/> name the row ("成员 2", "members[1]");
    /// empty for a flag request of its own.
    /// </summary>
    public static ParsedFlag? ParseFlag(FlagInput? input, string label, string key, FieldErrors errors)
    {
        string F(string field) => label.Length == 0 ? field : $"{label} {field}";
        string K(string k) => key.Length == 0 ? k : $"{key}.flag.{k}";
        if (input is null || string.IsNullOrWhiteSpace(input.Category))
        {
            if (!string.IsNullOrWhiteSpace(input?.RiskLevel))
            {
                errors.Add(K("riskLevel"), $"{F("风险等级")}：请先选择重点人员类别");
            }

            return null;
        }

        if (!Fields.TryParse(input.Category, CanvassingLabels.Label, out KeyPersonCategory category))
        {
            errors.Add(K("category"),
                $"{F("重点人员类别")}：“{input.Category}”无效，应为 {CanvassingLabels.Names<KeyPersonCategory>()} 之一");
            return null;
        }

        RiskLevel? risk = null;
        if (!string.IsNullOrWhiteSpace(input.RiskLevel))
        {
            if (category != KeyPersonCategory.Returnee)
            {
                errors.Add(K("riskLevel"), $"{F("风险等级")}：只有返乡人员需要填写风险等级");
            }
            else if (Fields.TryParse(input.RiskLevel, CanvassingLabels.Label, out RiskLevel level))
            {
                risk = level;
            }
            else
            {
                errors.Add(K("riskLevel"), $"{F("风险等级")}：“{input.RiskLevel}”无效，应为 High、Medium、Low 之一");
            }
        }

        var note = Fields.Text(input.Note, NoteMaxLength, K("note"), F("标记说明"), errors);
        return new ParsedFlag(category, risk, note);
    }
}
