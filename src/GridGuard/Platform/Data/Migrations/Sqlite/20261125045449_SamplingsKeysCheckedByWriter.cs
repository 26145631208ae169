using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Sqlite
{
    /// <summary>
    /// Empty on purpose: PostgreSQL's migration of this name drops the foreign keys of "Samplings" (ADR 15); SQLite keeps
    /// them, because its checks are plain index look-ups without row locks. Kept so both sets carry the same names.
    /// </summary>
    public partial class SamplingsKeysCheckedByWriter : Migration
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
