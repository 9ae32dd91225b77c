using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Huying.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GridTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GridTallies",
                columns: table => new
                {
                    GridId = table.Column<long>(type: "INTEGER", nullable: false),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    PartyMembers = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GridTallies", x => x.GridId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GridTallies_CommunityCode",
                table: "GridTallies",
                column: "CommunityCode");

            // Tally what is already there; from now on every save keeps the tallies current.
            migrationBuilder.Sql("""
                INSERT INTO "GridTallies" ("GridId", "CommunityCode", "Households", "People", "PartyMembers")
                SELECT g."Id", g."CommunityCode",
                    (SELECT COUNT(*) FROM "Households" h WHERE h."GridId" = g."Id"),
                    (SELECT COUNT(*) FROM "People" p WHERE p."GridId" = g."Id"),
                    (SELECT COUNT(*) FROM "People" p WHERE p."GridId" = g."Id" AND p."IsPartyMember")
                FROM "Grids" g
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GridTallies");
        }
    }
}
