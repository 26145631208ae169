namespace GridGuard.Features.Households;

/// <summary>证件类型 (DOMAIN.md §2). Only <see cref="ResidentIdCard"/> is validated by checksum.</summary>
public enum IdType
{
    /// <summary>居民身份证 (GB 11643-1999).</summary>
    ResidentIdCard,

    /// <summary>港澳台居民居住证 / 通行证.</summary>
    HkMoTwPermit,

    /// <summary>外国人永久居留身份证.</summary>
    ForeignerPermanentResidence,

    /// <summary>护照.</summary>
    Passport,

    /// <summary>其他.</summary>
    Other,
}

public enum Sex
{
    Male,
    Female,
}

public static class IdTypeLabels
{
    public static string Label(this IdType type) => type switch
    {
        IdType.ResidentIdCard => "居民身份证",
        IdType.HkMoTwPermit => "港澳台居民居住证/通行证",
        IdType.ForeignerPermanentResidence => "外国人永久居留身份证",
        IdType.Passport => "护照",
        _ => "其他证件",
    };

    public static string Label(this Sex sex) => sex == Sex.Male ? "男" : "女";
}
