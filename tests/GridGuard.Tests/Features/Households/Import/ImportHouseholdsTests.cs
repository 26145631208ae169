using System.Net;
using GridGuard.Features.Households;
using GridGuard.Features.Households.Import;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Households.Import;

[Collection(AppCollection.Name)]
public sealed class ImportHouseholdsTests(AppFactory app)
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private async Task<(TestTree Tree, HttpClient Client)> VillageOfficerAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        return (tree, await app.ApiClientAsync(user));
    }

    private Task<List<Person>> PersonsAsync(params string[] ids) =>
        app.WithDbAsync(db => db.Persons.AsNoTracking().Include(p => p.VulnerableGroups)
            .Where(p => p.IdNumber != null && ids.Contains(p.IdNumber)).ToListAsync());

    [Fact]
    public async Task ImportHouseholds_GoodCsv_CreatesHouseholdsPersonsAndMemberships()
    {
        var (tree, client) = await VillageOfficerAsync();
        var grid = tree.Grid1.Code;
        string head1 = ImportFiles.NewId(), wife = ImportFiles.NewId(Sex.Female), child = ImportFiles.NewId(minAge: 5, maxAge: 10),
            head2 = ImportFiles.NewId();
        PersonLine[] lines =
        [
            new(grid, "1", "大寨小组1号", "户主", "张三", head1, Phone: "13812345678", Workplace: "扬武镇中心小学"),
            new(grid, "1", null, "配偶", "李四", wife, Groups: "慢性病、残疾", Residency: "常住"),
            new(grid, "1", "大寨小组1号", "子女", "张小", child.ToLowerInvariant()),
            new(grid, "2", "大寨小组2号", "户主", "王五", head2, Residency: "流动", IsRental: "是", LandlordName: "赵六", LandlordPhone: "13900001111", Unit: "1单元", Room: "101"),
            new(grid, "2", null, "子女", "王小宝", null, Residency: "流动"),
        ];

        var report = await ImportFiles.ImportAsync(client, ImportFiles.Csv(lines), "名单.csv");

        Assert.Empty(report.Errors);
        Assert.Equal((5, 5, 0, 5, 2), (report.Rows, report.ImportedPersons, report.RejectedRows, report.PersonsCreated, report.HouseholdsCreated));
        Assert.Equal([new RowRange(3, 7)], report.ImportedRows);

        var persons = (await PersonsAsync(head1, wife, child.ToUpperInvariant(), head2)).ToDictionary(p => p.IdNumber!);
        Assert.Equal(4, persons.Count);
        Assert.Equal(persons[head1].HouseholdId, persons[wife].HouseholdId);
        Assert.Equal(persons[head1].HouseholdId, persons[child].HouseholdId);
        Assert.NotEqual(persons[head1].HouseholdId, persons[head2].HouseholdId);
        Assert.Equal([VulnerableGroup.ChronicDisease, VulnerableGroup.Disabled], persons[wife].VulnerableGroups.Select(g => g.Group).Order());
        Assert.Equal((Residency.Registered, Residency.Permanent, Residency.Floating), (persons[head1].Residency, persons[wife].Residency, persons[head2].Residency));
        Assert.Equal(("13812345678", "扬武镇中心小学", Sex.Female), (persons[head1].Phone, persons[head1].Workplace, persons[wife].Sex));
        Assert.Equal(tree.Grid1.Id, persons[head1].JurisdictionId);

        await app.WithDbAsync(async db =>
        {
            var h1 = await db.Households.SingleAsync(h => h.Id == persons[head1].HouseholdId);
            var h2 = await db.Households.SingleAsync(h => h.Id == persons[head2].HouseholdId);
            Assert.Equal(("大寨小组1号", persons[head1].Id, false), (h1.Address, h1.HeadId, h1.IsRental));
            Assert.Equal(("1单元", "101", true, "赵六", "13900001111"), (h2.Unit, h2.Room, h2.IsRental, h2.LandlordName, h2.LandlordPhone));
            var baby = await db.Persons.SingleAsync(p => p.HouseholdId == h2.Id && p.Name == "王小宝");
            Assert.Null(baby.IdNumber);
            var stays = await db.HouseholdMemberships.Where(m => m.HouseholdId == h1.Id).ToListAsync();
            Assert.Equal(3, stays.Count);
            Assert.All(stays, m => Assert.Equal((Today, (DateOnly?)null), (m.From, m.To)));
            Assert.Equal("配偶", stays.Single(m => m.PersonId == persons[wife].Id).Relation);
        });
    }

    [Fact]
    public async Task ImportHouseholds_GoodXlsx_CreatesPersons()
    {
        var (tree, client) = await VillageOfficerAsync();
        string a = ImportFiles.NewId(), b = ImportFiles.NewId(Sex.Female);
        PersonLine[] lines =
        [
            new(tree.Grid1.Code, "A", "大寨小组8号", "户主", "周一", a, Phone: "13812345678"),
            new(tree.Grid1.Code, "A", "大寨小组8号", "配偶", "吴二", b, Groups: "孕产妇"),
        ];
        // The phone as a number cell, as Excel stores what people type into a general cell.
        var bytes = ImportFiles.Xlsx(lines, (i, v) => i == ImportColumns.Phone.Index && v.Length > 0 ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null);

        var report = await ImportFiles.ImportAsync(client, bytes, "名单.xlsx");

        Assert.Empty(report.Errors);
        Assert.Equal((2, 2, 1), (report.ImportedPersons, report.PersonsCreated, report.HouseholdsCreated));
        Assert.Equal([new RowRange(3, 4)], report.ImportedRows);
        var persons = (await PersonsAsync(a, b)).ToDictionary(p => p.IdNumber!);
        Assert.Equal("13812345678", persons[a].Phone);
        Assert.Equal([VulnerableGroup.Pregnant], persons[b].VulnerableGroups.Select(g => g.Group));
    }

    [Fact]
    public async Task ImportHouseholds_MixedFile_ImportsGoodRowsAndReportsEachBadRow()
    {
        var (tree, client) = await VillageOfficerAsync();
        var grid = tree.Grid1.Code;
        string good1 = ImportFiles.NewId(), good2 = ImportFiles.NewId(), noAddress = ImportFiles.NewId();
        var badCheck = ImportFiles.NewId();
        badCheck = badCheck[..17] + (badCheck[17] == '0' ? '1' : '0');
        var body = "99" + ImportFiles.NewId()[2..17];
        var badProvince = body + GridGuard.Features.Households.IdNumbers.CheckChar(body);
        body = "53042719900231" + "123";
        var badDate = body + GridGuard.Features.Households.IdNumbers.CheckChar(body);
        PersonLine[] lines =
        [
            new(grid, "1", "大寨小组3号", "户主", "好人甲", good1),                                  // 3
            new(grid, "1", null, "子女", "错校验", badCheck),                                       // 4
            new(grid, "1", null, "子女", "重复者", good1),                                          // 5
            new(grid, "1", null, "子女", "", ImportFiles.NewId()),                                 // 6
            new(grid, "1", null, "子女", "短号", ImportFiles.NewId(), Phone: "1381234567"),         // 7
            new(grid, "2", null, "户主", "无址户主", noAddress),                                    // 8
            new(grid, "2", null, "配偶", "无址配偶", ImportFiles.NewId()),                          // 9
            new("999999999999999999", "3", "某地1号", "户主", "错网格", ImportFiles.NewId()),       // 10
            new(grid, "1", null, "子女", "错居住", ImportFiles.NewId(), Residency: "外来"),         // 11
            new(grid, "1", null, "子女", "错群体", ImportFiles.NewId(), Groups: "慢性病、高血压"),  // 12
            new(grid, "1", null, "子女", "错省份", badProvince),                                    // 13
            new(grid, "1", null, "子女", "错日期", badDate),                                        // 14
            new(grid, "1", null, "配偶", "好人乙", good2),                                          // 15
        ];

        var report = await ImportFiles.ImportAsync(client, ImportFiles.Csv(lines), "mixed.csv");

        Assert.Equal([new RowRange(3, 3), new RowRange(15, 15)], report.ImportedRows);
        Assert.Equal((13, 2, 11), (report.Rows, report.ImportedPersons, report.RejectedRows));
        var errors = report.Errors.Select(e => (e.Row, e.Column)).ToList();
        Assert.Equal(
            [
                (4, "证件号码"), (5, "证件号码"), (6, "姓名"), (7, "手机号"), (8, "门牌地址"), (9, "户编号"),
                (10, "网格代码"), (11, "居住类型"), (12, "特殊群体"), (13, "证件号码"), (14, "证件号码"),
            ],
            errors);
        string Message(int row) => report.Errors.Single(e => e.Row == row).Message;
        Assert.Contains("校验位", Message(4), StringComparison.Ordinal);
        Assert.Equal("证件号码：与第 3 行重复（同一人只能出现一次）", Message(5));
        Assert.Equal("姓名：不能为空", Message(6));
        Assert.Contains("不是有效的手机号", Message(7), StringComparison.Ordinal);
        Assert.Contains("没有填写门牌地址", Message(8), StringComparison.Ordinal);
        Assert.Contains("原因见第 8 行", Message(9), StringComparison.Ordinal);
        Assert.Equal("网格代码：“999999999999999999”不存在或不在您的管辖范围内", Message(10));
        Assert.Contains("“外来”无法识别", Message(11), StringComparison.Ordinal);
        Assert.StartsWith("特殊群体：“高血压”无法识别", Message(12), StringComparison.Ordinal);
        Assert.Equal("证件号码：省份代码“99”不存在", Message(13));
        Assert.Equal("证件号码：出生日期“19900231”不是有效日期", Message(14));
        Assert.Equal("短号", report.Errors.Single(e => e.Row == 7).Name);

        var stored = await PersonsAsync(good1, good2, noAddress, badCheck);
        Assert.Equal(new[] { good1, good2 }.Order(StringComparer.Ordinal), stored.Select(p => p.IdNumber!).Order(StringComparer.Ordinal));
        Assert.Equal(stored[0].HouseholdId, stored[1].HouseholdId);
    }

    [Fact]
    public async Task ImportHouseholds_SameFileTwice_ChangesNothing()
    {
        var (tree, client) = await VillageOfficerAsync();
        string a = ImportFiles.NewId(), b = ImportFiles.NewId();
        var file = ImportFiles.Csv(
        [
            new(tree.Grid1.Code, "1", "大寨小组5号", "户主", "甲", a, Groups: "独居老人"),
            new(tree.Grid1.Code, "1", "大寨小组5号", "子女", "无证件的孩子", null),
            new(tree.Grid1.Code, "2", "大寨小组6号", "户主", "乙", b),
        ]);

        var first = await ImportFiles.ImportAsync(client, file, "v.csv");
        var second = await ImportFiles.ImportAsync(client, file, "v.csv");

        Assert.Equal((3, 2), (first.PersonsCreated, first.HouseholdsCreated));
        Assert.Equal((0, 0, 3, 0, 0), (second.PersonsCreated, second.PersonsUpdated, second.PersonsUnchanged, second.HouseholdsCreated, second.HouseholdsUpdated));
        Assert.Equal([new RowRange(3, 5)], second.ImportedRows);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(2, await db.Households.CountAsync(h => h.JurisdictionId == tree.Grid1.Id));
            Assert.Equal(3, await db.Persons.CountAsync(p => p.JurisdictionId == tree.Grid1.Id));
            var ids = await db.Persons.Where(p => p.JurisdictionId == tree.Grid1.Id).Select(p => p.Id).ToListAsync();
            Assert.Equal(3, await db.HouseholdMemberships.CountAsync(m => ids.Contains(m.PersonId)));
        });
    }

    [Fact]
    public async Task ImportHouseholds_IdAlreadyInRegistry_UpdatesThePersonAndMovesTheirHousehold()
    {
        var (tree, client) = await VillageOfficerAsync();
        var id = ImportFiles.NewId(Sex.Female);
        await ImportFiles.ImportAsync(client, ImportFiles.Csv([new(tree.Grid1.Code, "1", "大寨小组9号", "户主", "陈某", id, Phone: "13811111111")]), "1.csv");
        var before = (await PersonsAsync(id)).Single();

        var report = await ImportFiles.ImportAsync(client, ImportFiles.Csv(
            [new(tree.Grid1.Code, "7", "大寨小组10号", "户主", "陈某", id, Phone: "13822222222", Groups: "孕产妇")]), "2.csv");

        Assert.Equal((0, 1, 1, 1), (report.PersonsCreated, report.PersonsUpdated, report.HouseholdsCreated, report.HouseholdsUpdated));
        var after = (await PersonsAsync(id)).Single();
        Assert.Equal(before.Id, after.Id);
        Assert.NotEqual(before.HouseholdId, after.HouseholdId);
        Assert.Equal("13822222222", after.Phone);
        Assert.Equal([VulnerableGroup.Pregnant], after.VulnerableGroups.Select(g => g.Group));
        await app.WithDbAsync(async db =>
        {
            var stays = await db.HouseholdMemberships.Where(m => m.PersonId == after.Id).ToListAsync();
            Assert.Equal(2, stays.Count);
            var closed = stays.Single(m => m.HouseholdId == before.HouseholdId);
            var open = stays.Single(m => m.HouseholdId == after.HouseholdId);
            Assert.Equal((Today, (DateOnly?)Today), (closed.From, closed.To));
            Assert.Equal((Today, (DateOnly?)null, "户主"), (open.From, open.To, open.Relation));
            var heads = await db.Households.Where(h => h.Id == before.HouseholdId || h.Id == after.HouseholdId).ToDictionaryAsync(h => h.Id, h => h.HeadId);
            Assert.Equal(((Guid?)null, (Guid?)after.Id), (heads[before.HouseholdId!.Value], heads[after.HouseholdId!.Value]));
            var audit = await db.AuditEntries.Where(e => e.Entity == nameof(Person) && e.EntityId == after.Id.ToString()).ToListAsync();
            Assert.Contains(audit, e => e.Action == AuditAction.Modified && e.Changes.Contains("HouseholdId", StringComparison.Ordinal)
                && e.Changes.Contains("13822222222", StringComparison.Ordinal) && e.JurisdictionId == tree.Grid1.Id);
            var groups = await db.AuditEntries.Where(e => e.Entity == nameof(PersonVulnerableGroup) && e.JurisdictionId == tree.Grid1.Id).ToListAsync();
            Assert.Contains(groups, e => e.EntityId.StartsWith(after.Id.ToString(), StringComparison.Ordinal) && e.Action == AuditAction.Added);
        });
    }

    [Fact]
    public async Task ImportHouseholds_GridOutsideScopeOrRole_RefusesThoseHouseholds()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id), (Role.Steward, tree.Village3.Id));
        var other = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(user);
        string mine = ImportFiles.NewId(), stewarded = ImportFiles.NewId(), foreign = ImportFiles.NewId();

        var report = await ImportFiles.ImportAsync(client, ImportFiles.Csv(
        [
            new(tree.Grid1.Code, "1", "甲地1号", "户主", "本村人", mine),
            new(tree.Grid3.Code, "2", "乙地1号", "户主", "包户人", stewarded),
            new(other.Grid1.Code, "3", "丙地1号", "户主", "外县人", foreign),
            new(tree.Village1.Code, "4", "丁地1号", "户主", "村级", ImportFiles.NewId()),
        ]), "scope.csv");

        Assert.Equal([new RowRange(3, 3)], report.ImportedRows);
        Assert.Equal($"网格代码：您在网格“{tree.Grid3.Code}”没有登记人员的权限", report.Errors.Single(e => e.Row == 4).Message);
        Assert.Equal($"网格代码：“{other.Grid1.Code}”不存在或不在您的管辖范围内", report.Errors.Single(e => e.Row == 5).Message);
        Assert.Contains("请填写其下网格的代码", report.Errors.Single(e => e.Row == 6).Message, StringComparison.Ordinal);
        Assert.Equal([mine], (await PersonsAsync(mine, stewarded, foreign)).Select(p => p.IdNumber));
    }

    [Fact]
    public async Task ImportHouseholds_UserWithoutRegistryRole_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id)));

        var response = await ImportFiles.PostAsync(client, ImportFiles.Csv([new(tree.Grid1.Code, "1", "x", "户主", "某", ImportFiles.NewId())]), "a.csv");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("没有导入户籍名单的权限", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHouseholds_HtmlInName_IsStoredAsText()
    {
        var (tree, client) = await VillageOfficerAsync();
        var id = ImportFiles.NewId();
        const string name = "<script>alert(1)</script>";

        await ImportFiles.ImportAsync(client, ImportFiles.Csv([new(tree.Grid1.Code, "1", "<b>大寨</b>", "户主", name, id)]), "html.csv");

        var person = (await PersonsAsync(id)).Single();
        Assert.Equal(name, person.Name);
        Assert.Equal("<b>大寨</b>", await app.WithDbAsync(db => db.Households.Where(h => h.Id == person.HouseholdId).Select(h => h.Address).SingleAsync()));
    }
}
