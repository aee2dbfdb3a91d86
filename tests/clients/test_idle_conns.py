"""test_idle_conns.py - 1,000 concurrent idle connections (handshake + auth each) are held,
stay usable, and are all released when the clients go away."""
import json
import resource
import socket
import struct
import time
import urllib.request

from duettest import Server, check, finish

N = 1000

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
want = min(hard, 8192)
if soft < want:
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


def frame(payload, seq):
    return struct.pack("<I", len(payload))[:3] + bytes([seq]) + payload


def read_packet(s):
    buf = b""
    while len(buf) < 4:
        c = s.recv(4 - len(buf))
        if not c:
            raise EOFError
        buf += c
    n = buf[0] | (buf[1] << 8) | (buf[2] << 16)
    body = b""
    while len(body) < n:
        c = s.recv(n - len(body))
        if not c:
            raise EOFError
        body += c
    return buf[3], body


CAPS = (1 << 9) | (1 << 15) | (1 << 19) | (1 << 24)
RESPONSE = struct.pack("<IIB", CAPS, 1 << 24, 46) + b"\0" * 23 + b"root\0\0caching_sha2_password\0"


def status(srv):
    url = "http://127.0.0.1:%d/status" % srv.status_port
    return json.loads(urllib.request.urlopen(url, timeout=10).read())


with Server() as srv:
    check("fd limit raised to at least %d" % (N + 100),
          resource.getrlimit(resource.RLIMIT_NOFILE)[0] >= N + 100)
    def rss_kib():
        with open("/proc/%d/status" % srv.proc.pid) as f:
            return int([l for l in f if l.startswith("VmRSS")][0].split()[1])

    rss0 = rss_kib()
    socks = []
    t0 = time.time()
    errors = 0
    for i in range(N):
        try:
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
            read_packet(s)
            s.sendall(frame(RESPONSE, 1))
            seq, ok = read_packet(s)
            if ok[0] != 0:
                errors += 1
            socks.append(s)
        except OSError:
            errors += 1
    check("%d connections authenticated in %.1fs" % (len(socks), time.time() - t0),
          len(socks) == N and errors == 0, "errors=%d" % errors)
    st = status(srv)
    check("/status reports %d connections" % N, st["connections"] == N, st)
    time.sleep(1)
    alive = 0
    for s in socks[::50]:
        s.sendall(frame(b"\x0e", 0))
        seq, p = read_packet(s)
        alive += p[0] == 0
    check("idle connections still answer COM_PING", alive == len(socks[::50]))
    rss1 = rss_kib()
    print("# server RSS %d KiB -> %d KiB with %d idle connections: %.1f KiB each "
          "(sanitizer builds inflate this)" % (rss0, rss1, N, (rss1 - rss0) / N))
    keep = socks[:100]
    for s in socks[100:]:
        s.close()
    deadline = time.time() + 20
    while time.time() < deadline and status(srv)["connections"] != len(keep):
        time.sleep(0.2)
    check("connections released as clients close (%d left)" % len(keep),
          status(srv)["connections"] == len(keep))
    # The server is stopped with these still open: it must close them and exit cleanly.

finish()
