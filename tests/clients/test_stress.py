"""test_stress.py - 16 client threads for 20 seconds doing random things at once: connect
(both plugins, TLS or not), ping, statements, KILL of each other's connections, abrupt
closes and garbage packets. The server must stay up, answer throughout, release every
connection, and exit cleanly (sanitizers quiet)."""
import json
import random
import socket
import ssl
import struct
import threading
import time
import urllib.request

import pymysql

from duettest import Server, check, finish

THREADS = 16
SECONDS = 20
USERS = [("root", ""), ("nat", "pw1"), ("sha", "pw2")]


def tls_ctx():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def worker(srv, seed, ids, stats, lock):
    rnd = random.Random(seed)
    deadline = time.time() + SECONDS
    conns = []
    while time.time() < deadline:
        op = rnd.random()
        try:
            if op < 0.25 or not conns:
                user, pw = rnd.choice(USERS)
                kw = {"ssl": tls_ctx()} if rnd.random() < 0.3 else {}
                c = pymysql.connect(host="127.0.0.1", port=srv.port, user=user, password=pw,
                                    autocommit=True, connect_timeout=10, read_timeout=10, **kw)
                conns.append(c)
                with lock:
                    ids.append(c.thread_id())
                    stats["connect"] += 1
            elif op < 0.45:
                rnd.choice(conns).ping(reconnect=False)
                with lock:
                    stats["ping"] += 1
            elif op < 0.6:
                c = rnd.choice(conns)
                try:
                    c.cursor().execute("SELECT %d" % rnd.randint(0, 1000))
                except pymysql.err.OperationalError as e:
                    if e.args[0] != 1105:
                        raise
                with lock:
                    stats["query"] += 1
            elif op < 0.7:
                with lock:
                    victim = rnd.choice(ids) if ids else 0
                try:
                    rnd.choice(conns).kill(victim)
                except pymysql.err.MySQLError:
                    pass
                with lock:
                    stats["kill"] += 1
            elif op < 0.85:
                c = conns.pop(rnd.randrange(len(conns)))
                if rnd.random() < 0.5:
                    c.close()
                elif c._sock is not None:
                    c._sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
                    c._sock.close()
                with lock:
                    stats["close"] += 1
            else:
                s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
                s.recv(1024)
                n = rnd.randint(0, 64)
                s.sendall(bytes(rnd.getrandbits(8) for _ in range(n)))
                s.close()
                with lock:
                    stats["garbage"] += 1
        except (pymysql.err.MySQLError, OSError) as e:
            # A connection killed by another thread fails: drop it and go on.
            for c in list(conns):
                if not c.open:
                    conns.remove(c)
            with lock:
                stats["expected_errors"] += 1
                stats.setdefault("last_error", repr(e))
    for c in conns:
        try:
            c.close()
        except Exception:
            pass


with Server() as srv:
    ids, lock = [], threading.Lock()
    stats = {k: 0 for k in ("connect", "ping", "query", "kill", "close", "garbage",
                            "expected_errors")}
    threads = [threading.Thread(target=worker, args=(srv, i, ids, stats, lock))
               for i in range(THREADS)]
    for t in threads:
        t.start()
    # Meanwhile a steady client keeps getting prompt answers.
    steady = pymysql.connect(host="127.0.0.1", port=srv.port, user="root", password="",
                             autocommit=True)
    worst = 0.0
    end = time.time() + SECONDS - 2
    steady_ok = True
    while time.time() < end:
        t0 = time.time()
        try:
            steady.ping(reconnect=False)
        except pymysql.err.MySQLError:
            # Another thread may KILL it: reconnect and continue.
            steady = pymysql.connect(host="127.0.0.1", port=srv.port, user="root",
                                     password="", autocommit=True)
        worst = max(worst, time.time() - t0)
        time.sleep(0.05)
    for t in threads:
        t.join()
    try:
        steady.close()
    except Exception:
        pass
    print("# %s" % json.dumps(stats))
    check("workers made progress (%d connects, %d pings, %d queries)"
          % (stats["connect"], stats["ping"], stats["query"]),
          stats["connect"] > 100 and stats["ping"] > 100)
    check("server alive after the storm", srv.alive())
    check("a steady client's worst ping under 2 s (%.3f s)" % worst, worst < 2.0 and steady_ok)
    url = "http://127.0.0.1:%d/status" % srv.status_port
    deadline = time.time() + 20
    n = -1
    while time.time() < deadline:
        n = json.loads(urllib.request.urlopen(url, timeout=5).read())["connections"]
        if n == 0:
            break
        time.sleep(0.2)
    check("every connection released (%d left)" % n, n == 0)

finish()
