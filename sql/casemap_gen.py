#!/usr/bin/python3
"""Generate the case mapping tables of sql/casemap.c from Python's Unicode data.

Prints the two C arrays (to_lower, to_upper) on stdout; paste them into
casemap.c. A mapping is kept when it is a single character (Python's full
mappings that produce several characters, e.g. the uppercase of U+00DF, are
left out), plus the simple lowercase of U+0130. Verifies the runs before printing.
"""
import sys


def mapping(fn):
    m = {}
    for cp in range(0x80, 0x20000):
        c = chr(cp)
        r = fn(c)
        if len(r) == 1 and ord(r) != cp:
            m[cp] = ord(r)
    return m
def runs(m):
    """Disjoint runs (first, last, delta, step): step 1 = consecutive code points with the same
    delta; step 2 = every other code point with the same delta, the ones between unmapped."""
    out = []
    cps = sorted(m)
    done = set()
    for a in cps:
        if a in done:
            continue
        d = m[a] - a
        b1 = a
        while b1 + 1 in m and m[b1 + 1] - (b1 + 1) == d and b1 + 1 not in done:
            b1 += 1
        b2 = a
        while (b2 + 2 in m and m[b2 + 2] - (b2 + 2) == d and b2 + 1 not in m and b2 + 2 not in done):
            b2 += 2
        if (b2 - a) // 2 > b1 - a:
            out.append((a, b2, d, 2))
            done.update(range(a, b2 + 1, 2))
        else:
            out.append((a, b1, d, 1))
            done.update(range(a, b1 + 1))
    return sorted(out)
lo = mapping(str.lower); up = mapping(str.upper)
lo[0x130] = 0x69  # simple lowercase of U+0130 (its full mapping has two characters)
L = runs(lo); U = runs(up)
print(len(L), len(U), file=sys.stderr)
def emit(name, R):
    print("static const case_run %s[] = {" % name)
    line = "   "
    for a, b, d, s in R:
        item = " { 0x%X, 0x%X, %d, %d }," % (a, b, d, s)
        if len(line) + len(item) > 110:
            print(line); line = "   "
        line += item
    print(line)
    print("};")
emit("to_lower", L); emit("to_upper", U)
# verify
def apply(R, cp):
    for a, b, d, s in R:
        if a <= cp <= b and (cp - a) % s == 0:
            return cp + d
    return cp
for cp in range(0x80, 0x20000):
    assert apply(L, cp) == lo.get(cp, cp), hex(cp)
    assert apply(U, cp) == up.get(cp, cp), hex(cp)
print("verified", file=sys.stderr)
