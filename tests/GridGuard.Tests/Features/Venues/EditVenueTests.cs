using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Venues;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Venues;

[Collection(AppCollection.Name)]
public sealed class EditVenueTests(AppFactory app)
{
    private Task<List<AuditEntry>> AuditAsync(Guid id) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Venue) && a.EntityId == id.ToString()).ToListAsync());

    [Fact]
    public async Task EditVenue_ChangedFields_AreSavedAndAuditedFieldByField()
    {
        var g = await TwoGridsAsync(app);
        var name = VenueData.NewTag() + "饭店";
        var id = await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, name, b => b["nonLocalStaff"] = 0);

        var response = await g.A.PutAsJsonAsync($"/api/venues/{id}", VenueData.Body(g.Tree.Grid1.Id, name + "新", b =>
        {
            b["kind"] = "Restaurant";
            b["nonLocalStaff"] = 7;
            b["responsiblePhone"] = "0877-2123456";
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var venue = (await response.Content.ReadFromJsonAsync<GetVenue.Response>(TestJson.Options))!;
        Assert.Equal((name + "新", VenueKind.Restaurant, 7, "0877-2123456"), (venue.Name, venue.Kind, venue.NonLocalStaff, venue.ResponsiblePhone));
        var line = Assert.Single(await AuditAsync(id), a => a.Action == AuditAction.Modified);
        Assert.Equal(g.Tree.Grid1.Id, line.JurisdictionId);
        Assert.Contains($"\"Name\":[\"{name}\",\"{name}新\"]", line.Changes, StringComparison.Ordinal);
        Assert.Contains("\"Kind\":[\"Hotel\",\"Restaurant\"]", line.Changes, StringComparison.Ordinal);
        Assert.Contains("\"NonLocalStaff\":[0,7]", line.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("Address", line.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditVenue_SameValues_WritesNoAuditLine()
    {
        var g = await TwoGridsAsync(app);
        var name = VenueData.NewTag();
        var id = await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, name);

        var response = await g.A.PutAsJsonAsync($"/api/venues/{id}", VenueData.Body(g.Tree.Grid1.Id, name));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(await AuditAsync(id), a => a.Action == AuditAction.Modified);
    }

    [Fact]
    public async Task EditVenue_BadPhone_Returns400AndChangesNothing()
    {
        var g = await TwoGridsAsync(app);
        var name = VenueData.NewTag();
        var id = await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, name);

        var response = await g.A.PutAsJsonAsync($"/api/venues/{id}", VenueData.Body(g.Tree.Grid1.Id, name, b => b["responsiblePhone"] = "0877-12"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("联系电话：", (await Problem.ReadAsync(response)).For("ResponsiblePhone"), StringComparison.Ordinal);
        Assert.Equal("13812345678", (await VenueData.GetAsync(g.A, id)).ResponsiblePhone);
    }

    [Fact]
    public async Task EditVenue_InScopeButMayNotEdit_Returns403()
    {
        var g = await TwoGridsAsync(app);
        var id = await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, VenueData.NewTag());
        var volunteer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Volunteer, g.Tree.Village1.Id)));

        var edit = await volunteer.PutAsJsonAsync($"/api/venues/{id}", VenueData.Body(g.Tree.Grid1.Id, "改名"));
        var deactivate = await volunteer.PostAsync($"/api/venues/{id}/deactivate", null);

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deactivate.StatusCode);
        Assert.False((await VenueData.GetAsync(volunteer, id)).CanEdit);
        Assert.True((await VenueData.GetAsync(g.A, id)).IsActive);
    }

    [Fact]
    public async Task SetVenueActive_DeactivateThenReactivate_KeepsTheVenueAndAuditsBoth()
    {
        var g = await TwoGridsAsync(app);
        var id = await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, VenueData.NewTag());

        var off = await g.A.PostAsync($"/api/venues/{id}/deactivate", null);
        var offAgain = await g.A.PostAsync($"/api/venues/{id}/deactivate", null);
        var inactive = await VenueData.GetAsync(g.A, id);
        var on = await g.A.PostAsync($"/api/venues/{id}/reactivate", null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (off.StatusCode, offAgain.StatusCode, on.StatusCode));
        Assert.Equal((false, "已停用"), (inactive.IsActive, inactive.StatusLabel));
        Assert.True((await VenueData.GetAsync(g.A, id)).IsActive);
        var lines = (await AuditAsync(id)).Where(a => a.Action == AuditAction.Modified).Select(a => a.Changes).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Single(lines, l => l.Contains("\"IsActive\":[true,false]", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("\"IsActive\":[false,true]", StringComparison.Ordinal));
    }
}
