using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoundPreparing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
