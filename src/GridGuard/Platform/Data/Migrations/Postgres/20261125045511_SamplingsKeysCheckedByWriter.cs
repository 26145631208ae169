using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridGuard.Platform.Data.Migrations.Postgres
{
    /// <summary>
    /// Hand-written (ADR 15): PostgreSQL drops the six foreign keys of "Samplings". Their checks locked every referenced
    /// person, tube, round, site, node and sampler row for each sampling and made the writer's COPY 3.5 × slower than the
    /// same rows into a table without them. Only <c>SamplingWriter</c> inserts samplings, after reading every one of those
    /// rows in the same transaction, and none of them is ever deleted. The model (and its snapshot) keeps the
    /// relationships, so EF still joins through them and no later migration adds the keys back; SQLite keeps its keys
    /// (its checks are plain index look-ups), so its migration of the same name is empty.
    /// </summary>
    public partial class SamplingsKeysCheckedByWriter : Migration
    {
        private static readonly (string Name, string Column, string Table, ReferentialAction OnDelete)[] Keys =
        [
            ("FK_Samplings_AspNetUsers_SamplerId", "SamplerId", "AspNetUsers", ReferentialAction.Restrict),
            ("FK_Samplings_Jurisdictions_JurisdictionId", "JurisdictionId", "Jurisdictions", ReferentialAction.Restrict),
            ("FK_Samplings_MassTestingRounds_RoundId", "RoundId", "MassTestingRounds", ReferentialAction.Restrict),
            ("FK_Samplings_Persons_PersonId", "PersonId", "Persons", ReferentialAction.Restrict),
            ("FK_Samplings_SamplingSites_SiteId", "SiteId", "SamplingSites", ReferentialAction.Restrict),
            ("FK_Samplings_Tubes_TubeId", "TubeId", "Tubes", ReferentialAction.Cascade),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var key in Keys)
            {
                migrationBuilder.DropForeignKey(name: key.Name, table: "Samplings");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var key in Keys)
            {
                migrationBuilder.AddForeignKey(name: key.Name, table: "Samplings", column: key.Column,
                    principalTable: key.Table, principalColumn: "Id", onDelete: key.OnDelete);
            }
        }
    }
}
