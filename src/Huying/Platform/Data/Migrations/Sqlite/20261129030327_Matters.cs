using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Huying.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Matters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalendarDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsWorkday = table.Column<bool>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExtensionRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MatterId = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedDueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RequestedByRole = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RequestedByUserId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExtensionRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MatterCategories",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Keywords = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RespondMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolveMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    VerifyMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkingTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    AttributesJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatterCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MatterRollups",
                columns: table => new
                {
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    GridId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Submitted = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    AcceptedOnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedOnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    HandlingMinutes = table.Column<long>(type: "INTEGER", nullable: false),
                    Rated = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Reworked = table.Column<int>(type: "INTEGER", nullable: false),
                    Extended = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatterRollups", x => new { x.Period, x.CommunityCode, x.GridId, x.UnitId, x.CategoryCode });
                });

            migrationBuilder.CreateTable(
                name: "Matters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackingCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    GridId = table.Column<long>(type: "INTEGER", nullable: true),
                    BuildingId = table.Column<long>(type: "INTEGER", nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    ReporterName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ReporterPhoneCipher = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ReporterPhoneHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReporterPhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ReporterPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    HotlineOrderNo = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Open311ClientId = table.Column<long>(type: "INTEGER", nullable: true),
                    Open311Token = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    AttributesJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Handler = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedDay = table.Column<int>(type: "INTEGER", nullable: false),
                    RespondDueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolveDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnitDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VerifyDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RateUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WarnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextNoticeAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RejectReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MergedIntoId = table.Column<long>(type: "INTEGER", nullable: true),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    RatingComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ExtensionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Counted = table.Column<bool>(type: "INTEGER", nullable: false),
                    WasAccepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    AcceptedOnTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    WasResolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    ResolvedOnTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    HandlingMinutes = table.Column<long>(type: "INTEGER", nullable: false),
                    Rated = table.Column<bool>(type: "INTEGER", nullable: false),
                    Satisfied = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Matters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Open311Clients",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApiKeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    JurisdictionId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Open311Clients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Supervisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MatterId = table.Column<long>(type: "INTEGER", nullable: false),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    GridId = table.Column<long>(type: "INTEGER", nullable: true),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Handler = table.Column<int>(type: "INTEGER", nullable: false),
                    AddressedTo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Supervisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MatterEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MatterId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    FromState = table.Column<int>(type: "INTEGER", nullable: true),
                    ToState = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorUserId = table.Column<long>(type: "INTEGER", nullable: true),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ActorUnit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Internal = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatterEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatterEvents_Matters_MatterId",
                        column: x => x.MatterId,
                        principalTable: "Matters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MatterId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    GridId = table.Column<long>(type: "INTEGER", nullable: true),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    Audience = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    PhoneCipher = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_Matters_MatterId",
                        column: x => x.MatterId,
                        principalTable: "Matters",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarDays_Date",
                table: "CalendarDays",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExtensionRequests_MatterId_Status",
                table: "ExtensionRequests",
                columns: new[] { "MatterId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MatterCategories_Code",
                table: "MatterCategories",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MatterEvents_MatterId_Id",
                table: "MatterEvents",
                columns: new[] { "MatterId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Matters_CommunityCode_State_DueAt",
                table: "Matters",
                columns: new[] { "CommunityCode", "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Matters_CommunityCode_SubmittedAt",
                table: "Matters",
                columns: new[] { "CommunityCode", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Matters_GridId_State_DueAt",
                table: "Matters",
                columns: new[] { "GridId", "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Matters_HotlineOrderNo",
                table: "Matters",
                column: "HotlineOrderNo",
                unique: true,
                filter: "\"HotlineOrderNo\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Matters_NextNoticeAt_Id",
                table: "Matters",
                columns: new[] { "NextNoticeAt", "Id" },
                filter: "\"NextNoticeAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Matters_Open311Token",
                table: "Matters",
                column: "Open311Token",
                unique: true,
                filter: "\"Open311Token\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Matters_TrackingCode",
                table: "Matters",
                column: "TrackingCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Matters_UnitId_State",
                table: "Matters",
                columns: new[] { "UnitId", "State" },
                filter: "\"UnitId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Channel_DeliveredAt_NextAttemptAt",
                table: "Notifications",
                columns: new[] { "Channel", "DeliveredAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_CommunityCode_CreatedAt",
                table: "Notifications",
                columns: new[] { "CommunityCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_MatterId",
                table: "Notifications",
                column: "MatterId");

            migrationBuilder.CreateIndex(
                name: "IX_Open311Clients_ApiKeyHash",
                table: "Open311Clients",
                column: "ApiKeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Supervisions_CommunityCode_CreatedAt",
                table: "Supervisions",
                columns: new[] { "CommunityCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Supervisions_MatterId_Kind_DueAt",
                table: "Supervisions",
                columns: new[] { "MatterId", "Kind", "DueAt" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarDays");

            migrationBuilder.DropTable(
                name: "ExtensionRequests");

            migrationBuilder.DropTable(
                name: "MatterCategories");

            migrationBuilder.DropTable(
                name: "MatterEvents");

            migrationBuilder.DropTable(
                name: "MatterRollups");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "Open311Clients");

            migrationBuilder.DropTable(
                name: "Supervisions");

            migrationBuilder.DropTable(
                name: "Matters");
        }
    }
}
