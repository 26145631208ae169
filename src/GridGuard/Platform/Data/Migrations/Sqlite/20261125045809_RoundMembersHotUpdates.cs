using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoundMembersHotUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RoundMembers_RoundId_JurisdictionId_FirstSampledAt",
                table: "RoundMembers");

            migrationBuilder.CreateIndex(
                name: "IX_Samplings_PersonId_Positive",
                table: "Samplings",
                column: "PersonId",
                filter: "\"Outcome\" IN ('Positive', 'PooledPositive')");

            migrationBuilder.CreateIndex(
                name: "IX_RoundMembers_RoundId_JurisdictionId",
                table: "RoundMembers",
                columns: new[] { "RoundId", "JurisdictionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Samplings_PersonId_Positive",
                table: "Samplings");

            migrationBuilder.DropIndex(
                name: "IX_RoundMembers_RoundId_JurisdictionId",
                table: "RoundMembers");

            migrationBuilder.CreateIndex(
                name: "IX_RoundMembers_RoundId_JurisdictionId_FirstSampledAt",
                table: "RoundMembers",
                columns: new[] { "RoundId", "JurisdictionId", "FirstSampledAt" });
        }
    }
}
