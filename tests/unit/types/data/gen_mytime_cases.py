import subprocess
def q(sqls):
    out = subprocess.run(['mariadb','-S','/tmp/hty/m.sock','-N','-B'], input=';'.join(sqls) + ';', capture_output=True, text=True)
    lines = out.stdout.splitlines()
    assert len(lines) == len(sqls), (len(lines), len(sqls), out.stderr[:300])
    return lines
def esc(s): return "'" + s.replace("\\","\\\\").replace("'","''") + "'"
dt_inputs = ['2020-01-02', '2020-01-02 03:04:05', '2020-1-2 3:4:5', '20-01-02', '69-12-31', '70-01-01', '99-12-31 23:59:59',
 '2020/01/02', '2020.01.02 03.04.05', '2020^01^02 03+04+05', '2020-01-02T03:04:05', '2020-01-02 03:04:05.123456',
 '2020-01-02 03:04:05.1234567', '2020-01-02 03:04:05.9999995', '2020-12-31 23:59:59.9999999', '20200102', '200102',
 '20200102030405', '200102030405', '20200102030405.5', '2020-02-29', '2021-02-29', '2020-04-31', '2020-13-01',
 '2020-01-32', '2020-01-02 24:00:00', '2020-01-02 23:60:00', '0000-00-00', '0000-00-00 00:00:00', '2020-00-00',
 '2020-01-00', 'abc', '', '2020-01', '  2020-01-02  ', '2020-01-02 xyz', '2020-01-02 03:04', '2020-01-02 03',
 '1000-01-01', '9999-12-31 23:59:59.999999', '0001-01-01', '2020-1-2', '2020--01--02', '12-1-1', '1-1-1',
 '2020-01-02 03:04:05.5', '2020-01-02 3:4:5.06', '19991231235959', '991231', '000101', '2020-01-02 03:04:05 ',
 '2020-01-0203:04:05', '2020-01-02  03:04:05']
time_inputs = ['12:34:56', '-12:34:56', '838:59:59', '839:00:00', '-838:59:59', '1 02:03:04', '-1 02:03:04', '34 22:59:59',
 '35 00:00:00', '123456', '1234', '12', '12:34', '12:60:00', '12:34:60', '12:34:56.789', '12:34:56.7777777', 'abc',
 '2020-01-02 03:04:05', '2020-01-02 03:04:05.678', '00:00:00', '-00:00:01', '1 2', '12:34:56 x', '8385959', '8395959',
 '0.5', '1.999999', '12:34:56.9999995', '100:00:00']
fmt_dates = ['2020-01-02 03:04:05.123456', '1999-12-31 23:59:59', '2021-01-01 00:00:00', '2024-02-29 12:00:00',
 '2018-12-31 13:14:15', '2008-01-06 07:08:09', '2000-01-01 00:00:00', '2005-01-01 11:59:59', '2019-12-30 12:00:01',
 '1998-01-03 01:02:03', '2026-11-22 15:30:00']
fmt = '%a|%b|%c|%D|%d|%e|%f|%H|%h|%I|%i|%j|%k|%l|%M|%m|%p|%r|%S|%s|%T|%U|%u|%V|%v|%W|%w|%X|%x|%Y|%y|%%|%q'
intervals = [('2020-01-31 00:00:00', "1", 'MONTH'), ('2020-01-31 00:00:00', "13", 'MONTH'), ('2020-02-29 00:00:00', "1", 'YEAR'),
 ('2020-01-01 00:00:00', "-1", 'DAY'), ('2020-01-01 00:00:00', "'1 2'", 'DAY_HOUR'), ('2020-01-01 00:00:00', "'1:10'", 'DAY_SECOND'),
 ('2020-01-01 00:00:00', "'1 1:1:1.5'", 'DAY_MICROSECOND'), ('2020-01-01 00:00:00', "'1.5'", 'SECOND_MICROSECOND'),
 ('2020-01-01 00:00:00', "'-1 10'", 'DAY_HOUR'), ('2020-01-01 00:00:00', "1", 'QUARTER'), ('2020-01-01 00:00:00', "2", 'WEEK'),
 ('2020-01-01 00:00:00', "'2-3'", 'YEAR_MONTH'), ('2020-01-01 00:00:00', "'1:2'", 'HOUR_MINUTE'), ('2020-01-01 00:00:00', "'1:2:3'", 'HOUR_SECOND'),
 ('2020-01-01 00:00:00', "'1:2:3.4'", 'HOUR_MICROSECOND'), ('2020-01-01 00:00:00', "'2:3.000004'", 'MINUTE_MICROSECOND'),
 ('2020-01-01 00:00:00', "'2:3'", 'MINUTE_SECOND'), ('2020-01-01 00:00:00', "'1 2:3'", 'DAY_MINUTE'), ('2020-01-01 00:00:00', "1000000", 'MICROSECOND'),
 ('2020-01-01 00:00:00', "90", 'SECOND'), ('2020-01-01 00:00:00', "1.5", 'SECOND'), ('2020-01-01 00:00:00', "-90", 'MINUTE'), ('2020-01-01 00:00:00', "25", 'HOUR'),
 ('9999-12-31 00:00:00', "1", 'DAY'), ('0001-01-01 00:00:00', "-1", 'YEAR'), ('2020-03-31 10:00:00', "-1", 'MONTH'), ('2020-01-01 00:00:00', "'1 1 1'", 'DAY_HOUR'),
 ('2020-01-01 00:00:00', "1", 'DAY_HOUR'), ('2020-01-01 00:00:00', "'3.5'", 'DAY'), ('2020-01-01 00:00:00', "'3.4'", 'DAY'), ('2020-01-01 12:00:00', "-100000", 'DAY')]
sqls = []; meta = []
for s in dt_inputs:
    sqls.append("select ifnull(cast(%s as datetime(6)),'NULL')" % esc(s)); meta.append(('datetime6', s))
    sqls.append("select ifnull(cast(%s as datetime),'NULL')" % esc(s)); meta.append(('datetime0', s))
    sqls.append("select ifnull(cast(%s as date),'NULL')" % esc(s)); meta.append(('date', s))
for s in time_inputs:
    sqls.append("select ifnull(cast(%s as time(6)),'NULL')" % esc(s)); meta.append(('time6', s))
    sqls.append("select ifnull(cast(%s as time),'NULL')" % esc(s)); meta.append(('time0', s))
import random as _rr
_rr.seed(12)
for _ in range(300):
    fmt_dates.append('%04d-%02d-%02d %02d:%02d:%02d.%06d' % (_rr.randint(1000, 9999), _rr.randint(1, 12), _rr.randint(1, 28),
                     _rr.randint(0, 23), _rr.randint(0, 59), _rr.randint(0, 59), _rr.randint(0, 999999)))
for d in fmt_dates:
    sqls.append("select date_format(%s, %s)" % (esc(d), esc(fmt))); meta.append(('format', d))
    for m in range(8):
        sqls.append("select week(%s, %d)" % (esc(d), m)); meta.append(('week%d' % m, d))
for d, v, u in intervals:
    sqls.append("select ifnull(date_add(cast(%s as datetime(6)), interval %s %s),'NULL')" % (esc(d), v, u)); meta.append(('add', '%s|%s|%s' % (d, v.strip("'"), u)))
strtodate = [('2020', '%Y-%m'), ('2020-5', '%Y-%m'), ('01/02/2020 3:04:05 PM', '%m/%d/%Y %h:%i:%s %p'),
 ('2020-01-02xyz', '%Y-%m-%d'), ('20-1-2', '%y-%m-%d'), ('Jan 5 2020', '%b %e %Y'), ('2004-04-31', '%Y-%m-%d'),
 ('12:34:56.789', '%H:%i:%s.%f'), ('2020 32', '%Y %j'), ('  2020-01-02', '%Y-%m-%d'), ('2020-01-02', '  %Y-%m-%d'),
 ('January 05, 2020', '%M %d, %Y'), ('13:00 PM', '%h:%i %p'), ('2020-01-02 10', '%Y-%m-%d %H:%i'),
 ('12:00:00 AM', '%r'), ('12:30:00 PM', '%r'), ('23:59:58', '%T'), ('99-12-31', '%Y-%m-%d'), ('5', '%Y'),
 ('2020-13-01', '%Y-%m-%d'), ('abc', '%Y'), ('Friday 2020-01-03', '%W %Y-%m-%d'), ('Fri 2020', '%a %Y'),
 ('2020/01/02', '%Y-%m-%d'), ('2020-01-02 7pm', '%Y-%m-%d %l%p'), ('2021 366', '%Y %j'),
 ('2020 366', '%Y %j'), ('10.5', '%s.%f'), ('2020-01-02 03:04:05.1234567', '%Y-%m-%d %H:%i:%s.%f')]
for st, fm in strtodate:
    sqls.append("select ifnull(str_to_date(%s, %s),'NULL')" % (esc(st), esc(fm))); meta.append(('strtodate', st + '|' + fm))
diffs = []
import random as _r
_r.seed(3)
units = ['MICROSECOND','SECOND','MINUTE','HOUR','DAY','WEEK','MONTH','QUARTER','YEAR']
base = ['2020-01-31 00:00:00', '2020-02-29 12:00:00', '2000-02-29 00:00:00', '2001-02-28 23:59:59.999999',
        '2019-12-31 23:59:59.5', '2020-01-01 00:00:00.25', '1999-03-31 10:00:00', '2024-03-31 10:00:00.000001']
for a in base:
    for b in base:
        u = units[_r.randrange(len(units))]
        diffs.append((u, a, b))
for u, a, b in diffs:
    sqls.append("select timestampdiff(%s, %s, %s)" % (u, esc(a), esc(b))); meta.append(('tsdiff', '%s|%s|%s' % (u, a, b)))
res = q(sqls)
with open('/work/main/tests/unit/types/data/mytime_cases.txt', 'w') as f:
    f.write('# kind<TAB>input<TAB>expected: generated with MariaDB 10.11 (CAST / DATE_FORMAT / WEEK / DATE_ADD)\n')
    f.write('# date_format pattern: ' + fmt + '\n')
    for (k, s), r in zip(meta, res):
        f.write('%s\t%s\t%s\n' % (k, s, r))
print(len(res))
# Rows where MySQL 8 documents a different result than MariaDB gives.
ROUND = 'MySQL 8 rounds fractional seconds to the target precision (MariaDB truncates)'
overrides = {
 ('datetime6', '2020-01-02 03:04:05.1234567'): ('2020-01-02 03:04:05.123457', ROUND),
 ('datetime6', '2020-01-02 03:04:05.9999995'): ('2020-01-02 03:04:06.000000', ROUND),
 ('datetime0', '2020-01-02 03:04:05.9999995'): ('2020-01-02 03:04:06', ROUND),
 ('datetime6', '2020-12-31 23:59:59.9999999'): ('2021-01-01 00:00:00.000000', ROUND),
 ('datetime0', '2020-12-31 23:59:59.9999999'): ('2021-01-01 00:00:00', ROUND),
 ('datetime0', '20200102030405.5'): ('2020-01-02 03:04:06', ROUND),
 ('datetime0', '9999-12-31 23:59:59.999999'): ('NULL', ROUND + '; the carry leaves the DATETIME range'),
 ('datetime0', '2020-01-02 03:04:05.5'): ('2020-01-02 03:04:06', ROUND),
 ('time0', '12:34:56.789'): ('12:34:57', ROUND),
 ('time6', '12:34:56.7777777'): ('12:34:56.777778', ROUND),
 ('time0', '12:34:56.7777777'): ('12:34:57', ROUND),
 ('time0', '2020-01-02 03:04:05.678'): ('03:04:06', ROUND),
 ('time0', '0.5'): ('00:00:01', ROUND),
 ('time0', '1.999999'): ('00:00:02', ROUND),
 ('time6', '12:34:56.9999995'): ('12:34:57.000000', ROUND),
 ('time0', '12:34:56.9999995'): ('12:34:57', ROUND),
 ('time6', '839:00:00'): ('838:59:59.000000', 'MySQL 8 TIME maximum is 838:59:59.000000'),
 ('time6', '35 00:00:00'): ('838:59:59.000000', 'MySQL 8 TIME maximum is 838:59:59.000000'),
 ('time6', '8395959'): ('838:59:59.000000', 'MySQL 8 TIME maximum is 838:59:59.000000'),
 ('time6', '1 2'): ('26:00:00.000000', "MySQL 8 documents 'D HH' (MariaDB reads seconds)"),
 ('time0', '1 2'): ('26:00:00', "MySQL 8 documents 'D HH' (MariaDB reads seconds)"),
}
rows = open('/work/main/tests/unit/types/data/mytime_cases.txt').read().splitlines()
outl = []
for r in rows:
    if r.startswith('#'): outl.append(r); continue
    k, s, v = r.split('\t')
    if (k, s) in overrides:
        nv, note = overrides[(k, s)]
        r = '%s\t%s\t%s\t# %s; MariaDB: %s' % (k, s, nv, note, v)
    outl.append(r)
open('/work/main/tests/unit/types/data/mytime_cases.txt','w').write('\n'.join(outl) + '\n')
