"""Start and stop isolated JupyterLab and Voilà servers for the browser tests.

Each server gets its own config, data and runtime dirs, a random token, a fixed port
(no retries, so the URL we wait on is the one it serves) and news/update checks off, so
nothing reaches for the network or the user's own Jupyter setup.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
import psutil

STARTUP_TIMEOUT = 90.0
SHUTDOWN_TIMEOUT = 20.0


@dataclass
class Server:
    """A running Jupyter-style server: where it listens and how to stop it."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    token: str
    log_path: Path
    # Voila serves a single notebook without the /api/status handler (it redirects), so for
    # it any HTTP answer means it listens; JupyterLab must answer 200.
    ready_status: int | None = 200

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def isolated_env(state_dir: Path, extra: dict[str, str]) -> dict[str, str]:
    """The environment for a server: private Jupyter/IPython dirs, no proxies, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH")}
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        (state_dir / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(state_dir / sub)
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def write_user_settings(config_dir: Path, plugin: str, values: dict[str, object]) -> None:
    """Writes the user settings of one JupyterLab plugin, e.g. `apputils-extension:themes`
    (JupyterLab and Notebook 7 both read them from $JUPYTER_CONFIG_DIR/lab/user-settings)."""
    package, name = plugin.split(":")
    settings = config_dir / "lab" / "user-settings" / "@jupyterlab" / package
    settings.mkdir(parents=True, exist_ok=True)
    (settings / f"{name}.jupyterlab-settings").write_text(json.dumps(values), encoding="utf-8")


def silence_lab_notifications(config_dir: Path) -> None:
    """Turns off the news and update toasts, which would also try the network."""
    write_user_settings(config_dir, "apputils-extension:notification",
                        {"fetchNews": "false", "checkForUpdates": False})


def root_flag() -> list[str]:
    # CI runs as root, and JupyterLab refuses to start as root without this flag.
    return ["--allow-root"] if os.getuid() == 0 else []


def start_lab(root_dir: Path, state_dir: Path, extra_env: dict[str, str], *,
              theme: str = "", locale: str = "en") -> Server:
    """JupyterLab on `root_dir`; `theme` (e.g. "JupyterLab Dark") instead of the default light one,
    `locale` (e.g. "nl_NL", its language pack installed) instead of English."""
    return _start_jupyter("jupyterlab", "JupyterLab", root_dir, state_dir, extra_env, theme, locale)


def start_notebook(root_dir: Path, state_dir: Path, extra_env: dict[str, str]) -> Server:
    """Jupyter Notebook 7: a JupyterLab-based app with the same server flags. It has no news or
    update traits of its own, but it loads JupyterLab's server extension (which serves the news
    and update checks its frontend asks for), so the LabApp flags still apply."""
    return _start_jupyter("notebook", "Jupyter Notebook", root_dir, state_dir, extra_env, "", "en")


def _start_jupyter(module: str, name: str, root_dir: Path, state_dir: Path,
                   extra_env: dict[str, str], theme: str, locale: str) -> Server:
    env = isolated_env(state_dir, extra_env)
    silence_lab_notifications(Path(env["JUPYTER_CONFIG_DIR"]))
    # The UI language is set, not left to the server's system locale ("default"): the tests click
    # English menu names, and a language pack is installed (jupyterlab-language-pack-nl-NL).
    write_user_settings(Path(env["JUPYTER_CONFIG_DIR"]), "translation-extension:plugin",
                        {"locale": locale})
    if theme:
        write_user_settings(Path(env["JUPYTER_CONFIG_DIR"]), "apputils-extension:themes",
                            {"theme": theme})
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", module, "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *root_flag(),
    ]
    log_path = state_dir / f"{module}.log"
    return _launch(Server(name, _popen(command, env, log_path, root_dir), port, token, log_path))


def start_server(root_dir: Path, state_dir: Path, extra_env: dict[str, str]) -> Server:
    """A plain Jupyter Server (no JupyterLab frontend) with the server extensions its config enables."""
    env = isolated_env(state_dir, extra_env)
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyter_server", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root_dir}", *root_flag()]
    log_path = state_dir / "jupyter_server.log"
    return _launch(Server("Jupyter Server", _popen(command, env, log_path, root_dir), port, token, log_path))


def start_voila(notebook: Path, state_dir: Path, extra_env: dict[str, str]) -> Server:
    env = isolated_env(state_dir, extra_env)
    port, token = free_port(), secrets.token_hex(16)
    connection_dir = state_dir / "voila-connections"
    connection_dir.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "voila", str(notebook), "--no-browser", "--Voila.ip=127.0.0.1",
        f"--port={port}", "--Voila.port_retries=0", f"--Voila.token={token}",
        f"--Voila.connection_dir_root={connection_dir}",  # Voila has no root check nor --allow-root
    ]
    log_path = state_dir / "voila.log"
    return _launch(Server("Voila", _popen(command, env, log_path, notebook.parent), port, token,
                          log_path, ready_status=None))


def _popen(command: list[str], env: dict[str, str], log_path: Path, cwd: Path) -> subprocess.Popen[bytes]:
    with log_path.open("wb") as log:
        return subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)


def _launch(server: Server) -> Server:
    try:
        wait_until_ready(server)
    except BaseException:
        stop(server)
        raise
    return server


def api_get(server: Server, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """GET `path` with the token, bypassing any proxy; returns (status, body)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(server.base_url + path,
                                     headers={"Authorization": f"token {server.token}"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        body = error.read()
        error.close()
        return int(error.code), body


def api_delete(server: Server, path: str) -> int:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(server.base_url + path, method="DELETE",
                                     headers={"Authorization": f"token {server.token}"})
    try:
        with opener.open(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        return int(error.code)


def wait_until_ready(server: Server) -> None:
    """Polls /api/status until it answers 200; fails early with the log if the server died."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with code {server.process.returncode} "
                               f"before it was ready; its log ends with:\n{server.log_tail()}")
        try:
            status = api_get(server, "/api/status", timeout=2)[0]
            if server.ready_status in (None, status):
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{server.name} did not answer /api/status within {STARTUP_TIMEOUT:.0f} s; "
                       f"its log ends with:\n{server.log_tail()}")


def kernel_connected(server: Server, path: str) -> bool:
    """Whether the notebook at `path` has a kernel that a browser is connected to, and it is idle."""
    status, body = api_get(server, "/api/sessions")
    if status != 200:
        return False
    return any(session["path"] == path and session["kernel"]["connections"] > 0
               and session["kernel"]["execution_state"] == "idle" for session in json.loads(body))


def shutdown_kernels(server: Server) -> None:
    """Ends every session (and its kernel), so an idle kernel does not hold a core."""
    status, body = api_get(server, "/api/sessions")
    if status != 200:
        return
    for session in json.loads(body):
        api_delete(server, f"/api/sessions/{session['id']}")


def stop(server: Server) -> None:
    """SIGTERM the server (it shuts its kernels down), then reap any child left behind."""
    try:
        children = psutil.Process(server.process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=SHUTDOWN_TIMEOUT)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    _reap(children)


def _reap(children: list[psutil.Process]) -> None:
    for child in children:
        try:
            child.terminate()
        except psutil.NoSuchProcess:
            pass
    _, still_alive = psutil.wait_procs(children, timeout=5)
    for child in still_alive:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(still_alive, timeout=5)
