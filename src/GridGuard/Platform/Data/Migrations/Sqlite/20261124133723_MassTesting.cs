using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MassTesting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "ControlPlanId",
                table: "WorkTasks",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "RoundId",
                table: "WorkTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MassTestingRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Population = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MassTestingRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MassTestingRounds_AspNetUsers_OpenedById",
                        column: x => x.OpenedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MassTestingRounds_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoundMembers",
                columns: table => new
                {
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstSampledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Samplings = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Exemption = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ExemptionReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ExemptedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExemptedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundMembers", x => new { x.RoundId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_RoundMembers_AspNetUsers_ExemptedById",
                        column: x => x.ExemptedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoundMembers_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoundMembers_MassTestingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "MassTestingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RoundMembers_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoundTallies",
                columns: table => new
                {
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Expected = table.Column<int>(type: "INTEGER", nullable: false),
                    Exempt = table.Column<int>(type: "INTEGER", nullable: false),
                    Sampled = table.Column<int>(type: "INTEGER", nullable: false),
                    SampledExempt = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundTallies", x => new { x.RoundId, x.JurisdictionId });
                    table.ForeignKey(
                        name: "FK_RoundTallies_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoundTallies_MassTestingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "MassTestingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SamplingSites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Opens = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Closes = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Lanes = table.Column<int>(type: "INTEGER", nullable: false),
                    Staff = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SamplingSites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SamplingSites_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SamplingSites_MassTestingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "MassTestingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SamplingSlots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GridId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SamplingSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SamplingSlots_Jurisdictions_GridId",
                        column: x => x.GridId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SamplingSlots_SamplingSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "SamplingSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Tubes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Barcode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PoolSize = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    OpenedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ResultAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResultById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CorrectionReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tubes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tubes_AspNetUsers_OpenedById",
                        column: x => x.OpenedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tubes_AspNetUsers_ResultById",
                        column: x => x.ResultById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tubes_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tubes_MassTestingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "MassTestingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Tubes_SamplingSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "SamplingSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Samplings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TubeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SampledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SamplerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Repeat = table.Column<bool>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Samplings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Samplings_AspNetUsers_SamplerId",
                        column: x => x.SamplerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samplings_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samplings_MassTestingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "MassTestingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samplings_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samplings_SamplingSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "SamplingSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samplings_Tubes_TubeId",
                        column: x => x.TubeId,
                        principalTable: "Tubes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_RoundId_Kind",
                table: "WorkTasks",
                columns: new[] { "RoundId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_MassTestingRounds_JurisdictionId_OpenedAt",
                table: "MassTestingRounds",
                columns: new[] { "JurisdictionId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MassTestingRounds_OpenedById",
                table: "MassTestingRounds",
                column: "OpenedById");

            migrationBuilder.CreateIndex(
                name: "IX_RoundMembers_ExemptedById",
                table: "RoundMembers",
                column: "ExemptedById");

            migrationBuilder.CreateIndex(
                name: "IX_RoundMembers_JurisdictionId",
                table: "RoundMembers",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_RoundMembers_PersonId_RoundId",
                table: "RoundMembers",
                columns: new[] { "PersonId", "RoundId" });

            migrationBuilder.CreateIndex(
                name: "IX_RoundMembers_RoundId_JurisdictionId_FirstSampledAt",
                table: "RoundMembers",
                columns: new[] { "RoundId", "JurisdictionId", "FirstSampledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RoundTallies_JurisdictionId",
                table: "RoundTallies",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_Samplings_ClientId",
                table: "Samplings",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Samplings_JurisdictionId",
                table: "Samplings",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_Samplings_PersonId_SampledAt",
                table: "Samplings",
                columns: new[] { "PersonId", "SampledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Samplings_RoundId_PersonId",
                table: "Samplings",
                columns: new[] { "RoundId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Samplings_SamplerId",
                table: "Samplings",
                column: "SamplerId");

            migrationBuilder.CreateIndex(
                name: "IX_Samplings_SiteId",
                table: "Samplings",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Samplings_TubeId",
                table: "Samplings",
                column: "TubeId");

            migrationBuilder.CreateIndex(
                name: "IX_SamplingSites_JurisdictionId",
                table: "SamplingSites",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_SamplingSites_RoundId_Name",
                table: "SamplingSites",
                columns: new[] { "RoundId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SamplingSlots_GridId_StartsAt",
                table: "SamplingSlots",
                columns: new[] { "GridId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SamplingSlots_SiteId_StartsAt",
                table: "SamplingSlots",
                columns: new[] { "SiteId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tubes_Barcode",
                table: "Tubes",
                column: "Barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tubes_JurisdictionId",
                table: "Tubes",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_Tubes_OpenedById",
                table: "Tubes",
                column: "OpenedById");

            migrationBuilder.CreateIndex(
                name: "IX_Tubes_ResultById",
                table: "Tubes",
                column: "ResultById");

            migrationBuilder.CreateIndex(
                name: "IX_Tubes_RoundId_Status",
                table: "Tubes",
                columns: new[] { "RoundId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Tubes_SiteId",
                table: "Tubes",
                column: "SiteId");

            migrationBuilder.AddForeignKey(
                name: "FK_WorkTasks_MassTestingRounds_RoundId",
                table: "WorkTasks",
                column: "RoundId",
                principalTable: "MassTestingRounds",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_WorkTasks_MassTestingRounds_RoundId",
                table: "WorkTasks");

            migrationBuilder.DropTable(
                name: "RoundMembers");

            migrationBuilder.DropTable(
                name: "RoundTallies");

            migrationBuilder.DropTable(
                name: "Samplings");

            migrationBuilder.DropTable(
                name: "SamplingSlots");

            migrationBuilder.DropTable(
                name: "Tubes");

            migrationBuilder.DropTable(
                name: "SamplingSites");

            migrationBuilder.DropTable(
                name: "MassTestingRounds");

            migrationBuilder.DropIndex(
                name: "IX_WorkTasks_RoundId_Kind",
                table: "WorkTasks");

            migrationBuilder.DropColumn(
                name: "RoundId",
                table: "WorkTasks");

            migrationBuilder.AlterColumn<Guid>(
                name: "ControlPlanId",
                table: "WorkTasks",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
