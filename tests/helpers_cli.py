"""Helpers of the command-line tests: a folder nobody may write into, even root."""
from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(folder: Path):
    """``folder`` made read-only for the test: chmod 555, or for root (whom permissions do not stop) the
    immutable attribute (chattr +i), which stops root too; skipped where neither works."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    got = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
    if got.returncode != 0:
        pytest.skip(f"running as root and chattr +i fails here ({got.stderr.strip()}): no read-only folder")
    try:
        probe = folder / ".probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("this file system ignores the immutable attribute: no read-only folder")
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
