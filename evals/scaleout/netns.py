"""Hosts as network namespaces on a private bridge: made, cut off, healed and removed here.

Everything is named after the driver's pid (`guichet-so-<pid>-<host>` namespaces, a
`gsb<pid>` bridge, `gs<pid>h<i>`/`gs<pid>n<i>` veth pairs), so that two runs never collide
and a run that died is recognised and cleaned up by the next one. The only change to the
root namespace is the bridge itself, with the driver's address on it: the hosts have no
route beyond the bridge's /24, so no packet of theirs can leave it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

PREFIX = "guichet-so-"
# Where a free /24 is looked for when none is given: 10.231.0.0/24 up to 10.231.255.0/24.
POOL = ipaddress.IPv4Network("10.231.0.0/16")
IP_TIMEOUT_S = 20.0
REMEDY = ("run as root on Linux with iproute2 (`apt-get install iproute2`), in a machine or "
          "container allowed to create network namespaces (CAP_SYS_ADMIN, CAP_NET_ADMIN)")


class NetnsUnavailable(RuntimeError):
    """This machine (or user) cannot create namespaces and veth pairs."""


def ip(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`ip ARGS`, bounded in time; raises with its stderr when `check` and it fails."""
    done = subprocess.run(["ip", *args], capture_output=True, text=True, timeout=IP_TIMEOUT_S,
                          check=False, stdin=subprocess.DEVNULL)
    if check and done.returncode != 0:
        raise RuntimeError(f"ip {' '.join(args)}: {done.stderr.strip() or done.returncode}")
    return done


def problem() -> str | None:
    """Why namespaces cannot be used here (with the remedy), or None when they can."""
    if os.name != "posix" or not os.path.exists("/proc/self/ns/net"):
        return f"network namespaces need Linux; {REMEDY}"
    if shutil.which("ip") is None:
        return f"`ip` (iproute2) is not installed; {REMEDY}"
    if os.geteuid() != 0:
        return f"`ip netns` needs root (running as uid {os.geteuid()}); {REMEDY}"
    probe = f"{PREFIX}{os.getpid()}-probe"
    try:
        done = ip("netns", "add", probe, check=False)
        if done.returncode != 0:
            return f"`ip netns add` failed: {done.stderr.strip()}; {REMEDY}"
        veth = f"gs{os.getpid()}p"
        done = ip("link", "add", veth, "type", "veth", "peer", "name", f"{veth}x", "netns",
                  probe, check=False)
        if done.returncode != 0:
            return f"cannot create a veth pair: {done.stderr.strip()}; {REMEDY}"
        ip("link", "del", veth, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`ip` could not run ({exc}); {REMEDY}"
    finally:
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            ip("netns", "del", probe, check=False)
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _kill_inside(netns: str) -> int:
    """SIGKILL what still runs in one of our namespaces (only our own processes are there)."""
    done = ip("netns", "pids", netns, check=False)
    killed = 0
    for word in done.stdout.split():
        with contextlib.suppress(ValueError, ProcessLookupError):
            os.kill(int(word), signal.SIGKILL)
            killed += 1
    return killed


def remove_stale() -> list[str]:
    """Remove namespaces and bridges left by runs whose driver is gone."""
    removed: list[str] = []
    for line in ip("netns", "list", check=False).stdout.splitlines():
        name = line.split()[0] if line.split() else ""
        if not name.startswith(PREFIX):
            continue
        owner = name[len(PREFIX):].split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            _kill_inside(name)
            ip("netns", "del", name, check=False)
            removed.append(name)
    links = json.loads(ip("-j", "link", "show", check=False).stdout or "[]")
    for link in links:
        name = str(link.get("ifname", ""))
        match = re.fullmatch(r"gsb(\d+)", name) or re.fullmatch(r"gs(\d+)h\d+", name)
        if match is not None and not _alive(int(match.group(1))):
            ip("link", "del", name, check=False)
            removed.append(name)
    return removed


def _used_networks() -> list[ipaddress.IPv4Network]:
    out: list[ipaddress.IPv4Network] = []
    for args in (("-4", "-j", "route", "show", "table", "all"), ("-4", "-j", "addr", "show")):
        for item in json.loads(ip(*args, check=False).stdout or "[]"):
            dsts = [item.get("dst")] if "dst" in item else [
                f"{a['local']}/{a['prefixlen']}" for a in item.get("addr_info", [])]
            for dst in dsts:
                if dst and dst != "default":
                    with contextlib.suppress(ValueError):
                        out.append(ipaddress.IPv4Network(dst, strict=False))
    return out


def free_subnet() -> ipaddress.IPv4Network:
    """The first /24 of the pool that no route or address of this machine overlaps."""
    used = _used_networks()
    for candidate in POOL.subnets(new_prefix=24):
        if not any(candidate.overlaps(u) for u in used):
            return candidate
    raise RuntimeError(f"no free /24 in {POOL}: pass --subnet")


@dataclass(frozen=True)
class Host:
    """One machine of the rehearsal: a namespace, its address, its link to the bridge."""

    name: str
    netns: str
    addr: str
    veth_host: str  # the bridge's port, in the root namespace
    veth_ns: str  # the host's interface, inside its namespace

    def wrap(self, argv: list[str]) -> list[str]:
        """The command run on this host."""
        return ["ip", "netns", "exec", self.netns, *argv]


@dataclass
class Network:
    """The bridge, the driver's address on it and the hosts plugged into it."""

    subnet: ipaddress.IPv4Network
    tag: str = field(default_factory=lambda: str(os.getpid()))
    hosts: dict[str, Host] = field(default_factory=dict)
    cuts: list[dict[str, object]] = field(default_factory=list)
    _bridge_made: bool = False

    @property
    def bridge(self) -> str:
        return f"gsb{self.tag}"

    @property
    def driver_addr(self) -> str:
        return str(self.subnet.network_address + 1)

    def up(self) -> None:
        """The bridge with the driver's address; IPv6 off on it (nothing to say there)."""
        ip("link", "add", "name", self.bridge, "type", "bridge")
        self._bridge_made = True
        with contextlib.suppress(OSError), open(
                f"/proc/sys/net/ipv6/conf/{self.bridge}/disable_ipv6", "w") as f:
            f.write("1")
        ip("addr", "add", f"{self.driver_addr}/{self.subnet.prefixlen}", "dev", self.bridge)
        ip("link", "set", self.bridge, "up")

    def add_host(self, name: str, last_octet: int) -> Host:
        """A namespace with loopback, a veth to the bridge and `subnet.<last_octet>`."""
        index = len(self.hosts)
        host = Host(name=name, netns=f"{PREFIX}{self.tag}-{name}",
                    addr=str(self.subnet.network_address + last_octet),
                    veth_host=f"gs{self.tag}h{index}", veth_ns=f"gs{self.tag}n{index}")
        ip("netns", "add", host.netns)
        self.hosts[name] = host
        ip("-n", host.netns, "link", "set", "lo", "up")
        ip("netns", "exec", host.netns, "sysctl", "-q", "-w",
           "net.ipv6.conf.all.disable_ipv6=1", check=False)
        ip("link", "add", host.veth_host, "type", "veth", "peer", "name", host.veth_ns,
           "netns", host.netns)
        ip("link", "set", host.veth_host, "master", self.bridge, "up")
        ip("-n", host.netns, "addr", "add", f"{host.addr}/{self.subnet.prefixlen}", "dev",
           host.veth_ns)
        ip("-n", host.netns, "link", "set", host.veth_ns, "up")
        return host

    def cut(self, name: str) -> float:
        """The host's cable pulled: its interface down, inside its namespace."""
        host = self.hosts[name]
        # `ip -n` is `ip netns exec <ns> ip` in one process: the cut lands within a few ms.
        ip("-n", host.netns, "link", "set", host.veth_ns, "down")
        at = time.time()
        self.cuts.append({"host": name, "event": "cut", "at": at})
        return at

    def heal(self, name: str) -> float:
        host = self.hosts[name]
        ip("-n", host.netns, "link", "set", host.veth_ns, "up")
        at = time.time()
        self.cuts.append({"host": name, "event": "heal", "at": at})
        return at

    def reachable(self, src: str, addr: str, port: int) -> bool:
        """Whether host `src` (or "driver") opens a TCP connection to addr:port in 3 s."""
        argv = [sys.executable, "-c", "import socket, sys; socket.create_connection("
                "(sys.argv[1], int(sys.argv[2])), 3).close()", addr, str(port)]
        if src != "driver":
            argv = self.hosts[src].wrap(argv)
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            return subprocess.run(argv, capture_output=True, timeout=15, check=False,
                                  stdin=subprocess.DEVNULL).returncode == 0
        return False

    def close(self) -> None:
        """Kill what is left in the namespaces, remove them, then the bridge; never raises."""
        for host in list(self.hosts.values()):
            with contextlib.suppress(Exception):
                _kill_inside(host.netns)
        deadline = time.monotonic() + 10
        for host in list(self.hosts.values()):
            with contextlib.suppress(Exception):
                while (ip("netns", "pids", host.netns, check=False).stdout.split()
                       and time.monotonic() < deadline):
                    time.sleep(0.1)
                ip("netns", "del", host.netns, check=False)
                # A namespace outlives its name while sockets of it still retransmit to a
                # cut-off peer: its veth pair would stay with it. Removed here by name.
                ip("link", "del", host.veth_host, check=False)
            self.hosts.pop(host.name, None)
        if self._bridge_made:
            with contextlib.suppress(Exception):
                ip("link", "del", self.bridge, check=False)
            self._bridge_made = False
