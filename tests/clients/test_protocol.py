"""test_protocol.py - raw-socket protocol tests: malformed, truncated, out-of-order and
oversized packets get an error (1835, 1043, 1156, 1153, 1047) or a close, and the server
keeps serving fresh clients; split 16 MiB packets are joined; prepared-statement
commands on unknown handles answer exactly."""
import hashlib
import os
import random
import socket
import struct
import zlib

import pymysql

from duettest import Server, check, finish

CLIENT_PROTOCOL_41 = 1 << 9
CLIENT_SECURE_CONNECTION = 1 << 15
CLIENT_PLUGIN_AUTH = 1 << 19
CLIENT_PLUGIN_AUTH_LENENC = 1 << 21
CLIENT_DEPRECATE_EOF = 1 << 24
CLIENT_MULTI_RESULTS = 1 << 17


def frame(payload, seq):
    return struct.pack("<I", len(payload))[:3] + bytes([seq & 0xFF]) + payload


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError("closed after %d of %d bytes" % (len(buf), n))
        buf += chunk
    return buf


def read_packet(s):
    h = recv_exact(s, 4)
    n = h[0] | (h[1] << 8) | (h[2] << 16)
    return h[3], recv_exact(s, n)


def parse_err(p):
    if not p or p[0] != 0xFF:
        return None
    code = p[1] | (p[2] << 8)
    return code, p[9:].decode()


def closed(s, timeout=5):
    s.settimeout(timeout)
    try:
        return s.recv(1) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        return False


def response41(caps, user=b"root", auth=b"", plugin=b"caching_sha2_password"):
    p = struct.pack("<IIB", caps, 1 << 24, 46) + b"\0" * 23 + user + b"\0"
    p += bytes([len(auth)]) + auth + plugin + b"\0"
    return p


BASE_CAPS = (CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH
             | CLIENT_DEPRECATE_EOF | CLIENT_MULTI_RESULTS)


def login(srv):
    """A raw client logged in as root; returns the socket."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    seq, greet = read_packet(s)
    assert seq == 0 and greet[0] == 10
    s.sendall(frame(response41(BASE_CAPS), 1))
    seq, ok = read_packet(s)
    assert ok[0] == 0x00, ok
    return s


def command(s, payload):
    s.sendall(frame(payload, 0))
    return read_packet(s)


def still_serving(srv, label):
    try:
        c = pymysql.connect(host="127.0.0.1", port=srv.port, user="root", password="",
                            autocommit=True, connect_timeout=10)
        c.ping(reconnect=False)
        c.close()
        ok = True
    except Exception as e:
        ok = False
        label += ": " + repr(e)
    check("server still serves a fresh client after " + label, ok and srv.alive())


with Server() as srv:
    # Greeting checks.
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    seq, g = read_packet(s)
    ver_end = g.index(b"\0", 1)
    caps_lo = struct.unpack("<H", g[ver_end + 14:ver_end + 16])[0]
    caps_hi = struct.unpack("<H", g[ver_end + 19:ver_end + 21])[0]
    caps = caps_lo | (caps_hi << 16)
    check("greeting: protocol 10, version 8.0.11-duet-",
          g[0] == 10 and g[1:ver_end].startswith(b"8.0.11-duet-"))
    check("greeting: CLIENT_MYSQL bit 0 and PROTOCOL_41 set", caps & 1 and caps & CLIENT_PROTOCOL_41)
    check("greeting: no SESSION_TRACK or QUERY_ATTRIBUTES", not caps & (1 << 23) and not caps & (1 << 27))
    check("greeting: SSL offered (self-signed cert generated)", bool(caps & (1 << 11)))
    # A client without PROTOCOL_41.
    s.sendall(frame(response41(CLIENT_SECURE_CONNECTION), 1))
    seq, p = read_packet(s)
    check("client without PROTOCOL_41: 1043 Bad handshake", parse_err(p) == (1043, "Bad handshake"),
          p)
    check("... and the connection closes", closed(s))
    s.close()

    # Truncated handshake response.
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    read_packet(s)
    s.sendall(frame(struct.pack("<I", BASE_CAPS) + b"\x01\x02", 1))
    seq, p = read_packet(s)
    check("truncated handshake response: 1835",
          parse_err(p) == (1835, "Malformed communication packet."), p)
    check("... and the connection closes", closed(s))
    s.close()

    # Lenenc auth data longer than the packet.
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    read_packet(s)
    bad = struct.pack("<IIB", BASE_CAPS | CLIENT_PLUGIN_AUTH_LENENC, 1 << 24, 46) + b"\0" * 23
    bad += b"root\0" + b"\xfc\xff\xff" + b"abc"
    s.sendall(frame(bad, 1))
    seq, p = read_packet(s)
    check("lenenc auth data past the end: 1835", parse_err(p) is not None and parse_err(p)[0] == 1835, p)
    s.close()

    # Wrong sequence id on the first packet.
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    read_packet(s)
    s.sendall(frame(response41(BASE_CAPS), 5))
    seq, p = read_packet(s)
    check("out-of-order handshake packet: 1156", parse_err(p) == (1156, "Got packets out of order"), p)
    s.close()

    # Huge first packet header.
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    read_packet(s)
    s.sendall(b"\xff\xff\xf0\x01")
    seq, p = read_packet(s)
    check("oversized handshake packet: 1153",
          parse_err(p) == (1153, "Got a packet bigger than 'max_allowed_packet' bytes"), p)
    s.close()

    # Client disconnects mid-handshake and mid-packet.
    for junk in (b"", b"\x10\x00", b"\x10\x00\x00\x01abc"):
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        read_packet(s)
        s.sendall(junk)
        s.close()
    still_serving(srv, "clients vanishing mid-handshake")

    # Random garbage instead of a handshake response, 50 times.
    rnd = random.Random(4)
    for i in range(50):
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        read_packet(s)
        n = rnd.randint(1, 200)
        body = bytes(rnd.getrandbits(8) for _ in range(n))
        s.sendall(frame(body, 1))
        s.settimeout(5)
        try:
            s.recv(4096)
        except OSError:
            pass
        s.close()
    still_serving(srv, "50 random handshake payloads")

    # An empty plugin name (as JDBC sometimes sends) means mysql_native_password: the
    # native scramble is accepted directly, without an AuthSwitchRequest.
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    seq, g = read_packet(s)
    ver_end = g.index(b"\0", 1)
    scramble = g[ver_end + 5:ver_end + 13] + g[ver_end + 32:ver_end + 44]
    h1 = hashlib.sha1(b"pw1").digest()
    h2 = hashlib.sha1(h1).digest()
    mask = hashlib.sha1(scramble + h2).digest()
    auth = bytes(a ^ b for a, b in zip(h1, mask))
    s.sendall(frame(response41(BASE_CAPS, user=b"nat", auth=auth, plugin=b""), 1))
    seq, p = read_packet(s)
    check("empty plugin name is mysql_native_password: OK without a switch", p[0] == 0, p)
    s.close()

    # Command phase.
    s = login(srv)
    seq, p = command(s, b"\x0e")
    check("COM_PING: OK with sequence 1", seq == 1 and p[0] == 0)
    check("OK has AUTOCOMMIT status", p[0] == 0 and struct.unpack("<H", p[3:5])[0] & 2)
    seq, p = command(s, b"\x20")
    check("unknown command 0x20: 1047 Unknown command", parse_err(p) == (1047, "Unknown command"), p)
    seq, p = command(s, b"\x00")
    check("COM_SLEEP: 1047", parse_err(p) == (1047, "Unknown command"), p)
    seq, p = command(s, b"\x1b\x00\x00")
    check("COM_SET_OPTION: OK-style EOF (0xFE) with DEPRECATE_EOF", p[0] == 0xFE and len(p) >= 7, p)
    seq, p = command(s, b"\x09")
    check("COM_STATISTICS: text", p.startswith(b"Uptime: "), p)
    seq, p = command(s, b"\x17\x07\x00\x00\x00\x00\x01\x00\x00\x00")
    check("COM_STMT_EXECUTE on an unknown handle: 1243",
          parse_err(p) == (1243, "Unknown prepared statement handler (7) given to mysqld_stmt_execute"), p)
    seq, p = command(s, b"\x1a\x07\x00\x00\x00")
    check("COM_STMT_RESET on an unknown handle: 1243",
          parse_err(p) == (1243, "Unknown prepared statement handler (7) given to mysqld_stmt_reset"), p)
    s.sendall(frame(b"\x19\x07\x00\x00\x00", 0))  # COM_STMT_CLOSE: no reply
    s.sendall(frame(b"\x18\x07\x00\x00\x00\x00\x00data", 0))  # SEND_LONG_DATA: no reply
    seq, p = command(s, b"\x16SELECT ?")
    check("COM_STMT_PREPARE answers 1105 until the planner exists",
          parse_err(p) is not None and parse_err(p)[0] == 1105, p)
    seq, p = command(s, b"\x1c\x07\x00\x00\x00\x01\x00\x00\x00")
    check("COM_STMT_FETCH on an unknown handle: 1243", parse_err(p) is not None and parse_err(p)[0] == 1243, p)
    seq, p = command(s, b"\x04t\x00")
    check("COM_FIELD_LIST without a database: 1046", parse_err(p) == (1046, "No database selected"), p)
    seq, p = command(s, b"\x1f")
    check("COM_RESET_CONNECTION: OK", p[0] == 0, p)
    # Pipelined: two pings in one write get two answers.
    s.sendall(frame(b"\x0e", 0) + frame(b"\x0e", 0))
    a = read_packet(s)[1]
    b = read_packet(s)[1]
    check("two pipelined commands get two answers", a[0] == 0 and b[0] == 0)
    # A split COM_QUERY of 17 MiB is joined (and answered as one statement).
    big = b"\x03SELECT '" + b"x" * (17 * 1024 * 1024) + b"'"
    chunks = []
    seqn = 0
    off = 0
    while True:
        part = big[off:off + 0xFFFFFF]
        chunks.append(frame(part, seqn))
        seqn += 1
        off += len(part)
        if len(part) < 0xFFFFFF:
            break
    s.sendall(b"".join(chunks))
    seq, p = read_packet(s)
    check("17 MiB query split over 2 frames is joined: one answer, seq 2",
          seq == 2 and parse_err(p) is not None and parse_err(p)[0] == 1105, (seq, p[:80]))
    seq, p = command(s, b"\x0e")
    check("connection in sync after the split packet", p[0] == 0)
    # Empty command packet.
    seq, p = command(s, b"")
    check("empty command packet: 1835", parse_err(p) == (1835, "Malformed communication packet."), p)
    check("... and the connection closes", closed(s))
    s.close()

    # Out-of-order command packet.
    s = login(srv)
    s.sendall(frame(b"\x0e", 3))
    seq, p = read_packet(s)
    check("command with sequence 3: 1156", parse_err(p) == (1156, "Got packets out of order"), p)
    s.close()

    # Truncated COM_STMT_EXECUTE, COM_PROCESS_KILL, COM_SET_OPTION.
    for label, payload in (("COM_STMT_EXECUTE", b"\x17\x01"), ("COM_PROCESS_KILL", b"\x0c\x01"),
                           ("COM_SET_OPTION", b"\x1b"), ("COM_STMT_CLOSE", b"\x19\x01"),
                           ("COM_CHANGE_USER", b"\x11root")):
        s = login(srv)
        seq, p = command(s, payload)
        err = parse_err(p)
        check("truncated %s: 1835 and close" % label,
              err is not None and err[0] in (1835, 1243) and (err[0] != 1835 or closed(s)), p)
        s.close()

    # Over max_allowed_packet (64 MiB): 1153 and close.
    s = login(srv)
    frame_hdr = b"\xff\xff\xff"
    body = b"\x03" + b"y" * (0xFFFFFF - 1)
    try:
        s.sendall(frame_hdr + b"\x00" + body)
        filler = b"y" * 0xFFFFFF
        for i in range(1, 4):
            s.sendall(frame_hdr + bytes([i]) + filler)
        s.sendall(frame_hdr + b"\x04" + b"y" * 1024)
    except OSError:
        pass
    try:
        seq, p = read_packet(s)
        err = parse_err(p)
    except (EOFError, OSError) as e:
        err = repr(e)
    check("packet over max_allowed_packet: 1153",
          err == (1153, "Got a packet bigger than 'max_allowed_packet' bytes"), err)
    s.close()
    still_serving(srv, "bad command packets")

    # Change user over the raw protocol with a wrong password closes with 1045.
    s = login(srv)
    seq, p = command(s, b"\x11nat\x00\x00\x00" + b"\x2e\x00" + b"caching_sha2_password\x00")
    check("COM_CHANGE_USER naming another plugin gets AuthSwitchRequest", p[0] == 0xFE
          and p[1:].startswith(b"mysql_native_password\0"), p)
    s.sendall(frame(b"x" * 20, seq + 1))
    seq, p = read_packet(s)
    check("COM_CHANGE_USER with a wrong password: 1045",
          parse_err(p) == (1045, "Access denied for user 'nat'@'127.0.0.1' (using password: YES)"), p)
    s.close()

    # Clients that send a command and vanish (with a reset) before the answer is written.
    for i in range(30):
        s = login(srv)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.sendall(frame(b"\x03SELECT " + b"1," * 2000 + b"1", 0) + frame(b"\x0e", 0))
        s.close()
    still_serving(srv, "30 clients resetting mid-command")

    # Compressed protocol (zlib): a ping and a reply in compressed frames, then a corrupt
    # frame gets 1835 and a close.
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    read_packet(s)
    s.sendall(frame(response41(BASE_CAPS | (1 << 5)), 1))
    seq, ok = read_packet(s)
    check("login with CLIENT_COMPRESS: plain OK", ok[0] == 0, ok)
    inner = frame(b"\x0e", 0)
    s.sendall(struct.pack("<I", len(inner))[:3] + b"\x00" + b"\x00\x00\x00" + inner)
    h = recv_exact(s, 7)
    clen = h[0] | (h[1] << 8) | (h[2] << 16)
    body = recv_exact(s, clen)
    ulen = h[4] | (h[5] << 8) | (h[6] << 16)
    if ulen:
        body = zlib.decompress(body)
    check("compressed COM_PING answered in a compressed frame (cseq 1)",
          h[3] == 1 and body[4] == 0, (h, body))
    big = frame(b"\x03SELECT '" + b"z" * 4000 + b"'", 0)
    zb = zlib.compress(big)
    s.sendall(struct.pack("<I", len(zb))[:3] + b"\x00" + struct.pack("<I", len(big))[:3] + zb)
    h = recv_exact(s, 7)
    body = recv_exact(s, h[0] | (h[1] << 8) | (h[2] << 16))
    if h[4] | h[5] | h[6]:
        body = zlib.decompress(body)
    check("zlib-compressed COM_QUERY decoded and answered",
          parse_err(body[4:]) is not None and parse_err(body[4:])[0] == 1105, body[:60])
    s.sendall(b"\x10\x00\x00\x00\x40\x00\x00" + b"\x78\x9c" + b"garbage!garbage!"[:14])
    h = recv_exact(s, 7)
    body = recv_exact(s, h[0] | (h[1] << 8) | (h[2] << 16))
    if h[4] | h[5] | h[6]:
        body = zlib.decompress(body)
    check("corrupt compressed frame: 1835", parse_err(body[4:]) is not None
          and parse_err(body[4:])[0] == 1835, body)
    check("... and the connection closes", closed(s))
    s.close()
    still_serving(srv, "compressed-protocol errors")

finish()
