/**
 * @file props_doc.c
 * Print the README's connection property reference (Markdown) from the
 * property table, so the documentation cannot drift from the code.
 * `make props-doc` writes it; a test checks README.md contains it.
 */
#include <stdio.h>

#include "common/props.h"

int main(void)
{
    printf("| Property | Default | Description |\n");
    printf("|---|---|---|\n");
    for (int i = 0; i < PROP__COUNT; i++) {
        const prop_def *d = &p1_prop_defs[i];
        printf("| `%s` | %s%s%s | %s%s |\n", d->name,
               d->default_value[0] ? "`" : "", d->default_value[0] ? d->default_value : "(none)",
               d->default_value[0] ? "`" : "", d->description, d->secret ? " *(secret)*" : "");
    }
    return 0;
}
