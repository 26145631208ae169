using GridGuard.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Platform.Audit;

[Collection(AppCollection.Name)]
public sealed class AuditMaskingTests(AppFactory app)
{
    [Fact]
    public async Task Interceptor_NewPerson_LogsIdNumberMasked()
    {
        var tree = await TestTree.CreateAsync(app);
        var body = tree.CountyCode + "19800101" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var number = body + IdNumbers.CheckChar(body);
        var person = new Person { Name = "测试", IdType = IdType.ResidentIdCard, IdNumber = number, JurisdictionId = tree.Grid1.Id };

        await app.WithDbAsync(async db =>
        {
            db.Persons.Add(person);
            await db.SaveChangesAsync();
        });
        var changes = await app.WithDbAsync(db => db.AuditEntries
            .Where(a => a.Entity == nameof(Person) && a.EntityId == person.Id.ToString())
            .Select(a => a.Changes).SingleAsync());

        Assert.DoesNotContain(number, changes, StringComparison.Ordinal);
        Assert.Contains(IdNumbers.Mask(number), changes, StringComparison.Ordinal);
    }
}
