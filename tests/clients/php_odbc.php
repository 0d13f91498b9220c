<?php
// PHP odbc extension through unixODBC against the emulator; prints TAP.
// Facts from the dataset arrive in P1_FACTS: count|id42|email42|jose_family.
$n = 0; $failed = 0;
function ok($cond, $name) {
    global $n, $failed;
    $n++;
    if ($cond) { echo "ok $n - $name\n"; } else { echo "not ok $n - $name\n"; $failed++; }
}
list($count, $id42, $email42, $jose) = explode('|', getenv('P1_FACTS'));

$c = @odbc_connect(getenv('P1_DSN'), '', '');
ok($c !== false, 'odbc_connect to the DSN');
if ($c === false) { echo "# " . odbc_errormsg() . "\n1..$n\n"; exit(1); }

$r = odbc_exec($c, "SELECT Id, Email, IsEnabled FROM Users WHERE Username = 'user0042'");
ok($r !== false, 'odbc_exec SELECT');
$row = $r ? odbc_fetch_array($r) : false;
ok($row && $row['Id'] === $id42, 'odbc_fetch_array: Id of user0042');
ok($row && $row['Email'] === $email42, 'odbc_fetch_array: Email of user0042');
ok($row && ($row['IsEnabled'] === '1' || $row['IsEnabled'] === '0'), 'BIT arrives as 1/0');
ok($r && odbc_fetch_array($r) === false, 'one row only');

$r = odbc_exec($c, 'SELECT COUNT(*) AS N FROM Users');
$row = $r ? odbc_fetch_array($r) : false;
ok($row && (int)$row['N'] === (int)$count, "COUNT(*) is $count");

$r = odbc_exec($c, "SELECT LastName FROM Users WHERE Username = 'josé'");
$row = $r ? odbc_fetch_array($r) : false;
ok($row && $row['LastName'] === $jose, 'UTF-8 text in and out');

$p = odbc_prepare($c, 'SELECT Username FROM Users WHERE Username = ?');
ok($p && odbc_execute($p, array('user0042')), 'odbc_prepare + odbc_execute with a parameter');
$row = $p ? odbc_fetch_array($p) : false;
ok($row && $row['Username'] === 'user0042', 'parameter result');

$r = odbc_exec($c, 'SELECT Username FROM Users ORDER BY Username LIMIT 5');
$k = 0;
while ($r && odbc_fetch_row($r)) { $k++; }
ok($k === 5, 'odbc_fetch_row loop: 5 rows');

$t = odbc_tables($c);
$names = array();
while ($t && ($row = odbc_fetch_array($t))) { $names[] = $row['TABLE_NAME']; }
foreach (array('Users', 'Populations', 'Groups', 'UserGroupAssociations') as $want) {
    ok(in_array($want, $names, true), "odbc_tables lists $want");
}
$cols = odbc_columns($c, null, null, 'Users');
$cn = array();
while ($cols && ($row = odbc_fetch_array($cols))) { $cn[] = $row['COLUMN_NAME']; }
ok(array_slice($cn, 0, 3) === array('Id', 'Username', 'Email'), 'odbc_columns: Users columns in order');

$r = @odbc_exec($c, 'SELECT Id FROM NoSuchTable');
ok($r === false, 'unknown table fails');
// php-odbc allocates its environment with SQLAllocEnv (an ODBC 2 application),
// so it sees ODBC 2's S0002 for 42S02.
ok(in_array(odbc_error($c), array('S0002', '42S02'), true), 'odbc_error is S0002/42S02 (' . odbc_error($c) . ')');
ok(strpos(odbc_errormsg($c), 'NoSuchTable') !== false, 'odbc_errormsg names the table');

odbc_close($c);
echo "1..$n\n";
exit($failed ? 1 : 0);
