using System.Globalization;
using GridGuard.Features.Households;

namespace GridGuard.Features.Demo;

/// <summary>Chinese names and mobile numbers for synthetic people (surnames weighted towards the common ones).</summary>
public static class DemoNames
{
    private static readonly string[] Surnames =
    [
        "李", "王", "张", "刘", "杨", "陈", "赵", "普", "罗", "白", "刀", "施", "周", "黄", "吴", "马", "朱", "徐", "孙", "胡",
        "郭", "何", "高", "林", "郑", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "田", "董", "袁", "潘", "杞",
        "方", "鲁", "苏", "段", "龙", "陶", "余", "叶", "钱", "熊",
    ];

    private static readonly string[] MaleGiven = ["伟", "强", "军", "勇", "杰", "涛", "明", "超", "华", "平", "建国", "志强", "文", "斌", "波", "浩然", "子轩", "宇", "俊", "德福", "家兴", "永福", "国华", "海"];

    private static readonly string[] FemaleGiven = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀英", "桂兰", "玉兰", "梓涵", "欣怡", "雪", "琳", "婷", "燕", "红", "美玲", "春梅", "玉珍", "慧", "佳", "萍"];

    public static string Surname(Random random) => Surnames[(int)Math.Floor(Math.Pow(random.NextDouble(), 2.2) * Surnames.Length)];

    public static string Given(Random random, Sex sex)
    {
        var pool = sex == Sex.Male ? MaleGiven : FemaleGiven;
        var given = pool[random.Next(pool.Length)];
        return given.Length == 1 && random.Next(100) < 45 ? given + pool[random.Next(pool.Length)][0] : given;
    }

    public static string Person(Random random) => Surname(random) + Given(random, random.Next(2) == 0 ? Sex.Male : Sex.Female);

    /// <summary>A mainland mobile number: 11 digits, 1[3-9]….</summary>
    public static string Phone(Random random) =>
        "1" + "3456789"[random.Next(7)] + random.Next(0, 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
}
