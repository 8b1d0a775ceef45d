namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// Staff accounts and roles in ASP.NET Core Identity's own tables (its default schema, version 1),
/// in the same database as the orders so one backup holds both.
/// </summary>
public sealed class V005_StaffAccounts : SchemaMigration
{
    public override int Version => 5;

    public override string Name => "staff accounts";

    public override IReadOnlyList<string> Up =>
    [
        """
        CREATE TABLE AspNetRoles (
            Id TEXT NOT NULL PRIMARY KEY,
            Name TEXT NULL,
            NormalizedName TEXT NULL,
            ConcurrencyStamp TEXT NULL)
        """,
        """
        CREATE TABLE AspNetUsers (
            Id TEXT NOT NULL PRIMARY KEY,
            UserName TEXT NULL,
            NormalizedUserName TEXT NULL,
            Email TEXT NULL,
            NormalizedEmail TEXT NULL,
            EmailConfirmed INTEGER NOT NULL,
            PasswordHash TEXT NULL,
            SecurityStamp TEXT NULL,
            ConcurrencyStamp TEXT NULL,
            PhoneNumber TEXT NULL,
            PhoneNumberConfirmed INTEGER NOT NULL,
            TwoFactorEnabled INTEGER NOT NULL,
            LockoutEnd TEXT NULL,
            LockoutEnabled INTEGER NOT NULL,
            AccessFailedCount INTEGER NOT NULL)
        """,
        """
        CREATE TABLE AspNetRoleClaims (
            Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            RoleId TEXT NOT NULL REFERENCES AspNetRoles (Id) ON DELETE CASCADE,
            ClaimType TEXT NULL,
            ClaimValue TEXT NULL)
        """,
        """
        CREATE TABLE AspNetUserClaims (
            Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            UserId TEXT NOT NULL REFERENCES AspNetUsers (Id) ON DELETE CASCADE,
            ClaimType TEXT NULL,
            ClaimValue TEXT NULL)
        """,
        """
        CREATE TABLE AspNetUserLogins (
            LoginProvider TEXT NOT NULL,
            ProviderKey TEXT NOT NULL,
            ProviderDisplayName TEXT NULL,
            UserId TEXT NOT NULL REFERENCES AspNetUsers (Id) ON DELETE CASCADE,
            PRIMARY KEY (LoginProvider, ProviderKey))
        """,
        """
        CREATE TABLE AspNetUserRoles (
            UserId TEXT NOT NULL REFERENCES AspNetUsers (Id) ON DELETE CASCADE,
            RoleId TEXT NOT NULL REFERENCES AspNetRoles (Id) ON DELETE CASCADE,
            PRIMARY KEY (UserId, RoleId))
        """,
        """
        CREATE TABLE AspNetUserTokens (
            UserId TEXT NOT NULL REFERENCES AspNetUsers (Id) ON DELETE CASCADE,
            LoginProvider TEXT NOT NULL,
            Name TEXT NOT NULL,
            Value TEXT NULL,
            PRIMARY KEY (UserId, LoginProvider, Name))
        """,
        "CREATE UNIQUE INDEX RoleNameIndex ON AspNetRoles (NormalizedName)",
        "CREATE INDEX EmailIndex ON AspNetUsers (NormalizedEmail)",
        "CREATE UNIQUE INDEX UserNameIndex ON AspNetUsers (NormalizedUserName)",
        "CREATE INDEX IX_AspNetRoleClaims_RoleId ON AspNetRoleClaims (RoleId)",
        "CREATE INDEX IX_AspNetUserClaims_UserId ON AspNetUserClaims (UserId)",
        "CREATE INDEX IX_AspNetUserLogins_UserId ON AspNetUserLogins (UserId)",
        "CREATE INDEX IX_AspNetUserRoles_RoleId ON AspNetUserRoles (RoleId)",
    ];
}
