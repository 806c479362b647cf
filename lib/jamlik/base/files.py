"""Files are never half-written: each is made under a temporary name beside its target and renamed."""

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, write) -> Path:
    """Call ``write(tmp_path)`` and rename the result into place: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
