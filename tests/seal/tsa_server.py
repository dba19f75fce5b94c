#!/usr/bin/env python3
"""A local RFC 3161 timestamping authority for the seal tests.

Answers POSTed timestamp queries with `openssl ts -reply`, using the
[tsa_section] of the OpenSSL configuration it is given. Listens on
127.0.0.1 at a free port and prints that port on its first line of output,
so that a test can start it and read where to send requests.

    tsa_server.py CONFIG_FILE [--refuse | --slow]

--refuse answers every request with HTTP 503, as an authority that is
down for maintenance would; --slow answers after a minute, so that a
test can interrupt a seal that waits for it: it first creates the file
slow-request-arrived beside the configuration, for the test to wait on.
"""
import http.server
import subprocess
import sys
import tempfile
import time
import os


def main():
    config = os.path.abspath(sys.argv[1])
    refuse = "--refuse" in sys.argv[2:]
    slow = "--slow" in sys.argv[2:]
    workdir = os.path.dirname(config)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            if refuse:
                self.send_error(503, "timestamping is down")
                return
            if slow:
                open(os.path.join(workdir, "slow-request-arrived"), "w").close()
                time.sleep(60)
            length = int(self.headers.get("Content-Length", "0"))
            query = self.rfile.read(length)
            with tempfile.NamedTemporaryFile(dir=workdir, suffix=".tsq", delete=False) as f:
                f.write(query)
                name = f.name
            try:
                reply = subprocess.run(
                    ["openssl", "ts", "-reply", "-config", config, "-queryfile", name],
                    cwd=workdir, capture_output=True, check=True).stdout
            except subprocess.CalledProcessError as e:
                self.send_error(500, " ".join(e.stderr.decode(errors="replace").split())[:200])
                return
            finally:
                os.unlink(name)
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    # One request at a time: `openssl ts` keeps its serial number in a file.
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
