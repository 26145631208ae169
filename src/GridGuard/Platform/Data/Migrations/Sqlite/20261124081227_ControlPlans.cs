using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ControlPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArrivalReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IdType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StayAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FromPlaceCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    FromPlaceName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DepartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ArrivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TestDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TestNegative = table.Column<bool>(type: "INTEGER", nullable: true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FiledById = table.Column<Guid>(type: "TEXT", nullable: true),
                    SenderHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArrivalReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArrivalReports_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrivalReports_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsShipped = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RiskAreas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlaceCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PlaceName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SubArea = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskAreas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ArrivalStays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArrivalReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlaceCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PlaceName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SubArea = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArrivalStays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArrivalStays_ArrivalReports_ArrivalReportId",
                        column: x => x.ArrivalReportId,
                        principalTable: "ArrivalReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ControlPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RiskLevel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Anchor = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PolicyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PolicyVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ManualDecisionRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    ManualDecisionReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Exception = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ExceptionReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OneOff = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ConfirmedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlPlans_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ControlPlans_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ControlPlans_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanPhases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ControlPlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RuleKind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    End = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ChecksPerDay = table.Column<int>(type: "INTEGER", nullable: false),
                    DailyVisits = table.Column<bool>(type: "INTEGER", nullable: false),
                    Elapsed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanPhases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanPhases_ControlPlans_ControlPlanId",
                        column: x => x.ControlPlanId,
                        principalTable: "ControlPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanTests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ControlPlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Within24hOf = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Covers = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    SampledOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResultAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanTests_ControlPlans_ControlPlanId",
                        column: x => x.ControlPlanId,
                        principalTable: "ControlPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArrivalReports_IdNumber",
                table: "ArrivalReports",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ArrivalReports_JurisdictionId_Status_CreatedAt",
                table: "ArrivalReports",
                columns: new[] { "JurisdictionId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ArrivalReports_PersonId",
                table: "ArrivalReports",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ArrivalReports_SenderHash_CreatedAt",
                table: "ArrivalReports",
                columns: new[] { "SenderHash", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ArrivalStays_ArrivalReportId",
                table: "ArrivalStays",
                column: "ArrivalReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlPlans_JurisdictionId_Status_EndsOn",
                table: "ControlPlans",
                columns: new[] { "JurisdictionId", "Status", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlPlans_PersonId_Status",
                table: "ControlPlans",
                columns: new[] { "PersonId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlPlans_PolicyId",
                table: "ControlPlans",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlPlans_Status_PolicyId",
                table: "ControlPlans",
                columns: new[] { "Status", "PolicyId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanPhases_ControlPlanId_Number",
                table: "PlanPhases",
                columns: new[] { "ControlPlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanTests_ControlPlanId_Due",
                table: "PlanTests",
                columns: new[] { "ControlPlanId", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanTests_Due_Result",
                table: "PlanTests",
                columns: new[] { "Due", "Result" });

            migrationBuilder.CreateIndex(
                name: "IX_Policies_EffectiveOn",
                table: "Policies",
                column: "EffectiveOn");

            migrationBuilder.CreateIndex(
                name: "IX_Policies_Name_Version",
                table: "Policies",
                columns: new[] { "Name", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskAreas_From",
                table: "RiskAreas",
                column: "From");

            migrationBuilder.CreateIndex(
                name: "IX_RiskAreas_PlaceCode_From",
                table: "RiskAreas",
                columns: new[] { "PlaceCode", "From" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArrivalStays");

            migrationBuilder.DropTable(
                name: "PlanPhases");

            migrationBuilder.DropTable(
                name: "PlanTests");

            migrationBuilder.DropTable(
                name: "RiskAreas");

            migrationBuilder.DropTable(
                name: "ArrivalReports");

            migrationBuilder.DropTable(
                name: "ControlPlans");

            migrationBuilder.DropTable(
                name: "Policies");
        }
    }
}
