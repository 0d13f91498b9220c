/* Unit tests: statement text for the log hides procedure-call literals. */
#include <stdlib.h>

#include "sql/redact.h"
#include "tests/tap.h"

static void check(const char *sql, const char *want, const char *name)
{
    char *got = sql_text_for_log(sql);
    is_str(got, want, "%s", name);
    free(got);
}

int main(void)
{
    check("SELECT Id FROM Users WHERE Username = 'user0042'",
          "SELECT Id FROM Users WHERE Username = 'user0042'", "queries are logged as written");
    check("EXEC GetOAuthAccessToken @AuthMode='WEB', @Verifier='c0de-s3cret'",
          "EXEC GetOAuthAccessToken @AuthMode='***', @Verifier='***'", "EXEC literals hidden");
    check("  execute RefreshOAuthAccessToken @OAuthRefreshToken = 'it''s-a-token'",
          "  execute RefreshOAuthAccessToken @OAuthRefreshToken = '***'", "doubled quote inside a literal");
    check("{call GetOAuthAccessToken('WEB', 'v3rifier')}",
          "{call GetOAuthAccessToken('***', '***')}", "{call} literals hidden");
    check("{? = call X('a')}", "{? = call X('***')}", "{? = call} literals hidden");
    check("CALL RefreshOAuthAccessToken('tok') -- 'also secret'",
          "CALL RefreshOAuthAccessToken('***') ", "comments dropped from calls");
    check("/* note */ EXEC P @A='x'", "  EXEC P @A='***'", "leading comment before EXEC");
    check("EXEC P @A=?", "EXEC P @A=?", "parameters are not values");
    check("EXEC P @A='unterminated", "EXEC P @A='***'", "unterminated literal");
    check("SELECT 'EXEC' AS x", "SELECT 'EXEC' AS x", "EXEC inside a literal is not a call");
    ok(!sql_is_procedure_call("EXECUTED"), "EXECUTED is not EXECUTE");
    ok(sql_is_procedure_call("{ call X }"), "spaces inside the escape");
    ok(sql_text_for_log(NULL) == NULL, "NULL stays NULL");
    return done_testing();
}
