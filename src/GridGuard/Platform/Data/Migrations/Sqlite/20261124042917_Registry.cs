using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Registry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Canvasses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Canvasses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Canvasses_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Rewards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TipId = table.Column<Guid>(type: "TEXT", nullable: true),
                    KeyPersonFlagId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RecipientPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rewards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rewards_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Tips",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    SubjectAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TipsterName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    TipsterPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    SenderHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    KeyPersonFlagId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tips_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Venues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ResponsibleName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ResponsiblePhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    NonLocalStaff = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Venues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Venues_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HouseholdMemberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdMemberships", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Households",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Room = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    HeadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StewardId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IsRental = table.Column<bool>(type: "INTEGER", nullable: false),
                    LandlordName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    LandlordPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Households_AspNetUsers_StewardId",
                        column: x => x.StewardId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Households_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HouseholdVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CanvassId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HouseholdVisits_AspNetUsers_VisitorId",
                        column: x => x.VisitorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HouseholdVisits_Canvasses_CanvassId",
                        column: x => x.CanvassId,
                        principalTable: "Canvasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HouseholdVisits_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HouseholdVisits_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Persons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IdType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Residency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Workplace = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Persons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Persons_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Persons_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyPersonFlags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RiskLevel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FlaggedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    FlaggedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyPersonFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyPersonFlags_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyPersonFlags_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonVulnerableGroups",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonVulnerableGroups", x => new { x.PersonId, x.Group });
                    table.ForeignKey(
                        name: "FK_PersonVulnerableGroups_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisitMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Presence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AwayPlace = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Temperature = table.Column<double>(type: "REAL", nullable: true),
                    Symptoms = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitMembers_HouseholdVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "HouseholdVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VisitMembers_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TravelStays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlaceCode = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    PlaceName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TravelStays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TravelStays_VisitMembers_VisitMemberId",
                        column: x => x.VisitMemberId,
                        principalTable: "VisitMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Canvasses_JurisdictionId_StartsOn",
                table: "Canvasses",
                columns: new[] { "JurisdictionId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMemberships_HouseholdId_To",
                table: "HouseholdMemberships",
                columns: new[] { "HouseholdId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMemberships_PersonId_From",
                table: "HouseholdMemberships",
                columns: new[] { "PersonId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_Address",
                table: "Households",
                column: "Address");

            migrationBuilder.CreateIndex(
                name: "IX_Households_HeadId",
                table: "Households",
                column: "HeadId");

            migrationBuilder.CreateIndex(
                name: "IX_Households_JurisdictionId_Id",
                table: "Households",
                columns: new[] { "JurisdictionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_StewardId",
                table: "Households",
                column: "StewardId");

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdVisits_CanvassId_HouseholdId",
                table: "HouseholdVisits",
                columns: new[] { "CanvassId", "HouseholdId" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdVisits_HouseholdId_VisitedAt",
                table: "HouseholdVisits",
                columns: new[] { "HouseholdId", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdVisits_JurisdictionId",
                table: "HouseholdVisits",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdVisits_VisitorId",
                table: "HouseholdVisits",
                column: "VisitorId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPersonFlags_JurisdictionId_Category_Status",
                table: "KeyPersonFlags",
                columns: new[] { "JurisdictionId", "Category", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyPersonFlags_PersonId",
                table: "KeyPersonFlags",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_HouseholdId",
                table: "Persons",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_IdNumber",
                table: "Persons",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_IdType_IdNumber",
                table: "Persons",
                columns: new[] { "IdType", "IdNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Persons_JurisdictionId_Id",
                table: "Persons",
                columns: new[] { "JurisdictionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Persons_Name",
                table: "Persons",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_Phone",
                table: "Persons",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_PersonVulnerableGroups_Group",
                table: "PersonVulnerableGroups",
                column: "Group");

            migrationBuilder.CreateIndex(
                name: "IX_Rewards_JurisdictionId",
                table: "Rewards",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_Rewards_TipId",
                table: "Rewards",
                column: "TipId");

            migrationBuilder.CreateIndex(
                name: "IX_Tips_JurisdictionId_Status",
                table: "Tips",
                columns: new[] { "JurisdictionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Tips_SenderHash_CreatedAt",
                table: "Tips",
                columns: new[] { "SenderHash", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tips_TipsterPhone_CreatedAt",
                table: "Tips",
                columns: new[] { "TipsterPhone", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TravelStays_VisitMemberId",
                table: "TravelStays",
                column: "VisitMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Venues_JurisdictionId_Kind",
                table: "Venues",
                columns: new[] { "JurisdictionId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Venues_Name",
                table: "Venues",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_VisitMembers_PersonId",
                table: "VisitMembers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitMembers_VisitId",
                table: "VisitMembers",
                column: "VisitId");

            migrationBuilder.AddForeignKey(
                name: "FK_HouseholdMemberships_Households_HouseholdId",
                table: "HouseholdMemberships",
                column: "HouseholdId",
                principalTable: "Households",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_HouseholdMemberships_Persons_PersonId",
                table: "HouseholdMemberships",
                column: "PersonId",
                principalTable: "Persons",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Households_Persons_HeadId",
                table: "Households",
                column: "HeadId",
                principalTable: "Persons",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Persons_Households_HouseholdId",
                table: "Persons");

            migrationBuilder.DropTable(
                name: "HouseholdMemberships");

            migrationBuilder.DropTable(
                name: "KeyPersonFlags");

            migrationBuilder.DropTable(
                name: "PersonVulnerableGroups");

            migrationBuilder.DropTable(
                name: "Rewards");

            migrationBuilder.DropTable(
                name: "Tips");

            migrationBuilder.DropTable(
                name: "TravelStays");

            migrationBuilder.DropTable(
                name: "Venues");

            migrationBuilder.DropTable(
                name: "VisitMembers");

            migrationBuilder.DropTable(
                name: "HouseholdVisits");

            migrationBuilder.DropTable(
                name: "Canvasses");

            migrationBuilder.DropTable(
                name: "Households");

            migrationBuilder.DropTable(
                name: "Persons");
        }
    }
}
