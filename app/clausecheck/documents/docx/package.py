"""The DOCX zip package, opened safely: zip bombs refused before anything is decompressed
(declared sizes and ratios), bytes actually read capped, and every XML part refused if it
declares a DOCTYPE/ENTITY; lxml parses with entities, DTDs and network off."""

from __future__ import annotations

import io
import posixpath
import re
import threading
import zipfile
import zlib

from lxml import etree

from ..errors import InputError
from ..limits import Limits

#: Members smaller than this are not judged by their compression ratio (small XML parts of
#: repetitive markup legitimately compress very well).
RATIO_FLOOR_BYTES = 1024 * 1024
#: No genuine Word document has this many parts.
MAX_MEMBERS = 10_000
_CHUNK = 1024 * 1024

_local = threading.local()


def _xml_parser() -> etree.XMLParser:
    """A hardened lxml parser, one per thread (lxml parsers must not be shared across threads)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            dtd_validation=False,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
    return parser


_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")


class EntityDeclaration(Exception):
    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


class BadPart(Exception):
    """A part that cannot be used: fatal for the main document, noted and skipped otherwise."""

    what = "is unusable"

    def __init__(self, part: str, detail: str) -> None:
        super().__init__(part, detail)
        self.part = part
        self.detail = detail

    def describe(self) -> str:
        return f"{self.part} {self.what}: {self.detail}"


class _NotWellFormed(BadPart):
    what = "is not well-formed XML"


class _Damaged(BadPart):
    what = "is damaged"


def _has_dtd(raw: bytes) -> bool:
    head = raw[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        for enc in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if "<!DOCTYPE" in text or "<!ENTITY" in text:
                return True
    return any(marker in raw for marker in _DTD_MARKERS)


def _parse_xml(part: str, raw: bytes) -> etree._Element:
    """Parse one XML part safely; refuse any DTD."""
    if _has_dtd(raw):
        raise EntityDeclaration(part)
    try:
        root = etree.fromstring(raw, _xml_parser())
    except etree.XMLSyntaxError as exc:
        msg = re.sub(r"\s*\(<string>, line \d+\)\s*$", "", str(exc).splitlines()[0] if str(exc) else "")
        raise _NotWellFormed(part, msg or "syntax error") from exc
    except ValueError as exc:  # e.g. an encoding declaration lxml cannot honour
        raise _NotWellFormed(part, str(exc)) from exc
    if root is None:
        raise _NotWellFormed(part, "empty")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise EntityDeclaration(part)
    return root


def _mb(n: float) -> str:
    return f"{n / 1048576:.0f} MB" if n >= 10 * 1048576 else f"{n / 1048576:.1f} MB"


def _bomb(name: str, detail: str) -> InputError:
    return InputError(name, f"looks like a zip bomb ({detail}); refused")


class Package:
    """The zip archive, checked for bombs up front; parts are read with a byte budget."""

    def __init__(self, data: bytes, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError,
                NotImplementedError) as exc:
            raise InputError(name, f"is not a readable DOCX file (damaged ZIP archive: {exc})") from exc
        if len(infos) > MAX_MEMBERS:
            raise _bomb(name, f"{len(infos)} parts in one archive")
        total = 0
        for info in infos:
            size, packed = info.file_size, max(info.compress_size, 1)
            if size > limits.max_unzipped_bytes:
                raise _bomb(name, f"{info.filename} would expand to {_mb(size)}, over the "
                                  f"{_mb(limits.max_unzipped_bytes)} limit")
            if size > RATIO_FLOOR_BYTES and size / packed > limits.max_zip_ratio:
                raise _bomb(name, f"{info.filename} would expand {size / packed:,.0f} times, to "
                                  f"{_mb(size)}")
            total += size
        if total > limits.max_unzipped_bytes:
            raise _bomb(name, f"its parts would expand to {_mb(total)}, over the "
                              f"{_mb(limits.max_unzipped_bytes)} limit")
        if total > RATIO_FLOOR_BYTES and total / max(len(data), 1) > limits.max_zip_ratio:
            raise _bomb(name, f"the archive would expand {total / max(len(data), 1):,.0f} times")
        self.infos = {info.filename: info for info in infos if not info.is_dir()}
        self.budget = limits.max_unzipped_bytes
        self._raw: dict[str, bytes] = {}

    def has(self, part: str) -> bool:
        return part in self.infos

    def raw(self, part: str) -> bytes:
        if part in self._raw:
            return self._raw[part]
        info = self.infos[part]
        chunks: list[bytes] = []
        got = 0
        try:
            with self.zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    self.budget -= len(chunk)
                    if got > info.file_size or self.budget < 0:
                        raise _bomb(self.name, f"{part} expands beyond its declared size or the "
                                               f"{_mb(self.limits.max_unzipped_bytes)} limit")
                    if got > RATIO_FLOOR_BYTES and got / max(info.compress_size, 1) > self.limits.max_zip_ratio:
                        raise _bomb(self.name, f"{part} expands more than "
                                               f"{self.limits.max_zip_ratio:g} times")
                    chunks.append(chunk)
        except InputError:
            raise
        # bad CRC or deflate data, an encrypted member (RuntimeError), an unknown compression
        # method (NotImplementedError)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
                NotImplementedError) as exc:
            raise _Damaged(part, str(exc) or type(exc).__name__) from exc
        data = b"".join(chunks)
        self._raw[part] = data
        return data

    def xml(self, part: str) -> etree._Element:
        return _parse_xml(part, self.raw(part))

    def check_all_xml(self) -> None:
        """Refuse DTDs in every XML part, read or not (downstream tools may open them)."""
        for part in self.infos:
            if not part.lower().endswith((".xml", ".rels", ".vml")):
                continue
            try:
                raw = self.raw(part)
            except _Damaged:
                continue  # unreadable here and for any other tool; fatal only if we need it
            if _has_dtd(raw):
                raise EntityDeclaration(part)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, target part) for the internal relationships of `part`."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_part):
            return {}
        try:
            root = self.xml(rels_part)
        except BadPart:
            return {}
        out: dict[str, tuple[str, str]] = {}
        for rel in root:
            if not isinstance(rel.tag, str) or not rel.tag.endswith("Relationship"):
                continue
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id") or ""] = (rel.get("Type") or "", target)
        return out

