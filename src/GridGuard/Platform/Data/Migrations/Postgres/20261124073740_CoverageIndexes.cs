using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoverageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Persons_JurisdictionId_Status_BirthDate_HouseholdId",
                table: "Persons",
                columns: new[] { "JurisdictionId", "Status", "BirthDate", "HouseholdId" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_JurisdictionId_StewardId_Address",
                table: "Households",
                columns: new[] { "JurisdictionId", "StewardId", "Address" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Persons_JurisdictionId_Status_BirthDate_HouseholdId",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_Households_JurisdictionId_StewardId_Address",
                table: "Households");
        }
    }
}
