using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TaskInboxIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkTasks_JurisdictionId_Status_Priority_DueAt",
                table: "WorkTasks");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_JurisdictionId_Status_Priority_DueAt_Id",
                table: "WorkTasks",
                columns: new[] { "JurisdictionId", "Status", "Priority", "DueAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkTasks_JurisdictionId_Status_Priority_DueAt_Id",
                table: "WorkTasks");

            migrationBuilder.CreateIndex(
                name: "IX_WorkTasks_JurisdictionId_Status_Priority_DueAt",
                table: "WorkTasks",
                columns: new[] { "JurisdictionId", "Status", "Priority", "DueAt" });
        }
    }
}
