"""test_capi.py - builds capi_client.c against libmariadb and runs it against duet."""
import os
import shutil
import subprocess
import tempfile

from duettest import Server, check, finish

here = os.path.dirname(os.path.abspath(__file__))
workdir = tempfile.mkdtemp(prefix="duet-capi-")
exe = os.path.join(workdir, "capi_client")
flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libmariadb"], capture_output=True,
                       text=True)
if flags.returncode != 0:
    check("libmariadb development files present", False, flags.stderr)
    finish()
cc = subprocess.run(["cc", "-O1", "-Wall", "-o", exe, os.path.join(here, "capi_client.c")]
                    + flags.stdout.split(), capture_output=True, text=True)
check("capi_client.c compiles", cc.returncode == 0, cc.stderr)
if cc.returncode == 0:
    with Server() as srv:
        p = subprocess.run([exe, str(srv.port)], capture_output=True, text=True, timeout=300)
        for line in p.stdout.splitlines():
            if line.startswith("ok - "):
                check(line[5:], True)
            elif line.startswith("FAIL - "):
                check(line[7:], False)
            else:
                print(line)
        check("capi_client exits 0", p.returncode == 0, p.stderr[-2000:])
shutil.rmtree(workdir, ignore_errors=True)
finish()
