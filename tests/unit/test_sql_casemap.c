/**
 * @file test_sql_casemap.c
 * UPPER and LOWER through the engine across scripts: Latin (with Extended-A/B
 * and Additional), Greek (final sigma, tonos, extended), Cyrillic, Armenian,
 * Georgian (Mkhedruli <-> Mtavruli), Cherokee, Glagolitic, Deseret,
 * fullwidth forms; characters without a one-character mapping stay; invalid
 * UTF-8 bytes pass through.
 */
#include "tests/tap.h"
#include "tests/unit/sql_test_util.h"

#include "sql/session.h"

static sql_session *S;

/** SELECT UPPER(s), LOWER(s) must give up|low. */
static void C(const char *s, const char *up, const char *low)
{
    char sql[512], want[512];
    snprintf(sql, sizeof sql, "SELECT UPPER('%s'), LOWER('%s')", s, s);
    snprintf(want, sizeof want, "%s|%s", up, low);
    is_str(run(S, sql), want, "%s", sql);
}

int main(void)
{
    plan_lazy();
    fake_provider *fp = fake_provider_new();
    S = sql_session_new(&fp->base, 2);
    C("abcXYZ 09!", "ABCXYZ 09!", "abcxyz 09!");
    C("Zoë Ÿvette àÿ", "ZOË ŸVETTE ÀŸ", "zoë ÿvette àÿ");
    C("Łódź Şişli Œuvre", "ŁÓDŹ ŞIŞLI ŒUVRE", "łódź şişli œuvre");
    C("ǅemal ǈ ȡȺƏ", "ǄEMAL Ǉ ȡȺƏ", "ǆemal ǉ ȡⱥə");
    C("Ngữ Việt ẞ", "NGỮ VIỆT ẞ", "ngữ việt ß");
    C("straße ŉ", "STRAßE ŉ", "straße ŉ");
    C("Ὀδυσσεύς", "ὈΔΥΣΣΕΎΣ", "ὀδυσσεύς");
    C("ΆΈΉΊΌΎΏ άέήίόύώ ς", "ΆΈΉΊΌΎΏ ΆΈΉΊΌΎΏ Σ", "άέήίόύώ άέήίόύώ ς");
    C("Москва Ёж ЎЇ ӁҐ", "МОСКВА ЁЖ ЎЇ ӁҐ", "москва ёж ўї ӂґ");
    C("Հայաստան", "ՀԱՅԱՍՏԱՆ", "հայաստան");
    C("საქართველო", "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ", "საქართველო");
    C("ႠႡ ⴀⴁ", "ႠႡ ႠႡ", "ⴀⴁ ⴀⴁ");
    C("ᏣᎳᎩ ꮳꮃꭹ", "ᏣᎳᎩ ᏣᎳᎩ", "ꮳꮃꭹ ꮳꮃꭹ");
    C("ⰀⰰⲀⲁ", "ⰀⰀⲀⲀ", "ⰰⰰⲁⲁ");
    C("𐐀𐐨 ＡＢｃ", "𐐀𐐀 ＡＢＣ", "𐐨𐐨 ａｂｃ");
    C("日本語 ١٢٣ ☃", "日本語 ١٢٣ ☃", "日本語 ١٢٣ ☃");
    C("İI ıi ſ Ω K Å", "İI II S Ω K Å", "ii ıi ſ ω k å");
    /* invalid UTF-8 passes through unchanged */
    is_str(run(S, "SELECT LENGTH(UPPER('a\xff" "b'))"), "3", "invalid byte kept");
    sql_session_free(S);
    return done_testing();
}
