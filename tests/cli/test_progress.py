"""`kwis collect` shows a progress bar on a terminal, and nothing of it when piped."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from kwis.records import AnswerStore

COMMAND = [sys.executable, "-m", "kwis", "collect"]


def stores(folder: Path, count: int) -> Path:
    for number in range(count):
        store = AnswerStore(folder / f"s{number}" / "answers.sqlite3")
        store.start_sitting("mali", f"s{number}", "exam", "{}", 1, ("q",))
        store.close()
    return folder


def test_a_terminal_sees_a_progress_bar(tmp_path: Path) -> None:
    home = stores(tmp_path / "home", 3)
    leader, follower = pty.openpty()
    # A terminal 100 columns wide (a fresh pty has 0, and tqdm draws nothing in 0 columns).
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    done = subprocess.run([*COMMAND, str(home), "-o", str(tmp_path / "class.sqlite")],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower,
                          timeout=120, env={**os.environ, "LANG": "en_GB.UTF-8"})
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other side is closed: all read
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert done.returncode == 0
    text = seen.decode("utf-8", "replace")
    assert "0/3" in text and "file/s" in text  # tqdm's bar: n/total and the unit
    assert "3 stores read" in text


def test_piped_output_has_no_progress_bar(tmp_path: Path) -> None:
    home = stores(tmp_path / "home", 3)
    done = subprocess.run([*COMMAND, str(home), "-o", str(tmp_path / "class.sqlite")],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "LANG": "en_GB.UTF-8"})
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        f"3 stores read, 3 new sittings and 0 new answers added to {tmp_path / 'class.sqlite'}; "
        "0 files skipped"]
