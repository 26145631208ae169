using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HealthMonitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HealthChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ControlPlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Temperature = table.Column<double>(type: "REAL", nullable: false),
                    Symptoms = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Abnormal = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CheckedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HealthChecks_AspNetUsers_CheckedById",
                        column: x => x.CheckedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HealthChecks_ControlPlans_ControlPlanId",
                        column: x => x.ControlPlanId,
                        principalTable: "ControlPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HealthChecks_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HealthChecks_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WorkTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ControlPlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HealthCheckId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PlanTestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StewardId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EscalatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Destination = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    Vehicle = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Crew = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DispatchedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DispatchedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClosedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkTasks_AspNetUsers_ClosedById",
                        column: x => x.ClosedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkTasks_ControlPlans_ControlPlanId",
                        column: x => x.ControlPlanId,
                        principalTable: "ControlPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkTasks_HealthChecks_HealthCheckId",
                        column: x => x.HealthCheckId,
                        principalTable: "HealthChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkTasks_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkTasks_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkTasks_PlanTests_PlanTestId",
                        column: x => x.PlanTestId,
                        principalTable: "PlanTests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HealthChecks_CheckedById",
                table: "HealthChecks",
                column: "CheckedById");

            migrationBuilder.CreateIndex(
                name: "IX_HealthChecks_ControlPlanId_CheckedAt",
                table: "HealthChecks",
                columns: new[] { "ControlPlanId", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthChecks_JurisdictionId_CheckedAt",
                table: "HealthChecks",
                columns: new[] { "JurisdictionId", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthChecks_PersonId",
                table: "HealthChecks",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_ClosedById",
                table: "WorkTasks",
                column: "ClosedById");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_ControlPlanId_Kind",
                table: "WorkTasks",
                columns: new[] { "ControlPlanId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_HealthCheckId",
                table: "WorkTasks",
                column: "HealthCheckId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_JurisdictionId_Status_Priority_DueAt",
                table: "WorkTasks",
                columns: new[] { "JurisdictionId", "Status", "Priority", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_Key",
                table: "WorkTasks",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_PersonId",
                table: "WorkTasks",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_PlanTestId",
                table: "WorkTasks",
                column: "PlanTestId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_Status_EscalatedAt_DueAt",
                table: "WorkTasks",
                columns: new[] { "Status", "EscalatedAt", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkTasks");

            migrationBuilder.DropTable(
                name: "HealthChecks");
        }
    }
}
