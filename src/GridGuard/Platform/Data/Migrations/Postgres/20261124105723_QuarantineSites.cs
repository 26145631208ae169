using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QuarantineSites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuarantineSites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponsibleName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ResponsiblePhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActivationStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ActivatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarantineSites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuarantineSites_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuarantineRooms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarantineRooms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuarantineRooms_QuarantineSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "QuarantineSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Transfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromAddress = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FromSiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToSiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    VehiclePlate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    NegativePressure = table.Column<bool>(type: "boolean", nullable: false),
                    Crew = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DepartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ArrivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecordedById = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Transfers_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_QuarantineSites_FromSiteId",
                        column: x => x.FromSiteId,
                        principalTable: "QuarantineSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_QuarantineSites_ToSiteId",
                        column: x => x.ToSiteId,
                        principalTable: "QuarantineSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoomAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoomId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ControlPlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CheckedInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CheckedOutAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AssignedById = table.Column<Guid>(type: "uuid", nullable: true),
                    CheckedOutById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoomAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoomAssignments_ControlPlans_ControlPlanId",
                        column: x => x.ControlPlanId,
                        principalTable: "ControlPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoomAssignments_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoomAssignments_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoomAssignments_QuarantineRooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "QuarantineRooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoomAssignments_QuarantineSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "QuarantineSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuarantineRooms_SiteId_Code",
                table: "QuarantineRooms",
                columns: new[] { "SiteId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuarantineSites_JurisdictionId_Name",
                table: "QuarantineSites",
                columns: new[] { "JurisdictionId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuarantineSites_Status",
                table: "QuarantineSites",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_RoomAssignments_ControlPlanId",
                table: "RoomAssignments",
                column: "ControlPlanId");

            migrationBuilder.CreateIndex(
                name: "IX_RoomAssignments_JurisdictionId",
                table: "RoomAssignments",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_RoomAssignments_PersonId_CheckedInAt",
                table: "RoomAssignments",
                columns: new[] { "PersonId", "CheckedInAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RoomAssignments_PersonId_Open",
                table: "RoomAssignments",
                column: "PersonId",
                unique: true,
                filter: "\"CheckedOutAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RoomAssignments_RoomId_CheckedOutAt",
                table: "RoomAssignments",
                columns: new[] { "RoomId", "CheckedOutAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RoomAssignments_SiteId_CheckedOutAt",
                table: "RoomAssignments",
                columns: new[] { "SiteId", "CheckedOutAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_FromSiteId_DepartedAt",
                table: "Transfers",
                columns: new[] { "FromSiteId", "DepartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_JurisdictionId",
                table: "Transfers",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_PersonId_DepartedAt",
                table: "Transfers",
                columns: new[] { "PersonId", "DepartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ToSiteId_DepartedAt",
                table: "Transfers",
                columns: new[] { "ToSiteId", "DepartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RoomAssignments");

            migrationBuilder.DropTable(
                name: "Transfers");

            migrationBuilder.DropTable(
                name: "QuarantineRooms");

            migrationBuilder.DropTable(
                name: "QuarantineSites");
        }
    }
}
