using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Huying.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Projects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Agreements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PartnerUnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Commitments = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RenewsId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agreements_PartnerUnits_PartnerUnitId",
                        column: x => x.PartnerUnitId,
                        principalTable: "PartnerUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InServiceMembers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PartnerUnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    PhoneCipher = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PhoneHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PhoneMasked = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    ReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InServiceMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InServiceMembers_PartnerUnits_PartnerUnitId",
                        column: x => x.PartnerUnitId,
                        principalTable: "PartnerUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JointMeetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    HeldAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AgendaNeedIds = table.Column<string>(type: "TEXT", nullable: false),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointMeetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Needs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    GridId = table.Column<long>(type: "INTEGER", nullable: true),
                    BuildingId = table.Column<long>(type: "INTEGER", nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PeopleAffected = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DropReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MatterIds = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AdoptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MetAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Needs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Projects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BuildingId = table.Column<long>(type: "INTEGER", nullable: true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    StartOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MilestoneCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MilestonesDone = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedEndOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NextDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AcceptanceRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AcceptanceNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AcceptedWith = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SentBackReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RatingCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SatisfiedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Projects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceTasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedId = table.Column<long>(type: "INTEGER", nullable: true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: true),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Places = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JointMeetingAttendees",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerUnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    Present = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointMeetingAttendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JointMeetingAttendees_JointMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "JointMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NeedOffers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NeedId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerUnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    OfferedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NeedOffers_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NeedOffers_PartnerUnits_PartnerUnitId",
                        column: x => x.PartnerUnitId,
                        principalTable: "PartnerUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Commendations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PartnerUnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Words = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Commendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Commendations_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Milestones",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PartnerUnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Budget = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Workers = table.Column<int>(type: "INTEGER", nullable: true),
                    Materials = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Milestones_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressUpdates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PartnerUnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    MilestoneId = table.Column<long>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressUpdates_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectNeeds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    NeedId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectNeeds_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProjectNeeds_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectRatings_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectUnits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerUnitId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectUnits_PartnerUnits_PartnerUnitId",
                        column: x => x.PartnerUnitId,
                        principalTable: "PartnerUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProjectUnits_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TaskId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerUnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: true),
                    ServedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SignedUpAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_InServiceMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "InServiceMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ServiceRecords_ServiceTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "ServiceTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_CommunityCode_PartnerUnitId",
                table: "Agreements",
                columns: new[] { "CommunityCode", "PartnerUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_PartnerUnitId",
                table: "Agreements",
                column: "PartnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Commendations_CommunityCode_ReceivedOn",
                table: "Commendations",
                columns: new[] { "CommunityCode", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Commendations_ProjectId",
                table: "Commendations",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_InServiceMembers_CommunityCode_PartnerUnitId",
                table: "InServiceMembers",
                columns: new[] { "CommunityCode", "PartnerUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_InServiceMembers_PartnerUnitId",
                table: "InServiceMembers",
                column: "PartnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_InServiceMembers_PersonId",
                table: "InServiceMembers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_JointMeetingAttendees_MeetingId",
                table: "JointMeetingAttendees",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_JointMeetingAttendees_PartnerUnitId",
                table: "JointMeetingAttendees",
                column: "PartnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_JointMeetings_CommunityCode_HeldAt",
                table: "JointMeetings",
                columns: new[] { "CommunityCode", "HeldAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_ProjectId",
                table: "Milestones",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_NeedOffers_NeedId_PartnerUnitId",
                table: "NeedOffers",
                columns: new[] { "NeedId", "PartnerUnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NeedOffers_PartnerUnitId",
                table: "NeedOffers",
                column: "PartnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_CommunityCode_BuildingId_CategoryCode",
                table: "Needs",
                columns: new[] { "CommunityCode", "BuildingId", "CategoryCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_CommunityCode_Status",
                table: "Needs",
                columns: new[] { "CommunityCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressUpdates_ProjectId",
                table: "ProgressUpdates",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectNeeds_NeedId",
                table: "ProjectNeeds",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectNeeds_ProjectId_NeedId",
                table: "ProjectNeeds",
                columns: new[] { "ProjectId", "NeedId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectRatings_ProjectId",
                table: "ProjectRatings",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_CommunityCode_Status",
                table: "Projects",
                columns: new[] { "CommunityCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectUnits_PartnerUnitId",
                table: "ProjectUnits",
                column: "PartnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectUnits_ProjectId_PartnerUnitId",
                table: "ProjectUnits",
                columns: new[] { "ProjectId", "PartnerUnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_MemberId",
                table: "ServiceRecords",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_PartnerUnitId",
                table: "ServiceRecords",
                column: "PartnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_TaskId_MemberId",
                table: "ServiceRecords",
                columns: new[] { "TaskId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTasks_CommunityCode_On",
                table: "ServiceTasks",
                columns: new[] { "CommunityCode", "On" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Agreements");

            migrationBuilder.DropTable(
                name: "Commendations");

            migrationBuilder.DropTable(
                name: "JointMeetingAttendees");

            migrationBuilder.DropTable(
                name: "Milestones");

            migrationBuilder.DropTable(
                name: "NeedOffers");

            migrationBuilder.DropTable(
                name: "ProgressUpdates");

            migrationBuilder.DropTable(
                name: "ProjectNeeds");

            migrationBuilder.DropTable(
                name: "ProjectRatings");

            migrationBuilder.DropTable(
                name: "ProjectUnits");

            migrationBuilder.DropTable(
                name: "ServiceRecords");

            migrationBuilder.DropTable(
                name: "JointMeetings");

            migrationBuilder.DropTable(
                name: "Needs");

            migrationBuilder.DropTable(
                name: "Projects");

            migrationBuilder.DropTable(
                name: "InServiceMembers");

            migrationBuilder.DropTable(
                name: "ServiceTasks");
        }
    }
}
