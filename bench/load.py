"""Load generators: wrk when it is installed, otherwise a small threaded Python client.

Both keep a fixed number of connections busy for a fixed time and report requests per second, the
50th and 99th latency percentiles and the failed requests (socket errors and non-2xx/3xx answers).
"""

import http.client
import math
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

# Production mode redirects plain HTTP to HTTPS; the benchmark stands in for the TLS proxy.
HEADERS = {"X-Forwarded-Proto": "https"}
SECONDS_PER_UNIT = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
WRK_LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
WRK_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
WRK_REQUESTS = re.compile(r"^\s+(\d+) requests in", re.MULTILINE)
WRK_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)
WRK_BAD_STATUS = re.compile(r"Non-2xx or 3xx responses: (\d+)")


@dataclass(frozen=True)
class Measurement:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


class LoadGenerator(Protocol):
    name: str

    def run(
        self, url: str, *, seconds: float, connections: int, script: str | None = None
    ) -> Measurement: ...


class Wrk:
    """wrk: written in C and event-driven, so it leaves most of the CPU to the server."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.name = wrk_version(executable)

    def run(
        self, url: str, *, seconds: float, connections: int, script: str | None = None
    ) -> Measurement:
        """Load `url`; with `script`, a wrk Lua script writes each request (method, body...)."""
        header_options = [f"--header={name}: {value}" for name, value in HEADERS.items()]
        command = [
            self.executable,
            f"--threads={min(2, connections)}",
            f"--connections={connections}",
            f"--duration={max(1, round(seconds))}s",
            "--timeout=10s",
            "--latency",
            *header_options,
            *([f"--script={script}"] if script else []),
            url,
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        return parse_wrk(result.stdout)


def wrk_version(executable: str) -> str:
    result = subprocess.run([executable, "--version"], capture_output=True, text=True)
    words = (result.stdout + result.stderr).split()
    return f"wrk {words[1]}" if len(words) > 1 and words[0] == "wrk" else "wrk"


def parse_wrk(output: str) -> Measurement:
    """Read wrk's summary (run with --latency); the latency lines are absent without it."""
    latencies = {
        percent: float(value) * SECONDS_PER_UNIT[unit] * 1000
        for percent, value, unit in WRK_LATENCY.findall(output)
    }
    rate = WRK_RATE.search(output)
    count = WRK_REQUESTS.search(output)
    if rate is None or count is None or set(latencies) != {"50", "99"}:
        raise ValueError(f"Unexpected wrk output:\n{output}")
    socket_errors = WRK_SOCKET_ERRORS.search(output)
    bad_status = WRK_BAD_STATUS.search(output)
    errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    errors += int(bad_status.group(1)) if bad_status else 0
    return Measurement(
        requests=int(count.group(1)),
        requests_per_second=float(rate.group(1)),
        p50_ms=latencies["50"],
        p99_ms=latencies["99"],
        errors=errors,
    )


class PythonClient:
    """Threads each holding an http.client connection (reopened when the server closes it).

    The client shares the GIL between its threads and the CPU with the server, so its absolute
    numbers are lower than wrk's; ratios against the bare page stay comparable within one run.
    """

    name = "built-in Python client"

    def run(
        self, url: str, *, seconds: float, connections: int, script: str | None = None
    ) -> Measurement:
        if script:
            raise ValueError("The built-in client only sends GETs; scripted rows need wrk.")
        host, port, path = split_url(url)
        deadline = time.perf_counter() + seconds
        tallies = [Tally() for _ in range(connections)]
        threads = [
            threading.Thread(
                target=keep_requesting, args=(host, port, path, deadline, tally), daemon=True
            )
            for tally in tallies
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        latencies = sorted(latency for tally in tallies for latency in tally.latencies)
        return Measurement(
            requests=len(latencies),
            requests_per_second=len(latencies) / elapsed,
            p50_ms=percentile(latencies, 50) * 1000,
            p99_ms=percentile(latencies, 99) * 1000,
            errors=sum(tally.errors for tally in tallies),
        )


@dataclass
class Tally:
    """One client thread's record: the latency of each good answer in seconds, the failures."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0


def keep_requesting(host: str, port: int, path: str, deadline: float, tally: Tally) -> None:
    """Send requests one after the other on one connection until the deadline."""
    connection = http.client.HTTPConnection(host, port, timeout=10)
    while (started := time.perf_counter()) < deadline:
        try:
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            tally.errors += 1
            connection.close()
            continue
        if 200 <= response.status < 400:
            tally.latencies.append(time.perf_counter() - started)
        else:
            tally.errors += 1
    connection.close()


def split_url(url: str) -> tuple[str, int, str]:
    match = re.fullmatch(r"http://([^/:]+):(\d+)(/.*)", url)
    if match is None:
        raise ValueError(f"Expected http://host:port/path, got {url!r}")
    return match.group(1), int(match.group(2)), match.group(3)


def percentile(sorted_values: list[float], percent: float) -> float:
    """Nearest-rank percentile; 0 when nothing was measured."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def choose(preference: str) -> LoadGenerator:
    """wrk when asked for or found on PATH ("auto"), the Python client otherwise."""
    executable = shutil.which("wrk")
    if preference == "python" or (preference == "auto" and executable is None):
        return PythonClient()
    if executable is None:
        raise SystemExit("wrk was asked for but is not on PATH (Debian: apt-get install wrk).")
    return Wrk(executable)
