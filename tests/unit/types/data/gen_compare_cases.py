#!/usr/bin/env python3
"""Generates compare_cases.txt: the sign of a <=> b comparisons across types from
MariaDB 10.11 ((a > b) - (a < b)).  usage: gen_compare_cases.py SOCKET"""
import random, subprocess, sys
random.seed(8)
vals = {
    'int': ['0', '1', '-1', '10', '20200102', '9223372036854775807', '-9223372036854775808', '123456'],
    'double': ['1.5e0', '-0.5e0', '10e0', '1e19', '0e0', '20200102e0'],
    'decimal': ['1.50', '10.0', '-0.50', '0.000', '123456.000001', '99999999999999999999.5'],
    'string': ['10', '9', 'abc', '1.5', ' 10', '1e1', '2020-01-02', '2020-1-2', '2020-01-02 00:00:01',
               '12:34:56', '0', '', '-1', '18446744073709551616', '1.50', '20200102'],
    'date': ['2020-01-02', '1999-12-31', '2020-01-03'],
    'datetime': ['2020-01-02 00:00:00', '2020-01-02 00:00:01', '1999-12-31 23:59:59.5'],
    'time': ['12:34:56', '-01:00:00', '838:59:59', '00:00:01'],
}
def lit(k, v):
    if k == 'string':
        return "'" + v + "'"
    if k == 'date':
        return "DATE'%s'" % v
    if k == 'datetime':
        return "CAST('%s' AS DATETIME(6))" % v
    if k == 'time':
        return "CAST('%s' AS TIME(6))" % v
    return v
pairs = [('int', 'int'), ('int', 'double'), ('int', 'decimal'), ('double', 'decimal'), ('string', 'int'),
         ('string', 'double'), ('string', 'decimal'), ('string', 'string'), ('date', 'string'),
         ('datetime', 'string'), ('date', 'datetime'), ('date', 'int'), ('datetime', 'int'), ('time', 'string'),
         ('time', 'time')]
# TIME against date-like or exponent strings and huge numbers: MariaDB goes its
# own way (through CURRENT_DATE); left out.
time_strings = ['10', '9', 'abc', '1.5', ' 10', '12:34:56', '0', '', '-1', '1.50']
cases = []
for ka, kb in pairs:
    for a in vals[ka]:
        for b in (time_strings if (ka, kb) == ('time', 'string') else vals[kb]):
            cases.append((ka, a, kb, b))
sql = ';'.join("select (%s > %s) - (%s < %s)" % (lit(ka, a), lit(kb, b), lit(ka, a), lit(kb, b))
               for ka, a, kb, b in cases)
out = subprocess.run(['mariadb', '-S', sys.argv[1], '-N', '-B'], input=sql + ';', capture_output=True,
                     text=True, check=True)
res = out.stdout.splitlines()
assert len(res) == len(cases)
with open('compare_cases.txt', 'w') as f:
    f.write('# kindA<TAB>a<TAB>kindB<TAB>b<TAB>sign of a <=> b: generated with MariaDB 10.11 '
            '((a > b) - (a < b)); strings compare with utf8mb4_bin\n')
    for (ka, a, kb, b), r in zip(cases, res):
        f.write('%s\t%s\t%s\t%s\t%s\n' % (ka, a, kb, b, r))
