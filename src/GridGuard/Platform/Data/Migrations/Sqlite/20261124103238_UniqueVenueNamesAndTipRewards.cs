using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UniqueVenueNamesAndTipRewards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Rewards_TipId",
                table: "Rewards");

            migrationBuilder.CreateIndex(
                name: "IX_Venues_JurisdictionId_Name",
                table: "Venues",
                columns: new[] { "JurisdictionId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Rewards_TipId",
                table: "Rewards",
                column: "TipId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Venues_JurisdictionId_Name",
                table: "Venues");

            migrationBuilder.DropIndex(
                name: "IX_Rewards_TipId",
                table: "Rewards");

            migrationBuilder.CreateIndex(
                name: "IX_Rewards_TipId",
                table: "Rewards",
                column: "TipId");
        }
    }
}
