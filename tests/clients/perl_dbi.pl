#!/usr/bin/perl
# DBI through DBD::ODBC against the emulator: selectall_arrayref, prepared
# statements with placeholders, table_info, column_info, error handling.
# Expected values come from the emulator's dataset (via python3).
use strict;
use warnings;
use utf8;
use Test::More;
use DBI;

binmode(STDOUT, ':encoding(UTF-8)');
binmode(Test::More->builder->output, ':encoding(UTF-8)');
binmode(Test::More->builder->failure_output, ':encoding(UTF-8)');

# Ask the dataset for the facts we check.
my $py = <<'PY';
import sys
sys.path.insert(0, sys.argv[1])
import dataset
env = dataset.build().envs[dataset.DEFAULT_ENV_ID]
u = {x["username"]: x for x in env.users}
print(len(env.users))
print(u["user0042"]["id"])
print(u["user0042"].get("email", ""))
print(len(env.populations))
print(u["josé"]["name"]["family"])
PY
my $pybin = $ENV{PYTHON3} || '/usr/bin/python3';
open(my $ph, '-|', $pybin, '-c', $py, "$ENV{top_srcdir}/tests/emulator") or die "python3: $!";
binmode($ph, ':encoding(UTF-8)');
chomp(my @facts = <$ph>);
close($ph);
my ($nusers, $id42, $email42, $npops, $jose_family) = @facts;

my $dbh = DBI->connect("dbi:ODBC:$ENV{P1_DSN}", '', '',
                       { RaiseError => 0, PrintError => 0, odbc_utf8_on => 1 });
ok($dbh, 'connect to the DSN') or BAIL_OUT("cannot connect: $DBI::errstr");

my $rows = $dbh->selectall_arrayref("SELECT Id, Email FROM Users WHERE Username = 'user0042'");
is_deeply($rows, [[$id42, $email42]], 'selectall_arrayref: user0042');

my $n = $dbh->selectrow_array('SELECT COUNT(*) FROM Users');
is($n, $nusers, "COUNT(*) is $nusers");

my $sth = $dbh->prepare('SELECT LastName FROM Users WHERE Username = ?');
ok($sth && $sth->execute('josé'), 'prepare + execute with a non-ASCII placeholder');
is(($sth->fetchrow_array)[0], $jose_family, 'non-ASCII value round-trips');
$sth->finish;

my $h = $dbh->selectall_arrayref('SELECT Name FROM Populations', { Slice => {} });
is(scalar(@$h), $npops, 'selectall_arrayref with Slice: every population');
ok(exists $h->[0]{Name}, 'hash rows keyed by column name');

my $ti = $dbh->table_info(undef, undef, '%', 'TABLE');
my @tables = map { $_->{TABLE_NAME} } @{ $ti->fetchall_arrayref({}) };
for my $t (qw(Users Populations Groups UserGroupAssociations)) {
    ok((grep { $_ eq $t } @tables), "table_info lists $t");
}

my $ti3 = $dbh->table_info(undef, undef, 'Users', 'TABLE');
my $schema = $ti3->fetchall_arrayref({})->[0]{TABLE_SCHEM};
ok(defined $schema, "Users lives in schema $schema");
my $ci = $dbh->column_info(undef, $schema, 'Users', '%');
my @cols = @{ $ci->fetchall_arrayref({}) };
my %col = map { $_->{COLUMN_NAME} => $_ } @cols;
is_deeply([map { $_->{COLUMN_NAME} } @cols[0..5]],
          [qw(Id Username Email FirstName MiddleName LastName)], 'column_info: Users columns in order');
is($col{Username}{TYPE_NAME}, 'WVARCHAR', 'Username is WVARCHAR') or diag(explain($col{Username}));
is($col{IsEnabled}{DATA_TYPE}, -7, 'IsEnabled is SQL_BIT');
is($col{CreatedAt}{DATA_TYPE}, 93, 'CreatedAt is SQL_TYPE_TIMESTAMP');
is($col{Id}{NULLABLE}, 0, 'Id is not nullable');

my $pk = $dbh->primary_key_info(undef, $schema, 'Users');
my $pkr = $pk ? $pk->fetchall_arrayref({}) : [];
is($pkr->[0]{COLUMN_NAME}, 'Id', 'primary_key_info: Id');

my $ok = $dbh->do('SELECT Nope FROM Users');
ok(!$ok, 'unknown column fails');
is($dbh->state, '42S22', 'state 42S22');
like($dbh->errstr, qr/Nope/, 'message names the column');

my $ti2 = $dbh->type_info_all;
ok($ti2 && @$ti2 > 1, 'type_info_all');
is($dbh->get_info(17), 'PingOne', 'get_info(SQL_DBMS_NAME)');

$dbh->disconnect;
done_testing();
