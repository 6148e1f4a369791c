using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts_creditors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Waterfall = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    MinimumInstalmentMinor = table.Column<long>(type: "bigint", nullable: false),
                    SettlementDiscountMinPercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    SettlementDiscountMaxPercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_creditors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "accounts_import_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DryRun = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    StartedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    RowsRead = table.Column<long>(type: "bigint", nullable: false),
                    RowsAccepted = table.Column<long>(type: "bigint", nullable: false),
                    RowsRejected = table.Column<long>(type: "bigint", nullable: false),
                    AccountsCreated = table.Column<long>(type: "bigint", nullable: false),
                    AccountsUpdated = table.Column<long>(type: "bigint", nullable: false),
                    AccountsUnchanged = table.Column<long>(type: "bigint", nullable: false),
                    Failure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_import_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_roles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_users",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payments_ledger_accounts",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Waterfall = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    PrincipalMinor = table.Column<long>(type: "bigint", nullable: false),
                    InterestMinor = table.Column<long>(type: "bigint", nullable: false),
                    FeesMinor = table.Column<long>(type: "bigint", nullable: false),
                    CreditMinor = table.Column<long>(type: "bigint", nullable: false),
                    OutstandingMinor = table.Column<long>(type: "bigint", nullable: false),
                    PlacedPrincipalMinor = table.Column<long>(type: "bigint", nullable: false),
                    PlacedInterestMinor = table.Column<long>(type: "bigint", nullable: false),
                    PlacedFeesMinor = table.Column<long>(type: "bigint", nullable: false),
                    EntryCount = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_ledger_accounts", x => x.AccountId);
                });

            migrationBuilder.CreateTable(
                name: "accounts_customers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditorId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GivenName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FamilyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DateOfBirth = table.Column<LocalDate>(type: "date", nullable: true),
                    Language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_customers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_customers_accounts_creditors_CreditorId",
                        column: x => x.CreditorId,
                        principalTable: "accounts_creditors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accounts_import_rejects",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    RowNumber = table.Column<long>(type: "bigint", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    AccountRef = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_import_rejects", x => new { x.ImportId, x.RowNumber, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_accounts_import_rejects_accounts_import_runs_ImportId",
                        column: x => x.ImportId,
                        principalTable: "accounts_import_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_role_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_role_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identity_role_claims_identity_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "identity_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_user_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identity_user_claims_identity_users_UserId",
                        column: x => x.UserId,
                        principalTable: "identity_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_logins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_user_logins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_identity_user_logins_identity_users_UserId",
                        column: x => x.UserId,
                        principalTable: "identity_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_roles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_user_roles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_identity_user_roles_identity_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "identity_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_identity_user_roles_identity_users_UserId",
                        column: x => x.UserId,
                        principalTable: "identity_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_tokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_user_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_identity_user_tokens_identity_users_UserId",
                        column: x => x.UserId,
                        principalTable: "identity_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_ledger_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PrincipalMinor = table.Column<long>(type: "bigint", nullable: false),
                    InterestMinor = table.Column<long>(type: "bigint", nullable: false),
                    FeesMinor = table.Column<long>(type: "bigint", nullable: false),
                    CreditMinor = table.Column<long>(type: "bigint", nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReversesEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    Provider = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ProviderReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_ledger_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_ledger_entries_payments_ledger_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "payments_ledger_accounts",
                        principalColumn: "AccountId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accounts_accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditorId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditorReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProductType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OriginalCreditor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ChargeOffDate = table.Column<LocalDate>(type: "date", nullable: true),
                    LastPaymentDate = table.Column<LocalDate>(type: "date", nullable: true),
                    DaysPastDue = table.Column<int>(type: "integer", nullable: false),
                    DelinquencyBucket = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StatuteOfLimitationsDate = table.Column<LocalDate>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PlacedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    PlacementHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_accounts_accounts_creditors_CreditorId",
                        column: x => x.CreditorId,
                        principalTable: "accounts_creditors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_accounts_accounts_accounts_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "accounts_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accounts_addresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PostalCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Jurisdiction = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_addresses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_addresses_accounts_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "accounts_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_emails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Address = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ConsentToEmail = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_emails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_emails_accounts_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "accounts_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_phones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    E164 = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ConsentToCall = table.Column<bool>(type: "boolean", nullable: false),
                    ConsentToSms = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_phones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_phones_accounts_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "accounts_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_account_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: true),
                    Field = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OldValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NewValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_account_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_account_changes_accounts_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_holds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    StartsAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    PlannedEndAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    ResumesAutomatically = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SetBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EndedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EndReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_holds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_holds_accounts_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_accounts_holds_accounts_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "accounts_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accounts_statements",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatementDate = table.Column<LocalDate>(type: "date", nullable: false),
                    AmountDueMinor = table.Column<long>(type: "bigint", nullable: false),
                    MinimumDueMinor = table.Column<long>(type: "bigint", nullable: false),
                    AmountPaidMinor = table.Column<long>(type: "bigint", nullable: false),
                    DaysPastDue = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_statements", x => new { x.AccountId, x.StatementDate });
                    table.ForeignKey(
                        name: "FK_accounts_statements_accounts_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_account_changes_AccountId_At",
                table: "accounts_account_changes",
                columns: new[] { "AccountId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_accounts_CreditorId_CreditorReference",
                table: "accounts_accounts",
                columns: new[] { "CreditorId", "CreditorReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_accounts_CustomerId",
                table: "accounts_accounts",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_accounts_Status_DelinquencyBucket",
                table: "accounts_accounts",
                columns: new[] { "Status", "DelinquencyBucket" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_addresses_CustomerId",
                table: "accounts_addresses",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_creditors_Code",
                table: "accounts_creditors",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_customers_CreditorId_CustomerReference",
                table: "accounts_customers",
                columns: new[] { "CreditorId", "CustomerReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_customers_FamilyName",
                table: "accounts_customers",
                column: "FamilyName");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_emails_CustomerId_Address",
                table: "accounts_emails",
                columns: new[] { "CustomerId", "Address" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_holds_AccountId",
                table: "accounts_holds",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_holds_CustomerId_EndedAt",
                table: "accounts_holds",
                columns: new[] { "CustomerId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_import_runs_StartedAt",
                table: "accounts_import_runs",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_phones_CustomerId_E164",
                table: "accounts_phones",
                columns: new[] { "CustomerId", "E164" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_role_claims_RoleId",
                table: "identity_role_claims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "identity_roles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_user_claims_UserId",
                table: "identity_user_claims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_identity_user_logins_UserId",
                table: "identity_user_logins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_identity_user_roles_RoleId",
                table: "identity_user_roles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "identity_users",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "identity_users",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_accounts_OutstandingMinor",
                table: "payments_ledger_accounts",
                column: "OutstandingMinor");

            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_entries_AccountId_IdempotencyKey",
                table: "payments_ledger_entries",
                columns: new[] { "AccountId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_entries_AccountId_Sequence",
                table: "payments_ledger_entries",
                columns: new[] { "AccountId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_entries_Provider_ProviderReference",
                table: "payments_ledger_entries",
                columns: new[] { "Provider", "ProviderReference" },
                filter: "\"Provider\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_entries_ReversesEntryId",
                table: "payments_ledger_entries",
                column: "ReversesEntryId",
                unique: true,
                filter: "\"ReversesEntryId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_account_changes");

            migrationBuilder.DropTable(
                name: "accounts_addresses");

            migrationBuilder.DropTable(
                name: "accounts_emails");

            migrationBuilder.DropTable(
                name: "accounts_holds");

            migrationBuilder.DropTable(
                name: "accounts_import_rejects");

            migrationBuilder.DropTable(
                name: "accounts_phones");

            migrationBuilder.DropTable(
                name: "accounts_statements");

            migrationBuilder.DropTable(
                name: "identity_role_claims");

            migrationBuilder.DropTable(
                name: "identity_user_claims");

            migrationBuilder.DropTable(
                name: "identity_user_logins");

            migrationBuilder.DropTable(
                name: "identity_user_roles");

            migrationBuilder.DropTable(
                name: "identity_user_tokens");

            migrationBuilder.DropTable(
                name: "payments_ledger_entries");

            migrationBuilder.DropTable(
                name: "accounts_import_runs");

            migrationBuilder.DropTable(
                name: "accounts_accounts");

            migrationBuilder.DropTable(
                name: "identity_roles");

            migrationBuilder.DropTable(
                name: "identity_users");

            migrationBuilder.DropTable(
                name: "payments_ledger_accounts");

            migrationBuilder.DropTable(
                name: "accounts_customers");

            migrationBuilder.DropTable(
                name: "accounts_creditors");
        }
    }
}
