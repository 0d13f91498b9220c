/** @file catalog.c  The tables PingOne offers (see catalog.h). */
#include "pingone/catalog.h"

#define EQ P1_OP_EQ
#define SW P1_OP_SW
#define EW P1_OP_EW
#define TXT(n, sz, rem) {n, SQLT_TEXT, sz, 1, rem}

/* ---- Users: /environments/{env}/users ------------------------------------ */
static const table_col users_cols[] = {
    {"Id", SQLT_TEXT, 36, 0, "Unique ID of the user (UUID)."},
    TXT("Username", 128, "Unique sign-on name of the user."),
    TXT("Email", 320, "Email address."),
    TXT("FirstName", 256, "Given name (name.given)."),
    TXT("MiddleName", 256, "Middle name (name.middle)."),
    TXT("LastName", 256, "Family name (name.family)."),
    TXT("Nickname", 256, "Casual name."),
    TXT("Title", 256, "Job title."),
    TXT("PopulationId", 36, "ID of the population the user belongs to."),
    {"IsEnabled", SQLT_BOOL, 0, 1, "Whether the user may sign on."},
    {"CreatedAt", SQLT_TIMESTAMP, 0, 1, "When the user was created (UTC)."},
    {"UpdatedAt", SQLT_TIMESTAMP, 0, 1, "When the user was last changed (UTC)."},
    TXT("ExternalId", 256, "Identifier of the user in an external system."),
    TXT("AccountId", 256, "Account identifier."),
    TXT("MobilePhone", 64, "Mobile phone number."),
    TXT("PrimaryPhone", 64, "Primary phone number."),
    TXT("Locale", 32, "Locale, e.g. en-US."),
    TXT("PreferredLanguage", 32, "Preferred language, e.g. en."),
    TXT("Timezone", 64, "Time zone, e.g. America/Denver."),
    TXT("Type", 64, "Free-text user type."),
    TXT("LifecycleStatus", 32, "Lifecycle status (ACCOUNT_OK, VERIFICATION_REQUIRED)."),
};
static const p1_col_src users_src[] = {
    {"id", EQ},
    {"username", EQ | SW},
    {"email", EQ | SW | EW},
    {"name.given", EQ | SW | EW},
    {"name.middle", EQ | SW},
    {"name.family", EQ | SW | EW},
    {"nickname", EQ | SW},
    {"title", EQ | SW},
    {"population.id", EQ},
    {"enabled", EQ},
    {"createdAt", 0},
    {"updatedAt", 0},
    {"externalId", EQ | SW},
    {"accountId", EQ | SW},
    {"mobilePhone", EQ | SW},
    {"primaryPhone", EQ | SW},
    {"locale", EQ | SW},
    {"preferredLanguage", EQ | SW},
    {"timezone", EQ | SW},
    {"type", EQ | SW},
    {"lifecycle.status", 0},
};
static const int id_pk[] = {0};
static const p1_table_src users_tsrc = {"users", "users", NULL, -1, 0, "users", users_src};

/* ---- Populations ----------------------------------------------------------- */
static const table_col pop_cols[] = {
    {"Id", SQLT_TEXT, 36, 0, "Unique ID of the population (UUID)."},
    TXT("Name", 256, "Name of the population."),
    TXT("Description", 1024, "Description."),
    {"IsDefault", SQLT_BOOL, 0, 1, "Whether this is the environment's default population."},
    {"UserCount", SQLT_INT, 10, 1, "Number of users in the population."},
};
static const p1_col_src pop_src[] = {
    {"id", EQ}, {"name", EQ | SW}, {"description", 0}, {"default", 0}, {"userCount", 0},
};
static const p1_table_src pop_tsrc = {"populations", "populations", NULL, -1, 0, "populations", pop_src};

/* ---- Groups ---------------------------------------------------------------- */
static const table_col group_cols[] = {
    {"Id", SQLT_TEXT, 36, 0, "Unique ID of the group (UUID)."},
    TXT("Name", 256, "Name of the group."),
    TXT("Description", 1024, "Description."),
    TXT("PopulationId", 36, "Population of the group; NULL for an environment-wide group."),
    TXT("ExternalId", 256, "Identifier of the group in an external system."),
};
static const p1_col_src group_src[] = {
    {"id", EQ}, {"name", EQ}, {"description", 0}, {"population.id", EQ}, {"externalId", EQ},
};
static const p1_table_src group_tsrc = {"groups", "groups", NULL, -1, 0, "groups", group_src};

/* ---- UserGroupAssociations: /users/{UserId}/memberOfGroups -------------------- */
static const table_col uga_cols[] = {
    {"UserId", SQLT_TEXT, 36, 0, "ID of the user (required in WHERE: UserId = or IN)."},
    {"GroupId", SQLT_TEXT, 36, 0, "ID of a group the user is a member of."},
    TXT("GroupName", 256, "Name of the group."),
    TXT("Type", 16, "DIRECT, or INDIRECT (through a nested group or a dynamic filter)."),
};
static const p1_col_src uga_src[] = {
    {NULL, 0}, {"id", 0}, {"name", 0}, {"type", 0},
};
static const int uga_pk[] = {0, 1};
static const p1_table_src uga_tsrc = {"memberOfGroups", "groupMemberships", "users", 0, -1,
                                      "group memberships", uga_src};

#define NCOLS(a) ((int)(sizeof a / sizeof a[0]))

static const table_fk users_fks[] = {{8, NULL, "Populations", "Id"}};
static const table_fk group_fks[] = {{3, NULL, "Populations", "Id"}};
static const table_fk uga_fks[] = {{0, NULL, "Users", "Id"}, {1, NULL, "Groups", "Id"}};

static const table_def tables[] = {
    {NULL, NULL, "Users", "TABLE", "Users of the environment.", NCOLS(users_cols), users_cols,
     1, id_pk, &users_tsrc, NCOLS(users_fks), users_fks},
    {NULL, NULL, "Populations", "TABLE", "Populations of the environment.", NCOLS(pop_cols), pop_cols,
     1, id_pk, &pop_tsrc, 0, NULL},
    {NULL, NULL, "Groups", "TABLE", "Groups of the environment.", NCOLS(group_cols), group_cols,
     1, id_pk, &group_tsrc, NCOLS(group_fks), group_fks},
    {NULL, NULL, "UserGroupAssociations", "TABLE",
     "Groups each user belongs to; needs a UserId condition.", NCOLS(uga_cols), uga_cols,
     2, uga_pk, &uga_tsrc, NCOLS(uga_fks), uga_fks},
};

_Static_assert(sizeof users_cols / sizeof users_cols[0] == sizeof users_src / sizeof users_src[0],
               "users columns and sources differ");
_Static_assert(sizeof pop_cols / sizeof pop_cols[0] == sizeof pop_src / sizeof pop_src[0],
               "population columns and sources differ");
_Static_assert(sizeof group_cols / sizeof group_cols[0] == sizeof group_src / sizeof group_src[0],
               "group columns and sources differ");
_Static_assert(sizeof uga_cols / sizeof uga_cols[0] == sizeof uga_src / sizeof uga_src[0],
               "association columns and sources differ");

int p1_catalog_count(void)
{
    return NCOLS(tables);
}

const table_def *p1_catalog_table(int i)
{
    return i >= 0 && i < NCOLS(tables) ? &tables[i] : NULL;
}
