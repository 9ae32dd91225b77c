using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Huying.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MatterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Matters_HotlineOrderNo",
                table: "Matters");

            migrationBuilder.DropIndex(
                name: "IX_Matters_Open311Token",
                table: "Matters");

            migrationBuilder.DropIndex(
                name: "IX_Matters_State_DueAt",
                table: "Matters");

            migrationBuilder.DropIndex(
                name: "IX_Matters_UnitId_State",
                table: "Matters");

            migrationBuilder.CreateIndex(
                name: "IX_Matters_HotlineOrderNo",
                table: "Matters",
                column: "HotlineOrderNo",
                unique: true,
                filter: "\"HotlineOrderNo\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Matters_Open311Token",
                table: "Matters",
                column: "Open311Token",
                unique: true,
                filter: "\"Open311Token\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Matters_UnitId_State",
                table: "Matters",
                columns: new[] { "UnitId", "State" },
                filter: "\"UnitId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Matters_WarnAt_Id",
                table: "Matters",
                columns: new[] { "WarnAt", "Id" },
                filter: "\"WarnAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Matters_HotlineOrderNo",
                table: "Matters");

            migrationBuilder.DropIndex(
                name: "IX_Matters_Open311Token",
                table: "Matters");

            migrationBuilder.DropIndex(
                name: "IX_Matters_UnitId_State",
                table: "Matters");

            migrationBuilder.DropIndex(
                name: "IX_Matters_WarnAt_Id",
                table: "Matters");

            migrationBuilder.CreateIndex(
                name: "IX_Matters_HotlineOrderNo",
                table: "Matters",
                column: "HotlineOrderNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Matters_Open311Token",
                table: "Matters",
                column: "Open311Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Matters_State_DueAt",
                table: "Matters",
                columns: new[] { "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Matters_UnitId_State",
                table: "Matters",
                columns: new[] { "UnitId", "State" });
        }
    }
}
