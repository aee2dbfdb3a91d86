#!/usr/bin/env python3
"""Generates collation_cases.txt: STRCMP results from MariaDB 10.11 for random pairs.
usage: gen_collation_cases.py SOCKET"""
import random, subprocess, sys
random.seed(11)
pool = list('aAbBcCzZ09 -_.,') + list('éÉèêëñÑßæÆøØåÅüÜçÇıİœŒ') + list('αΑβΒσςΣяЯёЁ') + \
       list('中文字日本語한국어') + ['\U0001F600', '\U0001F601', '\U00020000', 'ﬁ', 'Ⅻ', '①', '\u00a0', 'ss', 'SS', 'ae']
colls = ['utf8mb4_general_ci', 'utf8mb4_unicode_ci', 'utf8mb4_bin']
cases = []
for i in range(3000):
    a = ''.join(random.choice(pool) for _ in range(random.randint(0, 6)))
    if random.random() < 0.5:
        b = list(a)
        for _ in range(random.randint(0, 2)):
            if b and random.random() < 0.5:
                b[random.randrange(len(b))] = random.choice(pool)
            else:
                b.append(random.choice(pool + [' ', ' ']))
        b = ''.join(b)
    else:
        b = ''.join(random.choice(pool) for _ in range(random.randint(0, 6)))
    if random.random() < 0.2:
        a += ' ' * random.randint(1, 3)
    cases.append((colls[i % 3], a.encode().hex().upper(), b.encode().hex().upper()))
sql = ';'.join("select strcmp(convert(X'%s' using utf8mb4) collate %s, convert(X'%s' using utf8mb4) collate %s)"
               % (a, c, b, c) for c, a, b in cases)
out = subprocess.run(['mariadb', '-S', sys.argv[1], '-N', '-B'], input=sql + ';', capture_output=True, text=True, check=True)
res = out.stdout.splitlines()
assert len(res) == len(cases)
with open('collation_cases.txt', 'w') as f:
    f.write('# collation<TAB>hex(a)<TAB>hex(b)<TAB>STRCMP(a,b): generated with MariaDB 10.11\n')
    for (c, a, b), r in zip(cases, res):
        f.write('%s\t%s\t%s\t%s\n' % (c, a, b, r))
