"""Starts netbox-sim as a real process for the pynetbox tests.

The binary comes from $NETBOX_SIM (CTest passes it), the inventories from
the project's testdata/ folder.
"""
import json
import os
import subprocess
import tempfile
import time
import urllib.request

SOURCE_DIR = os.environ.get(
    "NBR_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))
WORKSHOP = os.path.join(SOURCE_DIR, "testdata", "netbox-data", "workshop-netbox-3.4.json")
DEMO = os.path.join(SOURCE_DIR, "testdata", "netbox-data", "netbox-demo-3.6.json")
TOKEN = "0123456789abcdef0123456789abcdef01234567"


class SimProcess:
    """netbox-sim on 127.0.0.1 and a free port; stop() ends it."""

    def __init__(self, *args):
        binary = os.environ.get("NETBOX_SIM")
        if not binary:
            raise RuntimeError("set NETBOX_SIM to the netbox-sim binary")
        self._dir = tempfile.TemporaryDirectory(prefix="netbox-sim-py-")
        ready = os.path.join(self._dir.name, "ready")
        self._log = open(os.path.join(self._dir.name, "log"), "w+")
        self.proc = subprocess.Popen(
            [binary, "--listen", "127.0.0.1:0", "--ready-file", ready, *args],
            stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while time.time() < deadline:
            if os.path.exists(ready):
                with open(ready) as f:
                    self.url = f.read().strip()
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.01)
        self.stop()
        raise RuntimeError("netbox-sim did not start")

    def control(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as resp:
            return json.loads(resp.read() or b"null")

    def stats(self):
        return self.control("GET", "/_sim/stats")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self._log.close()
        self._dir.cleanup()
