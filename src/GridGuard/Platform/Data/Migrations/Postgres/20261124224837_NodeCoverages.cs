using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Postgres
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
                    JurisdictionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Changes = table.Column<long>(type: "bigint", nullable: false),
                    ComputedAt = table.Column<long>(type: "bigint", nullable: false),
                    ComputedFor = table.Column<DateOnly>(type: "date", nullable: true),
                    CanvassId = table.Column<Guid>(type: "uuid", nullable: true),
                    Households = table.Column<int>(type: "integer", nullable: false),
                    Persons = table.Column<int>(type: "integer", nullable: false),
                    HouseholdsWithoutSteward = table.Column<int>(type: "integer", nullable: false),
                    HouseholdsWithoutAddress = table.Column<int>(type: "integer", nullable: false),
                    PersonsWithoutHousehold = table.Column<int>(type: "integer", nullable: false),
                    HouseholdsUnvisited = table.Column<int>(type: "integer", nullable: false),
                    KeyPersons = table.Column<int>(type: "integer", nullable: false),
                    KeyPersonsByCategory = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    VulnerableGroups = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
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
