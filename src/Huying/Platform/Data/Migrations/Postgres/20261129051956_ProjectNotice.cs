using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Huying.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProjectNotice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NoticeId",
                table: "Projects",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NoticeId",
                table: "Projects");
        }
    }
}
