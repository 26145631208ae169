using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NodeCoverages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NodeCoverages",
                columns: table => new
                {
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Changes = table.Column<long>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ComputedFor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CanvassId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    Persons = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdsWithoutSteward = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdsWithoutAddress = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonsWithoutHousehold = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdsUnvisited = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyPersons = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyPersonsByCategory = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    VulnerableGroups = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NodeCoverages", x => x.JurisdictionId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NodeCoverages");
        }
    }
}
