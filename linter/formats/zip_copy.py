"""A zip package written again with some entries replaced: every other entry is copied raw.

An untouched entry keeps its local header, its compressed bytes and its data descriptor byte for
byte, and its central directory record is the old one with only the offset changed: nothing is
inflated (a part whose header understates its size costs nothing), and flags, attributes, time
stamps, extra fields and the compression as the producer chose it stay as they were. A replaced
entry keeps its name bytes, time, attributes and (stored or deflated) method, with new sizes and
CRC. Python's zipfile cannot copy an entry raw, hence this small writer.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

LOCAL = b"PK\x03\x04"
CENTRAL = b"PK\x01\x02"
DESCRIPTOR = b"PK\x07\x08"
END = b"PK\x05\x06"
ZIP64_EXTRA = 0x0001
FLAG_ENCRYPTED = 0x01
FLAG_DESCRIPTOR = 0x08
FLAG_UTF8 = 0x800
MAX32 = 0xFFFFFFFF


class Damaged(Exception):
    """The package cannot be copied as it is (a header is not where the directory says)."""


def rewrite(source: zipfile.ZipFile, data: bytes, replaced: dict[int, bytes], added: list[tuple[str, bytes, tuple]] = ()) -> bytes:
    """The package ``data`` (opened as ``source``) with the entries whose ``id(info)`` is in
    ``replaced`` given new contents, and the ``added`` entries (name, contents, date_time) at the
    end. Raises :class:`Damaged`."""
    out = bytearray()
    directory = bytearray()
    records = _central_records(source, data)
    for info, record in zip(source.infolist(), records):
        offset = len(out)
        contents = replaced.get(id(info))
        if contents is None:
            out += _local_record(info, data)
            directory += _with_offset(record, offset)
        else:
            local, record = _replaced(info, data, record, contents, offset)
            out += local
            directory += record
    for name, contents, date_time in added:
        offset = len(out)
        local, record = _new_entry(name, contents, date_time, offset)
        out += local
        directory += record
    count = len(records) + len(added)
    if count > 0xFFFF or len(out) > MAX32 or len(directory) > MAX32:
        raise Damaged("too large to write without zip64")
    comment = source.comment[:0xFFFF]
    end = END + struct.pack("<HHHHIIH", 0, 0, count, count, len(directory), len(out), len(comment)) + comment
    return bytes(out + directory + end)


def _central_records(source: zipfile.ZipFile, data: bytes) -> list[bytes]:
    """The raw central directory record of each entry, in zipfile's order (the directory's)."""
    records, at = [], getattr(source, "start_dir", None)
    if at is None:
        raise Damaged("no central directory")
    for _info in source.infolist():
        if data[at : at + 4] != CENTRAL or at + 46 > len(data):
            raise Damaged("central directory")
        n, m, k = struct.unpack_from("<HHH", data, at + 28)
        records.append(bytes(data[at : at + 46 + n + m + k]))
        at += 46 + n + m + k
    return records


def _local_record(info: zipfile.ZipInfo, data: bytes) -> bytes:
    """The entry's local header, compressed bytes and data descriptor, as they are."""
    start = info.header_offset
    if data[start : start + 4] != LOCAL or start + 30 > len(data):
        raise Damaged(info.filename)
    n, m = struct.unpack_from("<HH", data, start + 26)
    end = start + 30 + n + m + info.compress_size
    if info.flag_bits & FLAG_DESCRIPTOR:
        zip64 = _has_zip64(data[start + 30 + n : start + 30 + n + m]) or info.compress_size >= MAX32 or info.file_size >= MAX32
        end += (4 if data[end : end + 4] == DESCRIPTOR else 0) + (20 if zip64 else 12)
    if end > len(data):
        raise Damaged(info.filename)
    return data[start:end]


def _with_offset(record: bytes, offset: int) -> bytes:
    """A central record pointing at ``offset``. A zip64 offset (a package over 4 GB, which the
    limits never let through) moves back into the record, out of the zip64 extra field."""
    if struct.unpack_from("<I", record, 42)[0] == MAX32:
        record = _drop_zip64_offset(record)
    return record[:42] + struct.pack("<I", offset) + record[46:]


def _replaced(info: zipfile.ZipInfo, data: bytes, record: bytes, contents: bytes, offset: int) -> tuple[bytes, bytes]:
    """A new local record and central record for an entry with new contents."""
    start = info.header_offset
    if data[start : start + 4] != LOCAL:
        raise Damaged(info.filename)
    n, m = struct.unpack_from("<HH", data, start + 26)
    name = data[start + 30 : start + 30 + n]
    local_extra = _without_zip64(data[start + 30 + n : start + 30 + n + m])
    method = info.compress_type if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) else zipfile.ZIP_DEFLATED
    packed = _compress(contents, method)
    crc = zlib.crc32(contents)
    flags = info.flag_bits & ~(FLAG_DESCRIPTOR | FLAG_ENCRYPTED)
    version = struct.unpack_from("<H", data, start + 4)[0]
    time, date = struct.unpack_from("<HH", data, start + 10)
    local = (
        LOCAL + struct.pack("<HHHHHIIIHH", version, flags, method, time, date, crc, len(packed), len(contents), n, len(local_extra))
        + name + local_extra + packed
    )
    n, m, k = struct.unpack_from("<HHH", record, 28)
    central_extra = _without_zip64(record[46 + n : 46 + n + m])
    fields = bytearray(record[:46])
    struct.pack_into("<HH", fields, 8, flags, method)
    struct.pack_into("<III", fields, 16, crc, len(packed), len(contents))
    struct.pack_into("<H", fields, 30, len(central_extra))
    struct.pack_into("<I", fields, 42, offset)
    central = bytes(fields) + record[46 : 46 + n] + central_extra + record[46 + n + m : 46 + n + m + k]
    return local, central


def _new_entry(name: str, contents: bytes, date_time: tuple, offset: int) -> tuple[bytes, bytes]:
    raw_name = name.encode("utf-8")
    flags = FLAG_UTF8 if not name.isascii() else 0
    packed = _compress(contents, zipfile.ZIP_DEFLATED)
    crc = zlib.crc32(contents)
    year, month, day, hour, minute, second = date_time
    time = hour << 11 | minute << 5 | second // 2
    date = max(year - 1980, 0) << 9 | month << 5 | day
    common = struct.pack("<HHHHIIIH", flags, zipfile.ZIP_DEFLATED, time, date, crc, len(packed), len(contents), len(raw_name))
    local = LOCAL + struct.pack("<H", 20) + common + struct.pack("<H", 0) + raw_name + packed
    central = CENTRAL + struct.pack("<HH", 20, 20) + common + struct.pack("<HHHHII", 0, 0, 0, 0, 0, offset) + raw_name
    return local, central


def _compress(contents: bytes, method: int) -> bytes:
    if method == zipfile.ZIP_STORED:
        return contents
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return packer.compress(contents) + packer.flush()


def _fields(extra: bytes):
    """(header id, start, end) of each field of an extra block."""
    at = 0
    while at + 4 <= len(extra):
        header, size = struct.unpack_from("<HH", extra, at)
        yield header, at, min(at + 4 + size, len(extra))
        at += 4 + size


def _has_zip64(extra: bytes) -> bool:
    return any(header == ZIP64_EXTRA for header, _, _ in _fields(extra))


def _without_zip64(extra: bytes) -> bytes:
    return b"".join(extra[start:end] for header, start, end in _fields(extra) if header != ZIP64_EXTRA)


def _drop_zip64_offset(record: bytes) -> bytes:
    """The record with the offset removed from its zip64 extra field (which holds, in order, the
    sizes and offset whose 32-bit fields are 0xFFFFFFFF)."""
    n, m, k = struct.unpack_from("<HHH", record, 28)
    extra = record[46 + n : 46 + n + m]
    usize, csize = struct.unpack_from("<II", record, 24)
    new_extra = b""
    for header, start, end in _fields(extra):
        if header != ZIP64_EXTRA:
            new_extra += extra[start:end]
            continue
        values = extra[start + 4 : end]
        keep = 8 * ((usize == MAX32) + (csize == MAX32))
        rest = values[:keep] + values[keep + 8 :]
        if rest:
            new_extra += struct.pack("<HH", ZIP64_EXTRA, len(rest)) + rest
    fields = bytearray(record[:46])
    struct.pack_into("<H", fields, 30, len(new_extra))
    return bytes(fields) + record[46 : 46 + n] + new_extra + record[46 + n + m :]
