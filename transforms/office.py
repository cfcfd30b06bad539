"""Readers of the other document formats government sites publish: Word 97-2003 (``.doc``, and WPS
Office's ``.wps``, which WPS writes as a Word-compatible OLE2 file) and OFD (GB/T 33190).

No parser of a binary format lives here: Word 97 files are read by Debian's ``antiword`` (GPL-2,
run as a separate program), with ``catdoc`` (GPL-2, also a program) for the short files antiword
refuses ("the text stream of this file is too small"); ``make readers`` installs both. OFD,
a ZIP of XML pages, is read by ``ofdkit`` (Apache-2.0, standard library only), in reading order.

Pure: bytes in, (text, meta) out; what cannot be read raises a Reject that says what to do.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile

from transforms.rejects import Reject

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the Compound File Binary header (Word 97, Excel 97, ...)
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the stream name in the OLE2 directory of a Word file
INSTALL_DOC_READERS = "make readers (or: apt-get install antiword catdoc)"
TIMEOUT_SECONDS = 30  # a page of text takes milliseconds


def is_ole2(data: bytes) -> bool:
    return data.startswith(OLE2_MAGIC)


def is_word97(data: bytes) -> bool:
    """An OLE2 file with a WordDocument stream: Word 97-2003, or WPS Office's Word-compatible .wps."""
    return is_ole2(data) and _WORD_STREAM in data


def is_ofd(data: bytes) -> bool:
    """A ZIP with an OFD.xml at its root (GB/T 33190's entry point)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    return any(n.lstrip("/").lower() == "ofd.xml" for n in names)


# ---------------------------------------------------------------- Word 97-2003 (.doc, .wps)

_TABLE_ROW = re.compile(r"^\|(.*)\|$")


def _antiword_text(out: str) -> str:
    """antiword's text: one paragraph a line (its blank lines between paragraphs dropped), and a table
    row's cells (antiword draws ``|cell   |cell   |``) joined by tabs, as the .docx reader gives them."""
    lines = []
    for line in out.replace("\r\n", "\n").split("\n"):
        m = _TABLE_ROW.match(line.strip())
        if m:
            line = "\t".join(c.strip() for c in m.group(1).split("|"))
        if line.strip():
            lines.append(line.rstrip())
    return "\n".join(lines)


def _catdoc_text(out: str) -> str:
    return "\n".join(line.rstrip() for line in out.replace("\r\n", "\n").split("\n") if line.strip())


def _run(cmd: list[str], path: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of a reader on ``path``; a reader that hangs on a damaged file is stopped."""
    try:
        got = subprocess.run([*cmd, path], capture_output=True, timeout=TIMEOUT_SECONDS,
                             env={**os.environ, "LC_ALL": "C.UTF-8"})
    except subprocess.TimeoutExpired:
        return -1, "", f"no answer in {TIMEOUT_SECONDS} s"
    return (got.returncode, got.stdout.decode("utf-8", errors="replace"),
            got.stderr.decode("utf-8", errors="replace").replace(path, "file").strip())


# what antiword says of a short file it will not read; catdoc reads those (and only those are given to it:
# on a damaged file catdoc can spin for a minute)
_TOO_SMALL = "too small"


def read_word97(data: bytes, kind: str = ".doc") -> tuple[str, dict]:
    """The text of a Word 97-2003 file (``kind``: the suffix it came with, for the messages)."""
    antiword, catdoc = shutil.which("antiword"), shutil.which("catdoc")
    if not antiword:
        raise Reject("ingest", f"Word 97-2003 file ({kind}) needs antiword, which is not installed: "
                               f"run {INSTALL_DOC_READERS}", "antiword is not on PATH")
    with tempfile.TemporaryDirectory(prefix="tanlu-doc-") as tmp:
        path = os.path.join(tmp, "in.doc")
        with open(path, "wb") as fh:
            fh.write(data)
        code, out, err = _run([antiword, "-m", "UTF-8.txt", "-w", "0"], path)
        if "encrypted" in err.lower():
            raise Reject("ingest", f"Word file ({kind}) is password-protected: save an unprotected copy", err[:300])
        text = _antiword_text(out)
        if code == 0 and text.strip():
            return text, {"reader": "antiword"}
        detail = f"antiword: {err or 'no text'}"[:300]
        if _TOO_SMALL in err:
            if not catdoc:
                raise Reject("ingest", f"short Word 97-2003 file ({kind}) needs catdoc, which is not installed: "
                                       f"run {INSTALL_DOC_READERS}", detail)
            code, out, err = _run([catdoc, "-d", "utf-8", "-w"], path)
            text = _catdoc_text(out)
            if code == 0 and text.strip():
                return text, {"reader": "catdoc"}
            detail += f"; catdoc: {err or 'no text'}"[:300]
    raise Reject("ingest", f"broken Word 97-2003 file ({kind}): no text could be read from it; "
                           "save it as .docx or PDF", detail)


# ---------------------------------------------------------------- OFD (GB/T 33190)

PAGE_BREAK = "\n\f\n"  # as between PDF pages


def read_ofd(data: bytes) -> tuple[str, dict]:
    """The text of an OFD file, pages in order separated by form feeds; its DocInfo title if any."""
    try:
        import ofdkit
    except ImportError:  # a pinned dependency: only a broken install lacks it
        raise Reject("ingest", "OFD file (.ofd) needs the ofdkit package, which is not installed: "
                               "run make install (or: pip install ofdkit)", "import ofdkit failed") from None
    try:
        with ofdkit.open(data) as doc:
            text = doc.text(PAGE_BREAK).replace("\r\n", "\n")
            n_pages, title = len(doc.pages), (doc.info.title or "").strip() or None
    except ofdkit.OFDError as e:
        raise Reject("ingest", "broken OFD file (.ofd): ofdkit cannot read it", str(e)[:300]) from None
    if not re.sub(r"\s", "", text):
        raise Reject("ingest", "OFD file (.ofd) has no text layer (its pages are images): export it to PDF "
                               "with an OFD reader, and tanlu reads the PDF by OCR", f"{n_pages} pages")
    return text, {"title": title}
