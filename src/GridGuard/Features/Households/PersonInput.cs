namespace GridGuard.Features.Households;

/// <summary>A person's identity as entered: the type, the normalised number (if any), and the derived or entered facts.</summary>
public sealed record PersonIdentity(IdType IdType, string? IdNumber, DateOnly? BirthDate, Sex? Sex);

/// <summary>
/// Field rules shared by "add a member" and "edit a person" (DOMAIN.md §2). Each checks one field, adds a Chinese
/// message naming it to <see cref="FieldErrors"/> under the request's property name, and returns the clean value.
/// </summary>
public static class PersonInput
{
    public static string Name(string? input, FieldErrors errors)
    {
        var name = (input ?? "").Trim();
        if (name.Length == 0)
        {
            errors.Add("Name", "姓名：不能为空");
        }
        else if (name.Length > Person.NameMaxLength)
        {
            errors.Add("Name", $"姓名：不能超过 {Person.NameMaxLength} 个字符");
        }
        else if (name.Any(char.IsControl))
        {
            errors.Add("Name", "姓名：不能包含控制字符");
        }

        return name;
    }

    public static string? Phone(string? input, FieldErrors errors, string field = "Phone", string label = "手机号码")
    {
        var (phone, error) = RegistryText.NormalizePhone(input, label);
        if (error is not null)
        {
            errors.Add(field, error);
        }

        return phone;
    }

    public static Residency ResidencyOf(string? input, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Residency.Permanent;
        }

        if (!RegistryText.TryParse<Residency>(input, RegistryText.ResidencyLabel, out var value))
        {
            errors.Add("Residency", $"居住类型：“{input}”无效，应为 户籍、常住、流动、租户 之一");
        }

        return value;
    }

    public static PersonStatus StatusOf(string? input, FieldErrors errors)
    {
        if (!RegistryText.TryParse<PersonStatus>(input, RegistryText.StatusLabel, out var value))
        {
            errors.Add("Status", $"状态：“{input}”无效，应为 在册、已迁出、已故 之一");
        }

        return value;
    }

    /// <summary>Recorded groups only: an age group is derived from the birth date and cannot be ticked.</summary>
    public static List<VulnerableGroup> Groups(IEnumerable<string>? input, FieldErrors errors)
    {
        var result = new List<VulnerableGroup>();
        foreach (var text in input ?? [])
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!RegistryText.TryParse<VulnerableGroup>(text, g => g.Label(), out var group))
            {
                errors.Add("VulnerableGroups", $"特殊群体：“{text}”无效");
            }
            else if (VulnerableGroups.Derived.Contains(group))
            {
                errors.Add("VulnerableGroups", $"特殊群体：“{group.Label()}”由出生日期推算，不能手工登记");
            }
            else if (!result.Contains(group))
            {
                result.Add(group);
            }
        }

        return result;
    }

    public static string? Workplace(string? input, FieldErrors errors)
    {
        var text = input?.Trim();
        if (text is { Length: > Person.WorkplaceMaxLength })
        {
            errors.Add("Workplace", $"工作单位：不能超过 {Person.WorkplaceMaxLength} 个字符");
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>
    /// The identity: a resident ID number is checked (checksum, birth date not in the future, province; 15→18) and
    /// gives the birth date and sex; other types are checked for shape and take the birth date and sex as entered.
    /// An empty number is allowed ("not yet known").
    /// </summary>
    public static PersonIdentity Identity(string? idType, string? idNumber, DateOnly? birthDate, string? sex,
        DateOnly today, FieldErrors errors)
    {
        var type = IdType.ResidentIdCard;
        if (!string.IsNullOrWhiteSpace(idType) && !RegistryText.TryParse(idType, t => t.Label(), out type))
        {
            errors.Add("IdType", $"证件类型：“{idType}”无效，应为 {string.Join("、", Enum.GetValues<IdType>().Select(t => t.Label()))} 之一");
        }

        Sex? enteredSex = null;
        if (!string.IsNullOrWhiteSpace(sex))
        {
            if (RegistryText.TryParse<Sex>(sex, s => s.Label(), out var s))
            {
                enteredSex = s;
            }
            else
            {
                errors.Add("Sex", $"性别：“{sex}”无效，应为 男 或 女");
            }
        }

        if (birthDate is { } b && b > today)
        {
            errors.Add("BirthDate", $"出生日期：{b:yyyy-MM-dd} 晚于今天");
        }
        else if (birthDate is { Year: < 1880 })
        {
            errors.Add("BirthDate", "出生日期：不是有效日期");
        }

        if (string.IsNullOrWhiteSpace(idNumber))
        {
            return new PersonIdentity(type, null, birthDate, enteredSex);
        }

        var check = IdNumbers.Check(type, idNumber, today);
        if (!check.Valid)
        {
            errors.Add("IdNumber", check.Error!);
            return new PersonIdentity(type, null, birthDate, enteredSex);
        }

        return new PersonIdentity(type, check.Normalized, check.BirthDate ?? birthDate, check.Sex ?? enteredSex);
    }
}
