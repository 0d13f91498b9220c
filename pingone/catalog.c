/**
 * @file catalog.c
 * The tables PingOne offers (see catalog.h), described as data: one colspec
 * row per column (name, type, size, JSON path, filter operators, remarks)
 * and one tablespec per table. p1_catalog_table() builds the table_def
 * structures from them once, adding the RawJson column to every table.
 */
#include "pingone/catalog.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>

#define EQ P1_OP_EQ
#define SW P1_OP_SW
#define EW P1_OP_EW
#define ES (P1_OP_EQ | P1_OP_SW)
#define ONE (P1_OP_EQ | P1_OP_ONE)
#define CMP (P1_OP_EQ | P1_OP_NE | P1_OP_LT | P1_OP_LE | P1_OP_GT | P1_OP_GE)

/** One column: kind K key (36, NOT NULL), T text, J JSON text, B bit, I int, L bigint,
 *  S timestamp, D double. */
typedef struct colspec {
    const char *name;
    char        kind;
    int         size;     /**< T/J: characters */
    const char *path;     /**< JSON path (catalog.h), NULL: parent key */
    unsigned    ops;
    const char *remarks;
} colspec;

/** A documented reference. */
typedef struct fkspec {
    const char *col, *ref_schema, *ref_table, *ref_col;
} fkspec;

/** One table. */
typedef struct tablespec {
    const char    *name, *type, *remarks;
    const colspec *cols;
    int            ncols;
    const char    *pk1, *pk2;          /**< primary key column names */
    const fkspec  *fks;
    int            nfk;
    const char    *collection, *key, *parent;
    const char    *parent_col, *id_col; /**< column names, may be NULL */
    const char    *noun;
    int            kind, root, no_or;
    const char    *match_path, *match_value, *explode, *member_filter;
    const char    *range_col, *range_attr;
    int            sys_id;
} tablespec;

#define N(a) ((int)(sizeof a / sizeof a[0]))
#define ID(rem) {"Id", 'K', 36, "id", EQ, rem}
#define ENVID {"EnvironmentId", 'T', 36, "environment.id", 0, "ID of the environment."}
#define CREATED {"CreatedAt", 'S', 0, "createdAt", 0, "When it was created (UTC)."}
#define UPDATED {"UpdatedAt", 'S', 0, "updatedAt", 0, "When it was last changed (UTC)."}

/* ================= environment schema ================= */

static const colspec users_cols[] = {
    {"Id", 'K', 36, "id", EQ, "Unique ID of the user (UUID)."},
    {"Username", 'T', 128, "username", ES, "Unique sign-on name of the user."},
    {"Email", 'T', 320, "email", EQ | SW | EW, "Email address."},
    {"FirstName", 'T', 256, "name.given", EQ | SW | EW, "Given name (name.given)."},
    {"MiddleName", 'T', 256, "name.middle", ES, "Middle name (name.middle)."},
    {"LastName", 'T', 256, "name.family", EQ | SW | EW, "Family name (name.family)."},
    {"Nickname", 'T', 256, "nickname", ES, "Casual name."},
    {"Title", 'T', 256, "title", ES, "Job title."},
    {"PopulationId", 'T', 36, "population.id", EQ, "ID of the population the user belongs to."},
    {"IsEnabled", 'B', 0, "enabled", EQ, "Whether the user may sign on."},
    {"CreatedAt", 'S', 0, "createdAt", 0, "When the user was created (UTC)."},
    {"UpdatedAt", 'S', 0, "updatedAt", 0, "When the user was last changed (UTC)."},
    {"ExternalId", 'T', 256, "externalId", ES, "Identifier of the user in an external system."},
    {"AccountId", 'T', 256, "accountId", ES, "Account identifier."},
    {"MobilePhone", 'T', 64, "mobilePhone", ES, "Mobile phone number."},
    {"PrimaryPhone", 'T', 64, "primaryPhone", ES, "Primary phone number."},
    {"Locale", 'T', 32, "locale", ES, "Locale, e.g. en-US."},
    {"PreferredLanguage", 'T', 32, "preferredLanguage", ES, "Preferred language, e.g. en."},
    {"Timezone", 'T', 64, "timezone", ES, "Time zone, e.g. America/Denver."},
    {"Type", 'T', 64, "type", ES, "Free-text user type."},
    {"LifecycleStatus", 'T', 32, "lifecycle.status", 0, "Lifecycle status (ACCOUNT_OK, VERIFICATION_REQUIRED)."},
    {"NamePrefix", 'T', 64, "name.honorificPrefix", ES, "Honorific prefix (name.honorificPrefix)."},
    {"NameSuffix", 'T', 64, "name.honorificSuffix", ES, "Honorific suffix (name.honorificSuffix)."},
    {"FullName", 'T', 512, "name.formatted", ES, "Full name (name.formatted)."},
    {"PhotoURL", 'T', 2048, "photo.href", ES, "URL of the user's photo."},
    {"StreetAddress", 'T', 256, "address.streetAddress", ES, "Street address."},
    {"Locality", 'T', 256, "address.locality", ES, "City or locality."},
    {"Region", 'T', 256, "address.region", ES, "State or region."},
    {"PostalCode", 'T', 64, "address.postalCode", ES, "Postal code."},
    {"CountryCode", 'T', 8, "address.countryCode", ES, "Country code (ISO 3166-1)."},
    {"IdentityProviderId", 'T', 36, "identityProvider.id", 0, "External identity provider; NULL: PingOne."},
    {"IdentityProviderType", 'T', 32, "identityProvider.type", 0, "Type of that identity provider."},
    {"AccountStatus", 'T', 32, "account.status", 0, "Account status (OK, LOCKED)."},
    {"MfaEnabled", 'B', 0, "mfaEnabled", 0, "Whether MFA is enabled for the user."},
    {"EmailVerified", 'B', 0, "emailVerified", 0, "Whether the email address is verified."},
    {"VerifyStatus", 'T', 32, "verifyStatus", 0, "Identity verification status."},
    {"LastSignOnAt", 'S', 0, "lastSignOn.at", 0, "Last sign-on (UTC)."},
    ENVID,
};
static const fkspec users_fks[] = {{"PopulationId", NULL, "Populations", "Id"},
                                   {"IdentityProviderId", NULL, "IdentityProviders", "Id"},
                                   {"EnvironmentId", P1_INFO_SCHEMA, "Environments", "Id"}};

static const colspec pop_cols[] = {
    {"Id", 'K', 36, "id", EQ, "Unique ID of the population (UUID)."},
    {"Name", 'T', 256, "name", ES, "Name of the population."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"IsDefault", 'B', 0, "default", 0, "Whether this is the environment's default population."},
    {"UserCount", 'I', 0, "userCount", 0, "Number of users in the population."},
    {"PasswordPolicyId", 'T', 36, "passwordPolicy.id", 0, "Password policy; NULL: the environment default."},
    {"ThemeId", 'T', 36, "theme.id", 0, "Branding theme of the population."},
    {"PreferredLanguage", 'T', 32, "preferredLanguage", 0, "Preferred language of its users."},
    {"AlternativeIdentifiers", 'J', 4000, "alternativeIdentifiers", 0, "Alternative identifiers (JSON array)."},
    ENVID, CREATED, UPDATED,
};
static const fkspec pop_fks[] = {{"PasswordPolicyId", NULL, "PasswordPolicies", "Id"}};

static const colspec group_cols[] = {
    {"Id", 'K', 36, "id", EQ, "Unique ID of the group (UUID)."},
    {"Name", 'T', 256, "name", EQ, "Name of the group."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"PopulationId", 'T', 36, "population.id", EQ, "Population of the group; NULL for an environment-wide group."},
    {"ExternalId", 'T', 256, "externalId", EQ, "Identifier of the group in an external system."},
    {"DirectUsersCount", 'I', 0, "directMemberCounts.users", 0, "Users that are direct members."},
    {"DirectChildGroupsCount", 'I', 0, "directMemberCounts.groups", 0, "Groups nested directly in this one."},
    {"TotalUsersCount", 'I', 0, "totalMemberCounts.users", 0, "All users, nested groups included (single-item reads only)."},
    {"TotalChildGroupsCount", 'I', 0, "totalMemberCounts.groups", 0, "All nested groups (single-item reads only)."},
    {"CustomData", 'J', 65535, "customData", 0, "Free-form custom data (JSON object)."},
    {"UserFilter", 'T', 2048, "userFilter", 0, "SCIM filter of a dynamic group."},
    {"SourceId", 'T', 36, "sourceId", 0, "Gateway or identity provider the group comes from."},
    {"SourceType", 'T', 32, "sourceType", 0, "GATEWAY or IDP."},
    ENVID, CREATED, UPDATED,
};
static const fkspec group_fks[] = {{"PopulationId", NULL, "Populations", "Id"}};

static const colspec uga_cols[] = {
    {"UserId", 'K', 36, NULL, 0, "ID of the user (WHERE UserId = or IN is sent to PingOne; without it every user is read)."},
    {"GroupId", 'K', 36, "id", 0, "ID of a group the user is a member of."},
    {"GroupName", 'T', 256, "name", 0, "Name of the group."},
    {"Type", 'T', 16, "type", 0, "DIRECT, or INDIRECT (through a nested group or a dynamic filter)."},
};
static const fkspec uga_fks[] = {{"UserId", NULL, "Users", "Id"}, {"GroupId", NULL, "Groups", "Id"}};

static const colspec pga_cols[] = {
    {"GroupId", 'K', 36, NULL, 0, "ID of the nested group."},
    {"ParentGroupId", 'K', 36, "id", 0, "ID of a group it is a member of."},
    {"ParentGroupName", 'T', 256, "name", 0, "Name of that group."},
    {"Type", 'T', 16, "type", 0, "DIRECT, or INDIRECT (through further nesting)."},
};
static const fkspec pga_fks[] = {{"GroupId", NULL, "Groups", "Id"}, {"ParentGroupId", NULL, "Groups", "Id"}};

static const colspec gm_cols[] = {
    {"GroupId", 'K', 36, NULL, 0, "ID of the group."},
    {"UserId", 'K', 36, "id", 0, "ID of a member (direct or through a nested group)."},
    {"Username", 'T', 128, "username", 0, "Username of the member."},
    {"Email", 'T', 320, "email", 0, "Email address of the member."},
    {"FirstName", 'T', 256, "name.given", 0, "Given name."},
    {"LastName", 'T', 256, "name.family", 0, "Family name."},
    {"PopulationId", 'T', 36, "population.id", 0, "Population of the member."},
    {"IsEnabled", 'B', 0, "enabled", 0, "Whether the member may sign on."},
};
static const fkspec gm_fks[] = {{"GroupId", NULL, "Groups", "Id"}, {"UserId", NULL, "Users", "Id"}};

static const colspec adminrole_cols[] = {
    ID("Unique ID of the role."),
    {"Name", 'T', 256, "name", 0, "Name of the role."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"Type", 'T', 16, "type", ONE, "PLATFORM (built in) or CUSTOM."},
    {"Permissions", 'J', 65535, "permissions", 0, "Permissions (JSON array of {id})."},
    {"ApplicableTo", 'J', 256, "applicableTo", 0, "Scopes it can be assigned at (JSON array)."},
    {"CanAssign", 'J', 4000, "canAssign", 0, "Roles holders of this role can assign (JSON array)."},
    {"CanBeAssignedBy", 'J', 4000, "canBeAssignedBy", 0, "Roles that can assign this role (JSON array)."},
    ENVID,
};

static const colspec role_cols[] = {
    ID("Unique ID of the platform role."),
    {"Name", 'T', 256, "name", 0, "Name, e.g. Environment Admin."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"ApplicableTo", 'J', 256, "applicableTo", 0, "Scopes it can be assigned at (JSON array)."},
    {"Permissions", 'J', 65535, "permissions", 0, "Permissions (JSON array of {id, classifier, description})."},
};

#define ROLE_ASSIGNMENT_COLS(parent, what) \
    ID("Unique ID of the role assignment."), \
    {parent, 'K', 36, NULL, 0, "ID of the " what " holding the role."}, \
    {"AdminRoleId", 'T', 36, "role.id", 0, "The role assigned."}, \
    {"ApplicableToEntityType", 'T', 16, "scope.type", 0, "ORGANIZATION, ENVIRONMENT, POPULATION or APPLICATION."}, \
    {"ApplicableToEntityId", 'T', 36, "scope.id", 0, "ID of the organization, environment, population or application."}, \
    {"IsReadOnly", 'B', 0, "readOnly", 0, "Whether the current actor cannot remove it."}, \
    ENVID
static const colspec ura_cols[] = {ROLE_ASSIGNMENT_COLS("UserId", "user")};
static const colspec gra_cols[] = {ROLE_ASSIGNMENT_COLS("GroupId", "group")};
static const colspec ara_cols[] = {ROLE_ASSIGNMENT_COLS("ApplicationId", "application")};
static const fkspec ura_fks[] = {{"UserId", NULL, "Users", "Id"}, {"AdminRoleId", NULL, "AdminRoles", "Id"}};
static const fkspec gra_fks[] = {{"GroupId", NULL, "Groups", "Id"}, {"AdminRoleId", NULL, "AdminRoles", "Id"}};
static const fkspec ara_fks[] = {{"ApplicationId", NULL, "Applications", "Id"},
                                 {"AdminRoleId", NULL, "AdminRoles", "Id"}};

#define APP_COLS \
    ID("Unique ID of the application."), \
    {"Name", 'T', 256, "name", 0, "Name of the application."}, \
    {"Description", 'T', 1024, "description", 0, "Description."}, \
    {"IsEnabled", 'B', 0, "enabled", 0, "Whether users can sign on to it."}, \
    {"Type", 'T', 32, "type", 0, "WEB_APP, NATIVE_APP, SINGLE_PAGE_APP, WORKER, SERVICE, ..."}, \
    {"Protocol", 'T', 32, "protocol", 0, "OPENID_CONNECT, SAML, WS_FED or EXTERNAL_LINK."}, \
    ENVID, CREATED, UPDATED, \
    {"LoginPageURL", 'T', 2048, "loginPageUrl", 0, "Custom login page."}, \
    {"HomePageURL", 'T', 2048, "homePageUrl", 0, "Home page."}, \
    {"IsHiddenFromPortal", 'B', 0, "hiddenFromAppPortal", 0, "Hidden from the application portal."}, \
    {"IconURL", 'T', 2048, "icon.href", 0, "Icon."}, \
    {"AccessControlRolesCriteria", 'T', 32, "accessControl.role.type", 0, "ADMIN_USERS_ONLY when only administrators may sign on."}, \
    {"AccessControlGroupType", 'T', 16, "accessControl.group.type", 0, "ANY_GROUP or ALL_GROUPS."}, \
    {"AccessControlGroups", 'J', 4000, "accessControl.group.groups", 0, "Groups allowed to sign on (JSON array of {id})."}

static const colspec app_cols[] = {APP_COLS};
static const colspec oidc_cols[] = {
    APP_COLS,
    {"GrantTypes", 'J', 256, "grantTypes", 0, "OAuth grant types (JSON array)."},
    {"ResponseTypes", 'J', 256, "responseTypes", 0, "Response types (JSON array)."},
    {"RedirectURIs", 'J', 8000, "redirectUris", 0, "Redirect URIs (JSON array)."},
    {"PostLogoutRedirectURIs", 'J', 8000, "postLogoutRedirectUris", 0, "Post-logout redirect URIs (JSON array)."},
    {"TokenEndpointAuthMethod", 'T', 32, "tokenEndpointAuthMethod", 0, "NONE, CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, ..."},
    {"PKCEEnforcement", 'T', 32, "pkceEnforcement", 0, "OPTIONAL, REQUIRED or S256_REQUIRED."},
    {"RefreshTokenDuration", 'I', 0, "refreshTokenDuration", 0, "Refresh token lifetime (seconds)."},
    {"RefreshTokenRollingDuration", 'I', 0, "refreshTokenRollingDuration", 0, "Rolling refresh token lifetime (seconds)."},
    {"RefreshTokenType", 'T', 32, "refreshTokenType", 0, "OPAQUE_TOKEN or JWT."},
};
static const colspec saml_cols[] = {
    APP_COLS,
    {"ACSUrls", 'J', 8000, "acsUrls", 0, "Assertion consumer service URLs (JSON array)."},
    {"AssertionDuration", 'I', 0, "assertionDuration", 0, "Assertion lifetime (seconds)."},
    {"AssertionSigned", 'B', 0, "assertionSigned", 0, "Whether assertions are signed."},
    {"ResponseSigned", 'B', 0, "responseSigned", 0, "Whether responses are signed."},
    {"ServiceProviderEntityId", 'T', 1024, "spEntityId", 0, "Entity ID of the service provider."},
    {"NameIdFormat", 'T', 256, "nameIdFormat", 0, "NameID format."},
};
static const colspec wsfed_cols[] = {
    APP_COLS,
    {"DomainName", 'T', 256, "domainName", 0, "Federated domain."},
    {"ReplyURL", 'T', 2048, "replyUrl", 0, "Reply URL."},
    {"AudienceRestriction", 'T', 1024, "audienceRestriction", 0, "Audience restriction."},
    {"AssertionDuration", 'I', 0, "assertionDuration", 0, "Assertion lifetime (seconds)."},
    {"SigningAlgorithm", 'T', 32, "idpSigning.algorithm", 0, "e.g. SHA256withRSA."},
    {"SigningKeyId", 'T', 36, "idpSigning.key.id", 0, "Signing certificate."},
};
static const fkspec wsfed_fks[] = {{"SigningKeyId", NULL, "Certificates", "Id"}};

static const colspec appattr_cols[] = {
    ID("Unique ID of the attribute mapping."),
    {"ApplicationId", 'K', 36, NULL, 0, "The application."},
    {"AttributeName", 'T', 256, "name", 0, "Attribute (claim) name."},
    {"AttributeValue", 'T', 1024, "value", 0, "Expression, e.g. ${user.email}."},
    {"Type", 'T', 16, "mappingType", 0, "CORE, SCOPE or CUSTOM."},
    {"OIDCScopes", 'J', 1024, "oidcScopes", 0, "Scopes that release it (JSON array)."},
    {"Required", 'B', 0, "required", 0, "Whether it is required."},
    {"IncludeInIDToken", 'B', 0, "idToken", 0, "Included in the ID token."},
    {"IncludeInUserInfo", 'B', 0, "userInfo", 0, "Included in the userinfo response."},
    {"NameFormat", 'T', 256, "nameFormat", 0, "SAML attribute name format."},
    CREATED, UPDATED,
};
static const fkspec appchild_fks[] = {{"ApplicationId", NULL, "Applications", "Id"}};

static const colspec apppol_cols[] = {
    ID("Unique ID of the assignment."),
    {"ApplicationId", 'K', 36, NULL, 0, "The application."},
    {"AuthenticationPolicyId", 'T', 36, "signOnPolicy.id", 0, "The sign-on policy."},
    {"Priority", 'I', 0, "priority", 0, "Order of evaluation (1 first)."},
};
static const fkspec apppol_fks[] = {{"ApplicationId", NULL, "Applications", "Id"},
                                    {"AuthenticationPolicyId", NULL, "AuthenticationPolicies", "Id"}};

static const colspec aacg_cols[] = {
    {"ApplicationId", 'K', 36, "^id", EQ, "The application."},
    {"GroupId", 'K', 36, "id", 0, "A group whose members may sign on."},
    {"Type", 'T', 16, "^accessControl.group.type", 0, "ANY_GROUP or ALL_GROUPS."},
};
static const fkspec aacg_fks[] = {{"ApplicationId", NULL, "Applications", "Id"}, {"GroupId", NULL, "Groups", "Id"}};

static const colspec grant_cols[] = {
    ID("Unique ID of the grant."),
    {"ApplicationId", 'K', 36, NULL, 0, "The application."},
    {"ResourceId", 'T', 36, "resource.id", 0, "The resource whose scopes are granted."},
    {"Scopes", 'J', 4000, "scopes", 0, "Granted scopes (JSON array of {id})."},
    CREATED, UPDATED,
};
static const fkspec grant_fks[] = {{"ApplicationId", NULL, "Applications", "Id"},
                                   {"ResourceId", NULL, "Resources", "Id"}};

static const colspec res_cols[] = {
    ID("Unique ID of the resource."),
    {"Name", 'T', 256, "name", 0, "Name."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"Type", 'T', 32, "type", 0, "OPENID_CONNECT, PINGONE_API or CUSTOM."},
    {"Audience", 'T', 1024, "audience", 0, "Audience of its access tokens."},
    {"TokenDuration", 'I', 0, "accessTokenValiditySeconds", 0, "Access token lifetime (seconds)."},
    {"TokenIntrospectionEndpointMethod", 'T', 32, "introspectEndpointAuthMethod", 0, "Client authentication at the introspection endpoint."},
    CREATED, UPDATED, ENVID,
};

static const colspec scope_cols[] = {
    ID("Unique ID of the scope."),
    {"ResourceId", 'K', 36, NULL, 0, "The resource."},
    {"Name", 'T', 256, "name", 0, "Scope name, e.g. orders:read."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"UserAttributes", 'J', 4000, "schemaAttributes", 0, "User attributes it releases (JSON array)."},
    {"MappedClaims", 'J', 4000, "mappedClaims", 0, "Mapped claims (JSON array)."},
    CREATED, UPDATED,
};
static const fkspec reschild_fks[] = {{"ResourceId", NULL, "Resources", "Id"}};

static const colspec resattr_cols[] = {
    ID("Unique ID of the attribute mapping."),
    {"ResourceId", 'K', 36, NULL, 0, "The resource."},
    {"AttributeName", 'T', 256, "name", 0, "Claim name."},
    {"AttributeValue", 'T', 1024, "value", 0, "Expression, e.g. ${user.id}."},
    {"Type", 'T', 16, "type", 0, "CORE, CUSTOM or PREDEFINED."},
    {"IncludeInIDToken", 'B', 0, "idToken", 0, "Included in the ID token."},
    {"IncludeInUserInfo", 'B', 0, "userInfo", 0, "Included in the userinfo response."},
};

static const colspec sess_cols[] = {
    ID("Unique ID of the session."),
    {"UserId", 'K', 36, NULL, 0, "The user."},
    {"UserAgent", 'T', 1024, "userAgent", 0, "User-Agent of the browser."},
    {"DeviceType", 'T', 32, "device.type", 0, "Desktop or Mobile."},
    {"Browser", 'T', 64, "browser.name", 0, "Browser."},
    {"BrowserVersion", 'T', 32, "browser.version", 0, "Browser version."},
    {"OperatingSystem", 'T', 64, "operatingSystem.name", 0, "Operating system."},
    {"OperatingSystemVersion", 'T', 32, "operatingSystem.version", 0, "Operating system version."},
    CREATED,
    {"ActiveAt", 'S', 0, "activeAt", 0, "Last activity (UTC)."},
    {"IdleTimeout", 'I', 0, "idleTimeoutInMinutes", 0, "Idle timeout (minutes)."},
    {"ExpiresAt", 'S', 0, "expiresAt", 0, "Expiry (UTC)."},
    {"LastSignOnAt", 'S', 0, "lastSignOn.at", 0, "Last sign-on in this session (UTC)."},
    {"LastSignOnRemoteIp", 'T', 64, "lastSignOn.remoteIp", 0, "IP address of the last sign-on."},
    {"Authenticators", 'J', 256, "lastSignOn.authenticators", 0, "Authenticators used (JSON array)."},
};
static const fkspec userchild_fks[] = {{"UserId", NULL, "Users", "Id"}};

static const colspec oauthc_cols[] = {
    ID("Unique ID of the consent."),
    {"UserId", 'K', 36, NULL, 0, "The user."},
    {"OIDCApplicationId", 'T', 36, "application.id", ONE, "The application."},
    {"ApplicationName", 'T', 256, "applicationName", 0, "Name of the application."},
    {"ApplicationType", 'T', 16, "applicationType", 0, "PINGONE or EXTERNAL."},
    {"Scope", 'J', 1024, "scope", 0, "Scopes consented to (JSON array)."},
    {"Status", 'T', 16, "status", 0, "ACCEPTED, REVOKED or DECLINED."},
    {"ConsentedAt", 'S', 0, "consentedAt", 0, "When (UTC)."},
    {"DeviceType", 'T', 32, "device.type", 0, "Desktop or Mobile."},
    {"Browser", 'T', 64, "browser.name", 0, "Browser."},
    {"BrowserVersion", 'T', 32, "browser.version", 0, "Browser version."},
    {"OperatingSystem", 'T', 64, "operatingSystem.name", 0, "Operating system."},
    {"OperatingSystemVersion", 'T', 32, "operatingSystem.version", 0, "Operating system version."},
};
static const fkspec oauthc_fks[] = {{"UserId", NULL, "Users", "Id"},
                                    {"OIDCApplicationId", NULL, "OIDCApplications", "Id"}};

static const colspec agrc_cols[] = {
    {"Id", 'K', 36, "id", 0, "ID of the consent (the agreement's ID)."},
    {"UserId", 'K', 36, NULL, 0, "The user."},
    {"Status", 'T', 32, "status", 0, "PENDING, ACCEPTED, REVOKED, EXPIRED or AGREEMENT_DISABLED."},
    {"LastConsentGivenAt", 'S', 0, "consent.acceptedAt", 0, "When consent was last given (UTC)."},
    {"LastConsentExpiresAt", 'S', 0, "consent.expiresAt", 0, "When it expires (UTC)."},
    {"AgreementId", 'T', 36, "agreement.id", 0, "The agreement."},
    {"AgreementName", 'T', 256, "agreement.name", 0, "Name of the agreement."},
    {"AgreementLanguageId", 'T', 36, "consent.language.id", 0, "Language version consented to."},
    {"AgreementLanguageLocale", 'T', 32, "consent.language.locale", 0, "Its locale."},
    {"AgreementRevisionId", 'T', 36, "consent.revision.id", 0, "Revision consented to."},
};
static const fkspec agrc_fks[] = {{"UserId", NULL, "Users", "Id"}, {"AgreementId", NULL, "Agreements", "Id"}};

static const colspec agr_cols[] = {
    ID("Unique ID of the agreement."),
    {"Name", 'T', 256, "name", 0, "Name."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"IsEnabled", 'B', 0, "enabled", 0, "Whether it is shown to users."},
    {"ReconsentAfter", 'I', 0, "reconsentPeriodDays", 0, "Days until users must consent again."},
    {"TotalConsents", 'I', 0, "totalConsents", 0, "Consents given."},
    {"TotalConsentsLastUpdatedAt", 'S', 0, "consentsAggregatedAt", 0, "When the totals were computed (UTC)."},
    {"ExpiredConsents", 'I', 0, "totalExpiredConsents", 0, "Expired consents."},
    ENVID,
};

static const colspec sop_cols[] = {
    ID("Unique ID of the sign-on policy."),
    {"Name", 'T', 256, "name", 0, "Name."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"IsDefault", 'B', 0, "default", 0, "Whether it is the environment's default policy."},
    ENVID, CREATED, UPDATED,
};

static const colspec sopa_cols[] = {
    ID("Unique ID of the action."),
    {"SignOnPolicyId", 'K', 36, NULL, 0, "The sign-on policy."},
    {"Priority", 'I', 0, "priority", 0, "Order of evaluation (1 first)."},
    {"Type", 'T', 48, "type", 0, "LOGIN, MULTI_FACTOR_AUTHENTICATION, IDENTITY_PROVIDER, AGREEMENT, ..."},
    {"Condition", 'J', 4000, "condition", 0, "When the action applies (JSON object)."},
    {"IdentityProviderId", 'T', 36, "identityProvider.id", 0, "IDENTITY_PROVIDER actions: the provider."},
    {"AgreementId", 'T', 36, "agreement.id", 0, "AGREEMENT actions: the agreement."},
};
static const fkspec sopa_fks[] = {{"SignOnPolicyId", NULL, "AuthenticationPolicies", "Id"},
                                  {"IdentityProviderId", NULL, "IdentityProviders", "Id"},
                                  {"AgreementId", NULL, "Agreements", "Id"}};

static const colspec idp_cols[] = {
    ID("Unique ID of the identity provider."),
    {"Name", 'T', 256, "name", 0, "Name."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"Type", 'T', 32, "type", 0, "OPENID_CONNECT, SAML, GOOGLE, FACEBOOK, GITHUB, ..."},
    {"Enabled", 'B', 0, "enabled", 0, "Whether it can be used."},
    CREATED, UPDATED,
    {"IconURL", 'T', 2048, "icon.href", 0, "Icon."},
    {"PopulationId", 'T', 36, "registration.population.id", 0, "Population new users are created in."},
    ENVID,
    {"ClientId", 'T', 256, "clientId", 0, "OAuth client ID at the provider (the secret is not shown)."},
    {"DiscoveryEndpoint", 'T', 2048, "discoveryEndpoint", 0, "OIDC discovery document."},
    {"AuthorizationEndpoint", 'T', 2048, "authorizationEndpoint", 0, "OIDC authorization endpoint."},
    {"TokenEndpoint", 'T', 2048, "tokenEndpoint", 0, "OIDC token endpoint."},
    {"JwksEndpoint", 'T', 2048, "jwksEndpoint", 0, "OIDC JWKS endpoint."},
    {"Issuer", 'T', 2048, "issuer", 0, "OIDC issuer."},
    {"Scopes", 'J', 1024, "scopes", 0, "Requested scopes (JSON array)."},
    {"TokenEndpointAuthMethod", 'T', 32, "tokenEndpointAuthMethod", 0, "Client authentication at the provider."},
    {"IdpEntityId", 'T', 1024, "idpEntityId", 0, "SAML: entity ID of the provider."},
    {"SpEntityId", 'T', 1024, "spEntityId", 0, "SAML: entity ID of PingOne."},
    {"SsoEndpoint", 'T', 2048, "ssoEndpoint", 0, "SAML: single sign-on endpoint."},
    {"SsoBinding", 'T', 32, "ssoBinding", 0, "SAML: HTTP_POST or HTTP_REDIRECT."},
    {"AppId", 'T', 256, "appId", 0, "Facebook: application ID."},
};
static const fkspec idp_fks[] = {{"PopulationId", NULL, "Populations", "Id"}};

static const colspec pwp_cols[] = {
    ID("Unique ID of the password policy."),
    {"Name", 'T', 256, "name", 0, "Name."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"IsDefault", 'B', 0, "default", 0, "Whether it is the environment default."},
    {"ExcludesCommonlyUsed", 'B', 0, "excludesCommonlyUsed", 0, "Rejects common passwords."},
    {"ExcludesProfileData", 'B', 0, "excludesProfileData", 0, "Rejects passwords built from profile data."},
    {"NotSimilarToCurrent", 'B', 0, "notSimilarToCurrent", 0, "Rejects passwords similar to the current one."},
    {"HistoryCount", 'I', 0, "history.count", 0, "Previous passwords remembered."},
    {"HistoryRetentionDays", 'I', 0, "history.retentionDays", 0, "Days they are remembered."},
    {"MinLength", 'I', 0, "length.min", 0, "Minimum length."},
    {"MaxLength", 'I', 0, "length.max", 0, "Maximum length."},
    {"LockoutFailureCount", 'I', 0, "lockout.failureCount", 0, "Failures before lockout."},
    {"LockoutDurationSeconds", 'I', 0, "lockout.durationSeconds", 0, "Lockout duration (seconds)."},
    {"MaxAgeDays", 'I', 0, "maxAgeDays", 0, "Days until a password expires."},
    {"MinAgeDays", 'I', 0, "minAgeDays", 0, "Days before a password may be changed."},
    {"MaxRepeatedCharacters", 'I', 0, "maxRepeatedCharacters", 0, "Longest run of one character."},
    {"MinComplexity", 'I', 0, "minComplexity", 0, "Minimum complexity score."},
    {"MinUniqueCharacters", 'I', 0, "minUniqueCharacters", 0, "Minimum distinct characters."},
    {"MinCharacters", 'J', 1024, "minCharacters", 0, "Minimum characters per class (JSON object)."},
    {"PopulationCount", 'I', 0, "populationCount", 0, "Populations using it."},
    CREATED, UPDATED, ENVID,
};

static const colspec schema_cols[] = {
    ID("Unique ID of the schema."),
    {"Name", 'T', 256, "name", 0, "Name (User)."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"AllowsContainsOperator", 'B', 0, "allowsContainsOperator", 0, "Whether `co` filters are allowed on custom attributes."},
    ENVID,
};

static const colspec sattr_cols[] = {
    ID("Unique ID of the attribute."),
    {"SchemaId", 'K', 36, NULL, 0, "The schema."},
    {"Name", 'T', 256, "name", 0, "Attribute name (a Users column when custom)."},
    {"DisplayName", 'T', 256, "displayName", 0, "Display name."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"Type", 'T', 16, "type", 0, "STRING, JSON, BOOLEAN or COMPLEX."},
    {"SchemaType", 'T', 16, "schemaType", 0, "CORE, STANDARD or CUSTOM."},
    {"IsEnabled", 'B', 0, "enabled", 0, "Whether it is in use."},
    {"IsRequired", 'B', 0, "required", 0, "Whether every user must have it."},
    {"IsUnique", 'B', 0, "unique", 0, "Whether values are unique."},
    {"IsMultiValued", 'B', 0, "multiValued", 0, "Whether it holds several values."},
    {"LdapAttribute", 'T', 256, "ldapAttribute", 0, "Mapped LDAP attribute."},
    {"EnumeratedValues", 'J', 8000, "enumeratedValues", 0, "Allowed values (JSON array)."},
    {"RegexValidation", 'J', 4000, "regexValidation", 0, "Validation pattern (JSON object)."},
    {"SubAttributes", 'J', 4000, "subAttributes", 0, "Parts of a COMPLEX attribute (JSON array)."},
};
static const fkspec sattr_fks[] = {{"SchemaId", NULL, "Schemas", "Id"}};

static const colspec dev_cols[] = {
    ID("Unique ID of the MFA device."),
    {"UserId", 'K', 36, NULL, 0, "The user."},
    {"Type", 'T', 32, "type", 0, "EMAIL, SMS, VOICE, TOTP, MOBILE, FIDO2, ..."},
    {"Status", 'T', 32, "status", 0, "ACTIVE or ACTIVATION_REQUIRED."},
    {"Nickname", 'T', 256, "nickname", 0, "Name the user gave it."},
    {"Email", 'T', 320, "email", 0, "EMAIL devices: the address."},
    {"Phone", 'T', 64, "phone", 0, "SMS and VOICE devices: the number."},
    {"ModelName", 'T', 256, "model.name", 0, "MOBILE devices: the model."},
    {"OsType", 'T', 32, "os.type", 0, "MOBILE devices: the operating system."},
    {"OsVersion", 'T', 32, "os.version", 0, "MOBILE devices: its version."},
    CREATED, UPDATED,
};

static const colspec act_cols[] = {
    ID("Unique ID of the audit event."),
    {"RecordedAt", 'S', 0, "recordedAt", 0, "When it happened (UTC). A range on it is sent to PingOne; "
                                           "without one the last 7 days are read."},
    CREATED,
    {"CorrelationId", 'T', 36, "correlationId", EQ, "Correlation ID of the request."},
    {"ActionType", 'T', 64, "action.type", EQ, "e.g. USER.CREATED."},
    {"ActionDescription", 'T', 256, "action.description", 0, "Description of the action."},
    {"ResultStatus", 'T', 16, "result.status", 0, "SUCCESS or FAILED."},
    {"ResultDescription", 'T', 1024, "result.description", 0, "Outcome."},
    {"ActorClientId", 'T', 36, "actors.client.id", EQ, "Application that acted."},
    {"ActorClientName", 'T', 256, "actors.client.name", 0, "Its name."},
    {"ActorUserId", 'T', 36, "actors.user.id", EQ, "User that acted."},
    {"ActorUserName", 'T', 128, "actors.user.name", EQ, "Its username."},
    {"ActorUserPopulationId", 'T', 36, "actors.user.population.id", 0, "Its population."},
    {"Resources", 'J', 8000, "resources", 0, "Resources acted on (JSON array)."},
    {"Tags", 'J', 256, "tags", 0, "Tags (JSON array)."},
    {"TransactionId", 'T', 64, "externalCorrelation.transactionId", 0, "External transaction ID."},
    {"SessionId", 'T', 64, "externalCorrelation.sessionId", 0, "External session ID."},
};

static const colspec gw_cols[] = {
    ID("Unique ID of the gateway."),
    {"Name", 'T', 256, "name", 0, "Name."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"Type", 'T', 32, "type", 0, "LDAP, PING_FEDERATE, RADIUS, ..."},
    {"IsEnabled", 'B', 0, "enabled", 0, "Whether it is enabled."},
    {"BindDN", 'T', 1024, "bindDN", 0, "LDAP: bind DN."},
    {"ConnectionSecurity", 'T', 16, "connectionSecurity", 0, "LDAP: NONE, TLS or StartTLS."},
    {"Vendor", 'T', 256, "vendor", 0, "LDAP: directory vendor."},
    {"ServersHostAndPort", 'J', 4000, "serversHostAndPort", 0, "LDAP: servers (JSON array)."},
    {"SupportedVersions", 'J', 4000, "supportedVersions", 0, "Supported versions (JSON array)."},
    {"CurrentAlerts", 'J', 4000, "currentAlerts", 0, "Current alerts (JSON array)."},
    ENVID,
};

static const colspec gwi_cols[] = {
    ID("Unique ID of the gateway instance."),
    {"GatewayId", 'K', 36, NULL, 0, "The gateway."},
    {"CredentialId", 'T', 36, "credential.id", 0, "Credential it connects with."},
    {"IsConnected", 'B', 0, "connected", 0, "Whether it is connected."},
    {"HealthStatus", 'T', 16, "healthStatus", 0, "HEALTHY, DEGRADED or UNHEALTHY."},
    {"Hostname", 'T', 256, "hostname", 0, "Host it runs on."},
    {"InitializedAt", 'S', 0, "initializedAt", 0, "First connection (UTC)."},
    {"LastReportedAt", 'S', 0, "lastReportedAt", 0, "Last report (UTC)."},
    {"VersionNumber", 'T', 32, "version.versionNumber", 0, "Version."},
    {"UpdateStatus", 'T', 32, "version.updateStatus", 0, "AT_LATEST, UPGRADE_AVAILABLE, ..."},
    {"BusyPercentage", 'I', 0, "busyPercentage", 0, "Load (percent)."},
    {"OperationsPerSecond", 'D', 0, "operationsPerSecond", 0, "Throughput."},
    {"ResponseTimeMillis", 'D', 0, "responseTimeMillis", 0, "Response time (ms)."},
};
static const fkspec gwi_fks[] = {{"GatewayId", NULL, "Gateways", "Id"}};

static const colspec cd_cols[] = {
    ID("Unique ID of the custom domain."),
    {"DomainName", 'T', 256, "domainName", 0, "Domain name."},
    {"Status", 'T', 32, "status", 0, "VERIFICATION_REQUIRED, SSL_CERTIFICATE_REQUIRED or ACTIVE."},
    {"CanonicalName", 'T', 256, "canonicalName", 0, "CNAME target."},
    {"CertificateExpiresAt", 'S', 0, "certificate.expiresAt", 0, "Expiry of its TLS certificate (UTC)."},
    ENVID,
};

static const colspec cert_cols[] = {
    ID("Unique ID of the certificate."),
    {"Name", 'T', 256, "name", 0, "Name."},
    {"Algorithm", 'T', 8, "algorithm", 0, "RSA or EC."},
    {"KeyLength", 'I', 0, "keyLength", 0, "Key length (bits)."},
    {"SignatureAlgorithm", 'T', 32, "signatureAlgorithm", 0, "e.g. SHA256withRSA."},
    {"SubjectDN", 'T', 1024, "subjectDN", 0, "Subject."},
    {"IssuerDN", 'T', 1024, "issuerDN", 0, "Issuer."},
    {"SerialNumber", 'T', 64, "serialNumber", 0, "Serial number (decimal text: it may exceed 64 bits)."},
    {"UsageType", 'T', 16, "usageType", 0, "SIGNING, ENCRYPTION or SSL/TLS."},
    {"Status", 'T', 16, "status", 0, "VALID, EXPIRING, EXPIRED, NOT_YET_VALID or REVOKED."},
    {"IsDefault", 'B', 0, "default", 0, "Default for its usage."},
    {"StartsAt", 'S', 0, "startsAt", 0, "Valid from (UTC)."},
    {"ExpiresAt", 'S', 0, "expiresAt", 0, "Valid until (UTC)."},
    {"ValidityPeriod", 'I', 0, "validityPeriod", 0, "Validity (days)."},
    CREATED, ENVID,
};

static const colspec lang_cols[] = {
    ID("Unique ID of the language."),
    {"Locale", 'T', 32, "locale", 0, "Locale, e.g. fr."},
    {"Name", 'T', 256, "name", 0, "Name, e.g. French."},
    {"IsEnabled", 'B', 0, "enabled", 0, "Whether it is offered."},
    {"IsDefault", 'B', 0, "default", 0, "Whether it is the default language."},
    {"CustomerAdded", 'B', 0, "customerAdded", 0, "Added by the customer."},
    CREATED, UPDATED, ENVID,
};

static const colspec tmpl_cols[] = {
    {"Id", 'K', 64, "id", 0, "Name of the template, e.g. email_verification_user."},
    {"DisplayName", 'T', 256, "displayName", 0, "Display name."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"DeliveryMethods", 'J', 256, "deliveryMethods", 0, "Email, SMS, Voice, Push (JSON array)."},
    {"Variables", 'J', 8000, "variables", 0, "Variables it may use (JSON object)."},
    {"AllowDynamicVariables", 'B', 0, "allowDynamicVariables", 0, "Whether dynamic variables are allowed."},
    {"CreatedAt", 'S', 0, "createdAt", CMP, "When it was created (UTC)."},
    {"UpdatedAt", 'S', 0, "updatedAt", CMP, "When it was last changed (UTC)."},
    ENVID,
};

static const colspec sub_cols[] = {
    ID("Unique ID of the webhook subscription."),
    {"Name", 'T', 256, "name", 0, "Name."},
    {"IsEnabled", 'B', 0, "enabled", 0, "Whether events are sent."},
    {"Format", 'T', 16, "format", 0, "ACTIVITY, SPLUNK or NEWRELIC."},
    {"HttpEndpointURL", 'T', 2048, "httpEndpoint.url", 0, "Destination URL."},
    {"VerifyTlsCertificates", 'B', 0, "verifyTlsCertificates", 0, "Whether TLS is verified."},
    {"IncludedActionTypes", 'J', 4000, "filterOptions.includedActionTypes", 0, "Event types sent (JSON array)."},
    CREATED, UPDATED, ENVID,
};

/* ================= Information schema ================= */

static const colspec org_cols[] = {
    ID("Unique ID of the organization."),
    {"Name", 'T', 256, "name", SW, "Name."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"Type", 'T', 16, "type", 0, "PAID, TRIAL or INTERNAL."},
    CREATED, UPDATED,
    {"BillingConnections", 'J', 4000, "billingConnections", 0, "Billing connections (JSON array)."},
};

static const colspec env_cols[] = {
    ID("Unique ID of the environment."),
    {"Name", 'T', 256, "name", SW, "Name (also the name of its schema)."},
    {"Description", 'T', 1024, "description", 0, "Description."},
    {"Type", 'T', 16, "type", 0, "PRODUCTION or SANDBOX."},
    {"Region", 'T', 16, "region", 0, "Region, e.g. NA or EU."},
    {"Status", 'T', 16, "status", EQ, "ACTIVE or DELETE_PENDING."},
    {"LicenseId", 'T', 36, "license.id", EQ, "License it uses."},
    {"OrganizationId", 'T', 36, "organization.id", EQ, "Organization it belongs to."},
    CREATED, UPDATED,
};
static const fkspec env_fks[] = {{"LicenseId", NULL, "Licenses", "Id"}, {"OrganizationId", NULL, "Organizations", "Id"}};

static const colspec lic_cols[] = {
    ID("Unique ID of the license."),
    {"OrganizationId", 'K', 36, NULL, 0, "Organization that holds it."},
    {"Name", 'T', 256, "name", EQ, "Name."},
    {"Status", 'T', 16, "status", EQ, "ACTIVE, EXPIRED, FUTURE or TERMINATED."},
    {"Package", 'T', 32, "package", EQ, "TRIAL, STANDARD, PREMIUM, MFA, RISK, ..."},
    {"EnvironmentsAssignedCount", 'I', 0, "assignedEnvironmentsCount", 0, "Environments using it."},
    {"BeginsAt", 'S', 0, "beginsAt", P1_OP_LT, "Start (UTC)."},
    {"ExpiresAt", 'S', 0, "expiresAt", 0, "End (UTC)."},
    {"TerminatesAt", 'S', 0, "terminatesAt", 0, "Termination (UTC)."},
    {"MaxUsers", 'I', 0, "users.max", 0, "Most users allowed."},
    {"MaxEnvironments", 'I', 0, "environments.max", 0, "Most environments allowed."},
};
static const fkspec lic_fks[] = {{"OrganizationId", NULL, "Organizations", "Id"}};

/* ================= system tables (rows made in memory) ================= */

static const colspec sys_catalogs_cols[] = {
    {"CatalogName", 'T', 128, "CatalogName", 0, "Catalog name."},
};
static const colspec sys_schemas_cols[] = {
    {"CatalogName", 'T', 128, "CatalogName", 0, "Catalog."},
    {"SchemaName", 'T', 256, "SchemaName", 0, "Schema: Information, sys or an environment name."},
    {"EnvironmentId", 'T', 36, "EnvironmentId", 0, "Environment of an environment schema."},
};
static const colspec sys_tables_cols[] = {
    {"CatalogName", 'T', 128, "CatalogName", 0, "Catalog."},
    {"SchemaName", 'T', 256, "SchemaName", 0, "Schema."},
    {"TableName", 'T', 128, "TableName", 0, "Table."},
    {"TableType", 'T', 16, "TableType", 0, "TABLE, VIEW or SYSTEM TABLE."},
    {"Description", 'T', 1024, "Description", 0, "Description."},
    {"IsUpdateable", 'B', 0, "IsUpdateable", 0, "Always false: the driver is read-only."},
};
static const colspec sys_tablecolumns_cols[] = {
    {"CatalogName", 'T', 128, "CatalogName", 0, "Catalog."},
    {"SchemaName", 'T', 256, "SchemaName", 0, "Schema."},
    {"TableName", 'T', 128, "TableName", 0, "Table."},
    {"ColumnName", 'T', 128, "ColumnName", 0, "Column."},
    {"DataTypeName", 'T', 32, "DataTypeName", 0, "WVARCHAR, BIT, INTEGER, BIGINT, DOUBLE or TIMESTAMP."},
    {"DataType", 'I', 0, "DataType", 0, "ODBC SQL type code."},
    {"Length", 'I', 0, "Length", 0, "Column size (characters for text)."},
    {"Ordinal", 'I', 0, "Ordinal", 0, "Position (1 first)."},
    {"IsNullable", 'B', 0, "IsNullable", 0, "Whether it may be NULL."},
    {"IsKey", 'B', 0, "IsKey", 0, "Part of the primary key."},
    {"IsFilterable", 'B', 0, "IsFilterable", 0, "Whether some condition on it is sent to PingOne."},
    {"Description", 'T', 1024, "Description", 0, "Description."},
};
static const colspec sys_keycolumns_cols[] = {
    {"CatalogName", 'T', 128, "CatalogName", 0, "Catalog."},
    {"SchemaName", 'T', 256, "SchemaName", 0, "Schema."},
    {"TableName", 'T', 128, "TableName", 0, "Table."},
    {"ColumnName", 'T', 128, "ColumnName", 0, "Column."},
    {"KeySeq", 'I', 0, "KeySeq", 0, "Position in the key (1 first)."},
    {"IsKey", 'B', 0, "IsKey", 0, "Part of the primary key."},
    {"IsForeignKey", 'B', 0, "IsForeignKey", 0, "References another table."},
    {"PrimaryKeyName", 'T', 256, "PrimaryKeyName", 0, "Name of the key."},
    {"ReferencedSchemaName", 'T', 256, "ReferencedSchemaName", 0, "Schema referenced."},
    {"ReferencedTableName", 'T', 128, "ReferencedTableName", 0, "Table referenced."},
    {"ReferencedColumnName", 'T', 128, "ReferencedColumnName", 0, "Column referenced."},
};
static const colspec sys_foreignkeys_cols[] = {
    {"CatalogName", 'T', 128, "CatalogName", 0, "Catalog."},
    {"SchemaName", 'T', 256, "SchemaName", 0, "Schema of the referencing table."},
    {"TableName", 'T', 128, "TableName", 0, "Referencing table."},
    {"ColumnName", 'T', 128, "ColumnName", 0, "Referencing column."},
    {"ForeignKeyName", 'T', 256, "ForeignKeyName", 0, "Name of the reference."},
    {"ReferencedCatalogName", 'T', 128, "ReferencedCatalogName", 0, "Catalog referenced."},
    {"ReferencedSchemaName", 'T', 256, "ReferencedSchemaName", 0, "Schema referenced."},
    {"ReferencedTableName", 'T', 128, "ReferencedTableName", 0, "Table referenced."},
    {"ReferencedColumnName", 'T', 128, "ReferencedColumnName", 0, "Column referenced."},
};
static const colspec sys_procedures_cols[] = {
    {"CatalogName", 'T', 128, "CatalogName", 0, "Catalog."},
    {"SchemaName", 'T', 256, "SchemaName", 0, "Schema."},
    {"ProcedureName", 'T', 128, "ProcedureName", 0, "Procedure."},
    {"Description", 'T', 1024, "Description", 0, "Description."},
};
static const colspec sys_procparams_cols[] = {
    {"CatalogName", 'T', 128, "CatalogName", 0, "Catalog."},
    {"SchemaName", 'T', 256, "SchemaName", 0, "Schema."},
    {"ProcedureName", 'T', 128, "ProcedureName", 0, "Procedure."},
    {"ColumnName", 'T', 128, "ColumnName", 0, "Parameter or result column."},
    {"Direction", 'I', 0, "Direction", 0, "1 input parameter, 3 result column."},
    {"DataTypeName", 'T', 32, "DataTypeName", 0, "Type name."},
    {"DataType", 'I', 0, "DataType", 0, "ODBC SQL type code."},
    {"Length", 'I', 0, "Length", 0, "Size."},
    {"Ordinal", 'I', 0, "Ordinal", 0, "Position (1 first)."},
    {"IsRequired", 'B', 0, "IsRequired", 0, "Whether the call fails without it."},
    {"Description", 'T', 1024, "Description", 0, "Description."},
};
static const colspec sys_props_cols[] = {
    {"Name", 'T', 64, "Name", 0, "Property name."},
    {"Value", 'T', 2048, "Value", 0, "Value in use (secrets are shown as ********)."},
    {"Default", 'T', 256, "Default", 0, "Default value."},
    {"IsSet", 'B', 0, "IsSet", 0, "Whether it was given explicitly."},
    {"IsSecret", 'B', 0, "IsSecret", 0, "Whether it is a secret (never shown)."},
    {"Description", 'T', 1024, "Description", 0, "Description."},
};
static const colspec sys_sqlinfo_cols[] = {
    {"Name", 'T', 64, "Name", 0, "Capability."},
    {"Value", 'T', 1024, "Value", 0, "Value."},
};

/* ================= the tables ================= */

#define ENVT(nm, ty, rem, c, pk, f, coll, k, noun) \
    {nm, ty, rem, c, N(c), pk, NULL, f, 0, coll, k, NULL, NULL, "Id", noun, P1_SCHEMA_ENV, 0, 0, \
     NULL, NULL, NULL, NULL, NULL, NULL, 0}
#define CHILD(nm, ty, rem, c, pk2, f, parent, pcol, coll, k, noun) \
    {nm, ty, rem, c, N(c), pk2 ? pcol : "Id", pk2, f, N(f), coll, k, parent, pcol, NULL, noun, \
     P1_SCHEMA_ENV, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0}
#define SYST(nm, c, id) \
    {nm, "SYSTEM TABLE", "System table: " nm ".", c, N(c), NULL, NULL, NULL, 0, NULL, NULL, NULL, \
     NULL, NULL, nm, P1_SCHEMA_SYS, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, id}

static const tablespec specs[] = {
    {"Users", "TABLE", "Users of the environment (custom schema attributes are extra columns).",
     users_cols, N(users_cols), "Id", NULL, users_fks, N(users_fks), "users", "users", NULL, NULL,
     "Id", "users", P1_SCHEMA_ENV, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"Populations", "TABLE", "Populations of the environment.", pop_cols, N(pop_cols), "Id", NULL,
     pop_fks, N(pop_fks), "populations", "populations", NULL, NULL, "Id", "populations",
     P1_SCHEMA_ENV, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"Groups", "TABLE", "Groups of the environment.", group_cols, N(group_cols), "Id", NULL, group_fks,
     N(group_fks), "groups", "groups", NULL, NULL, "Id", "groups", P1_SCHEMA_ENV, 0, 0, NULL, NULL,
     NULL, NULL, NULL, NULL, 0},
    {"UserGroupAssociations", "TABLE", "Groups each user belongs to (UserId pushed; without it, one "
     "request per user).", uga_cols, N(uga_cols), "UserId", "GroupId", uga_fks, N(uga_fks),
     "memberOfGroups", "groupMemberships", "users", "UserId", NULL, "group memberships",
     P1_SCHEMA_ENV, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"ParentGroupAssociations", "TABLE", "Groups each group is nested in (GroupId pushed; without it, "
     "one request per group).", pga_cols, N(pga_cols), "GroupId", "ParentGroupId", pga_fks,
     N(pga_fks), "memberOfGroups", "groupMemberships", "groups", "GroupId", NULL, "parent groups",
     P1_SCHEMA_ENV, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"GroupMembers", "VIEW", "Users of each group, direct or nested (read through the users filter "
     "memberOfGroups[id eq ...]).", gm_cols, N(gm_cols), "GroupId", "UserId", gm_fks, N(gm_fks),
     "users", "users", "groups", "GroupId", NULL, "group members", P1_SCHEMA_ENV, 0, 0, NULL, NULL,
     NULL, "memberOfGroups[id eq %s]", NULL, NULL, 0},
    ENVT("AdminRoles", "TABLE", "Administrator roles of the environment (built in and custom).",
         adminrole_cols, "Id", NULL, "roles", "roles", "administrator roles"),
    {"Roles", "VIEW", "Platform roles of PingOne (GET /roles).", role_cols, N(role_cols), "Id", NULL,
     NULL, 0, "roles", "roles", NULL, NULL, "Id", "platform roles", P1_SCHEMA_ENV, 1, 0, NULL, NULL,
     NULL, NULL, NULL, NULL, 0},
    CHILD("UserAdminRoleAssignments", "TABLE", "Administrator roles assigned to users.", ura_cols, NULL,
          ura_fks, "users", "UserId", "roleAssignments", "roleAssignments", "user role assignments"),
    CHILD("GroupAdminRoleAssignments", "TABLE", "Administrator roles assigned to groups.", gra_cols,
          NULL, gra_fks, "groups", "GroupId", "roleAssignments", "roleAssignments",
          "group role assignments"),
    CHILD("ApplicationAdminRoleAssignments", "TABLE", "Administrator roles assigned to applications.",
          ara_cols, NULL, ara_fks, "applications", "ApplicationId", "roleAssignments",
          "roleAssignments", "application role assignments"),
    ENVT("Applications", "VIEW", "Applications of every protocol.", app_cols, "Id", NULL,
         "applications", "applications", "applications"),
    {"OIDCApplications", "TABLE", "OpenID Connect applications.", oidc_cols, N(oidc_cols), "Id", NULL,
     NULL, 0, "applications", "applications", NULL, NULL, "Id", "applications", P1_SCHEMA_ENV, 0, 0,
     "protocol", "OPENID_CONNECT", NULL, NULL, NULL, NULL, 0},
    {"SAMLApplications", "TABLE", "SAML applications.", saml_cols, N(saml_cols), "Id", NULL, NULL, 0,
     "applications", "applications", NULL, NULL, "Id", "applications", P1_SCHEMA_ENV, 0, 0,
     "protocol", "SAML", NULL, NULL, NULL, NULL, 0},
    {"WSFederationApplications", "TABLE", "WS-Federation applications.", wsfed_cols, N(wsfed_cols),
     "Id", NULL, wsfed_fks, N(wsfed_fks), "applications", "applications", NULL, NULL, "Id",
     "applications", P1_SCHEMA_ENV, 0, 0, "protocol", "WS_FED", NULL, NULL, NULL, NULL, 0},
    CHILD("ApplicationAttributeMappings", "TABLE", "Attribute mappings of applications.", appattr_cols,
          NULL, appchild_fks, "applications", "ApplicationId", "attributes", "attributes",
          "attribute mappings"),
    CHILD("ApplicationAuthenticationPolicyAssignments", "TABLE", "Sign-on policies assigned to "
          "applications.", apppol_cols, NULL, apppol_fks, "applications", "ApplicationId",
          "signOnPolicyAssignments", "signOnPolicyAssignments", "sign-on policy assignments"),
    {"ApplicationAccessControlGroups", "VIEW", "Groups allowed to sign on to each application "
     "(from accessControl.group).", aacg_cols, N(aacg_cols), "ApplicationId", "GroupId", aacg_fks,
     N(aacg_fks), "applications", "applications", NULL, NULL, "ApplicationId", "applications",
     P1_SCHEMA_ENV, 0, 0, NULL, NULL, "accessControl.group.groups", NULL, NULL, NULL, 0},
    CHILD("ApplicationGrants", "VIEW", "Resource scopes granted to applications.", grant_cols, NULL,
          grant_fks, "applications", "ApplicationId", "grants", "grants", "grants"),
    ENVT("Resources", "TABLE", "Resources (APIs) that applications get tokens for.", res_cols, "Id",
         NULL, "resources", "resources", "resources"),
    CHILD("ResourceScopes", "TABLE", "Scopes of resources.", scope_cols, NULL, reschild_fks,
          "resources", "ResourceId", "scopes", "scopes", "resource scopes"),
    CHILD("ResourceAttributeMappings", "TABLE", "Attribute mappings of resources.", resattr_cols, NULL,
          reschild_fks, "resources", "ResourceId", "attributes", "attributes",
          "resource attribute mappings"),
    CHILD("UserSessions", "TABLE", "Sign-on sessions of users.", sess_cols, NULL, userchild_fks,
          "users", "UserId", "sessions", "sessions", "sessions"),
    CHILD("UserOAuthScopeConsents", "TABLE", "OAuth scope consents of users.", oauthc_cols, NULL,
          oauthc_fks, "users", "UserId", "oauthConsents", "oauthConsents", "OAuth consents"),
    CHILD("UserAgreementConsents", "VIEW", "Agreement consents of users.", agrc_cols, "Id", agrc_fks,
          "users", "UserId", "agreementConsents", "consents", "agreement consents"),
    ENVT("Agreements", "VIEW", "Agreements (terms of service) users consent to.", agr_cols, "Id",
         NULL, "agreements", "agreements", "agreements"),
    ENVT("AuthenticationPolicies", "VIEW", "Sign-on policies.", sop_cols, "Id", NULL,
         "signOnPolicies", "signOnPolicies", "sign-on policies"),
    CHILD("SignOnPolicyActions", "VIEW", "Steps of sign-on policies.", sopa_cols, NULL, sopa_fks,
          "signOnPolicies", "SignOnPolicyId", "actions", "actions", "sign-on policy actions"),
    {"IdentityProviders", "VIEW", "External identity providers.", idp_cols, N(idp_cols), "Id", NULL,
     idp_fks, N(idp_fks), "identityProviders", "identityProviders", NULL, NULL, "Id",
     "identity providers", P1_SCHEMA_ENV, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    ENVT("PasswordPolicies", "VIEW", "Password policies.", pwp_cols, "Id", NULL, "passwordPolicies",
         "passwordPolicies", "password policies"),
    ENVT("Schemas", "VIEW", "User schemas.", schema_cols, "Id", NULL, "schemas", "schemas", "schemas"),
    CHILD("SchemaAttributes", "VIEW", "Attributes of user schemas (custom ones are Users columns).",
          sattr_cols, NULL, sattr_fks, "schemas", "SchemaId", "attributes", "attributes",
          "schema attributes"),
    CHILD("UserDevices", "VIEW", "MFA devices of users.", dev_cols, NULL, userchild_fks, "users",
          "UserId", "devices", "devices", "MFA devices"),
    {"AuditActivities", "VIEW", "Audit events. A RecordedAt range is sent to PingOne; without one the "
     "last 7 days are read.", act_cols, N(act_cols), "Id", NULL, NULL, 0, "activities",
     "activities", NULL, NULL, "Id", "audit activities", P1_SCHEMA_ENV, 0, 0, NULL, NULL, NULL, NULL,
     "RecordedAt", "recordedAt", 0},
    ENVT("Gateways", "VIEW", "Gateways (LDAP, RADIUS, PingFederate).", gw_cols, "Id", NULL, "gateways",
         "gateways", "gateways"),
    CHILD("GatewayInstances", "VIEW", "Running instances of gateways.", gwi_cols, NULL, gwi_fks,
          "gateways", "GatewayId", "instances", "gatewayInstances", "gateway instances"),
    ENVT("CustomDomains", "VIEW", "Custom domains.", cd_cols, "Id", NULL, "customDomains",
         "customDomains", "custom domains"),
    ENVT("Certificates", "VIEW", "Certificates.", cert_cols, "Id", NULL, "certificates", "certificates",
         "certificates"),
    ENVT("Languages", "VIEW", "Languages.", lang_cols, "Id", NULL, "languages", "languages",
         "languages"),
    ENVT("NotificationTemplates", "VIEW", "Notification templates.", tmpl_cols, "Id", NULL, "templates",
         "templates", "notification templates"),
    ENVT("Subscriptions", "VIEW", "Webhook subscriptions.", sub_cols, "Id", NULL, "subscriptions",
         "subscriptions", "webhook subscriptions"),
    /* Information schema */
    {"Organizations", "VIEW", "Organizations the credentials can see.", org_cols, N(org_cols), "Id",
     NULL, NULL, 0, "organizations", "organizations", NULL, NULL, "Id", "organizations",
     P1_SCHEMA_INFO, 1, 1, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"Environments", "TABLE", "Environments the credentials can see.", env_cols, N(env_cols), "Id",
     NULL, env_fks, N(env_fks), "environments", "environments", NULL, NULL, "Id", "environments",
     P1_SCHEMA_INFO, 1, 1, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"Licenses", "VIEW", "Licenses of organizations.", lic_cols, N(lic_cols), "Id", NULL, lic_fks,
     N(lic_fks), "licenses", "licenses", "organizations", "OrganizationId", NULL, "licenses",
     P1_SCHEMA_INFO, 1, 1, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    /* system tables */
    SYST("sys_catalogs", sys_catalogs_cols, 1),
    SYST("sys_schemas", sys_schemas_cols, 2),
    SYST("sys_tables", sys_tables_cols, 3),
    SYST("sys_tablecolumns", sys_tablecolumns_cols, 4),
    SYST("sys_keycolumns", sys_keycolumns_cols, 5),
    SYST("sys_foreignkeys", sys_foreignkeys_cols, 6),
    SYST("sys_procedures", sys_procedures_cols, 7),
    SYST("sys_procedureparameters", sys_procparams_cols, 8),
    SYST("sys_connection_props", sys_props_cols, 9),
    SYST("sys_sqlinfo", sys_sqlinfo_cols, 10),
};

#define NTABLES N(specs)
#define MAXCOLS 64
#define MAXFKS 8

/** One built table. */
typedef struct built_table {
    table_def    def;
    table_col    cols[MAXCOLS];
    p1_col_src   src[MAXCOLS];
    p1_table_src ts;
    int          pk[2];
    table_fk     fks[MAXFKS];
} built_table;

static built_table built[NTABLES];
static pthread_once_t built_once = PTHREAD_ONCE_INIT;

int p1_col_index(const table_def *t, const char *name)
{
    for (int i = 0; name && i < t->ncols; i++)
        if (strcasecmp(t->cols[i].name, name) == 0)
            return i;
    return -1;
}

int p1_table_one_term(const table_def *t)
{
    const p1_table_src *ts = p1_table_source(t);
    for (int i = 0; i < t->ncols; i++)
        if (ts->src[i].ops & P1_OP_ONE)
            return 1;
    return 0;
}

/** Build one table from its spec. */
static void build_table(const tablespec *s, built_table *b)
{
    int n = 0;
    for (int i = 0; i < s->ncols && n < MAXCOLS - 1; i++, n++) {
        const colspec *c = &s->cols[i];
        table_col *tc = &b->cols[n];
        tc->name = c->name;
        tc->remarks = c->remarks;
        tc->nullable = c->kind != 'K';
        switch (c->kind) {
        case 'K': case 'T': case 'J': tc->type = SQLT_TEXT; tc->size = c->size; break;
        case 'B': tc->type = SQLT_BOOL; tc->size = 0; break;
        case 'I': tc->type = SQLT_INT; tc->size = 10; break;
        case 'L': tc->type = SQLT_INT; tc->size = 19; break;
        case 'D': tc->type = SQLT_DOUBLE; tc->size = 0; break;
        default: tc->type = SQLT_TIMESTAMP; tc->size = 0; break;
        }
        b->src[n].json_path = c->path;
        b->src[n].ops = c->ops;
    }
    if (s->kind != P1_SCHEMA_SYS) {
        b->cols[n] = (table_col){"RawJson", SQLT_TEXT, 65535, 1,
                                 "The whole item as PingOne returned it (JSON text)."};
        b->src[n] = (p1_col_src){P1_PATH_RAW, 0};
        n++;
    }
    b->def.catalog = NULL;
    b->def.schema = s->kind == P1_SCHEMA_INFO ? P1_INFO_SCHEMA : s->kind == P1_SCHEMA_SYS ? P1_SYS_SCHEMA : NULL;
    b->def.name = s->name;
    b->def.type = s->type;
    b->def.remarks = s->remarks;
    b->def.ncols = n;
    b->def.cols = b->cols;
    b->def.priv = &b->ts;
    int npk = 0;
    if (s->pk1 && (b->pk[npk] = p1_col_index(&b->def, s->pk1)) >= 0)
        npk++;
    if (s->pk2 && (b->pk[npk] = p1_col_index(&b->def, s->pk2)) >= 0)
        npk++;
    b->def.npk = npk;
    b->def.pk = b->pk;
    int nfk = 0;
    for (int i = 0; i < s->nfk && nfk < MAXFKS; i++) {
        int col = p1_col_index(&b->def, s->fks[i].col);
        if (col < 0)
            continue;
        b->fks[nfk++] = (table_fk){col, s->fks[i].ref_schema, s->fks[i].ref_table, s->fks[i].ref_col};
    }
    b->def.nfk = nfk;
    b->def.fks = nfk ? b->fks : NULL;
    b->ts.collection = s->collection;
    b->ts.embedded_key = s->key;
    b->ts.parent = s->parent;
    b->ts.parent_col = p1_col_index(&b->def, s->parent_col);
    b->ts.id_col = p1_col_index(&b->def, s->id_col);
    b->ts.noun = s->noun;
    b->ts.src = b->src;
    b->ts.kind = s->kind;
    b->ts.root = s->root;
    b->ts.no_or = s->no_or;
    b->ts.match_path = s->match_path;
    b->ts.match_value = s->match_value;
    b->ts.explode = s->explode;
    b->ts.member_filter = s->member_filter;
    b->ts.range_col = p1_col_index(&b->def, s->range_col);
    b->ts.range_attr = s->range_attr;
    b->ts.sys_id = s->sys_id;
}

/** Build every table (once). */
static void build_all(void)
{
    for (int i = 0; i < NTABLES; i++)
        build_table(&specs[i], &built[i]);
}

int p1_catalog_count(void)
{
    return NTABLES;
}

const table_def *p1_catalog_table(int i)
{
    pthread_once(&built_once, build_all);
    return i >= 0 && i < NTABLES ? &built[i].def : NULL;
}

const table_def *p1_catalog_find(const char *name)
{
    for (int i = 0; name && i < NTABLES; i++)
        if (strcasecmp(p1_catalog_table(i)->name, name) == 0)
            return p1_catalog_table(i);
    return NULL;
}
