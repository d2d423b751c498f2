"""Images without their metadata: what a camera or an editor wrote besides the picture.

EXIF (author, camera serial, GPS position), XMP, IPTC, comments and PNG text
chunks travel with an image file and say things about the candidate that the
picture does not. Published images lose them. The pixels are never decoded
and encoded again: JPEG segments, PNG chunks, WebP chunks and GIF extension
blocks are dropped as they are, so the picture stays byte for byte the same.
The only piece of metadata kept is the EXIF orientation, rewritten alone, so
that a photo taken on its side is still shown the right way up.

The same walk lists the metadata an image carries, for the privacy gate to read.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator

JPEG, PNG, WEBP, GIF = "jpeg", "png", "webp", "gif"
ORIENTATION = 0x0112
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# PNG chunks that decide how the picture looks; everything else is metadata.
PNG_PICTURE = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB",
               b"iCCP", b"sBIT", b"pHYs", b"bKGD", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCv",
               b"cLLi"}  # fmt: skip
PNG_COMPRESSED_TEXT = {b"zTXt": 1, b"iCCP": 1}
WEBP_PICTURE = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
GIF_LOOPING = (b"NETSCAPE2.0", b"ANIMEXTS1.0")
MAX_INFLATED = 16 * 1024 * 1024


class BadImage(ValueError):
    """The file says it is an image of a known kind but its structure is broken."""


def kind(data: bytes) -> str | None:
    """Which of the formats handled here the bytes are, by their signature."""
    if data[:3] == b"\xff\xd8\xff":
        return JPEG
    if data[:8] == PNG_SIGNATURE:
        return PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    return None


def strip(data: bytes) -> bytes:
    """The image without metadata (orientation excepted); other files are returned unchanged.
    Raises BadImage when the structure is broken."""
    found = kind(data)
    if found is None:
        return data
    orientation = _orientation(data)
    try:
        if found == JPEG:
            return _strip_jpeg(data, orientation)
        if found == PNG:
            return _strip_png(data, orientation)
        if found == WEBP:
            return _strip_webp(data, orientation)
        return _strip_gif(data)
    except (IndexError, struct.error) as error:
        raise BadImage(f"{found.upper()} structure broken") from error


def metadata(data: bytes) -> list[bytes]:
    """The metadata blocks of an image (compressed ones inflated), for the privacy gate.
    Raises BadImage when the structure is broken."""
    try:
        return _metadata(data)
    except (IndexError, struct.error) as error:
        raise BadImage("image structure broken") from error


def _metadata(data: bytes) -> list[bytes]:
    found = kind(data)
    if found == JPEG:
        return [body for marker, body in _jpeg_segments(data) if _jpeg_is_metadata(marker, body)]
    if found == PNG:
        return [_png_text(name, body) for name, body in _png_chunks(data) if name not in
                PNG_PICTURE or name == b"iCCP"]  # fmt: skip
    if found == WEBP:
        return [body for name, body in _webp_chunks(data) if name not in WEBP_PICTURE]
    if found == GIF:
        return [body for label, body in _gif_blocks(data) if label in (0xFE, 0xFF, 0x01)]
    return []


def _orientation(data: bytes) -> int:
    """The EXIF orientation (1 to 8), read with Pillow; 1 when there is none."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            value = image.getexif().get(ORIENTATION, 1)
    except Exception:  # noqa: BLE001 — Pillow's parsers raise many kinds; then there is none
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _exif_orientation(orientation: int) -> bytes:
    """A TIFF structure holding nothing but the orientation."""
    from PIL import Image

    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()[len(b"Exif\0\0") :]


# ---------------------------------------------------------------------------
# JPEG: a sequence of marker segments; the entropy-coded data follows each SOS.

SOS, EOI = 0xDA, 0xD9
APP0, APP1, APP2, APP14, COM = 0xE0, 0xE1, 0xE2, 0xEE, 0xFE


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(marker, payload) of every segment; SOS's payload includes its scan data. After EOI,
    whatever follows (another picture some cameras append) is one last block with marker -1."""
    position = 2
    while position < len(data):
        if data[position] != 0xFF:  # stray bytes between segments, which decoders skip too
            position = data.find(b"\xff", position)
            if position < 0:
                raise BadImage("JPEG ends without its end marker")
        marker = data[position + 1] if position + 1 < len(data) else EOI
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == EOI:
            if position + 2 < len(data):
                yield -1, data[position + 2 :]
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            yield marker, b""
            position += 2
            continue
        if position + 4 > len(data):
            raise BadImage("JPEG segment cut short")
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise BadImage("JPEG segment length out of the file")
        if marker == SOS:
            end = _scan_end(data, end)
        yield marker, data[position + 4 : end] if marker != SOS else data[position + 2 : end]
        position = end


def _scan_end(data: bytes, position: int) -> int:
    """Where the entropy-coded data after an SOS stops: at the next marker that is not a
    restart marker nor a stuffed 0xFF."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1
            continue
        return position


def _jpeg_is_metadata(marker: int, body: bytes) -> bool:
    if marker == -1 or marker == COM:
        return True
    if marker == APP0:
        return not body.startswith(b"JFIF\0")
    if marker == APP2:
        return not body.startswith(b"ICC_PROFILE\0")
    if marker == APP14:
        return not body.startswith(b"Adobe")
    return APP0 < marker <= 0xEF


def _strip_jpeg(data: bytes, orientation: int) -> bytes:
    out = bytearray(b"\xff\xd8")
    if orientation != 1:
        payload = b"Exif\0\0" + _exif_orientation(orientation)
        out += struct.pack(">BBH", 0xFF, APP1, len(payload) + 2) + payload
    for marker, body in _jpeg_segments(data):
        if _jpeg_is_metadata(marker, body):
            continue
        if marker == SOS or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += bytes((0xFF, marker)) + body
        else:
            out += struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body
    return bytes(out + b"\xff\xd9")


# ---------------------------------------------------------------------------
# PNG: a signature, then chunks of length, type, data and CRC.


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        length, name = struct.unpack(">I4s", data[position : position + 8])
        end = position + 12 + length
        if end > len(data):
            raise BadImage("PNG chunk cut short")
        yield name, data[position + 8 : position + 8 + length]
        position = end
        if name == b"IEND":
            if position < len(data):
                yield b"after IEND", data[position:]
            return
    if position != len(data):
        raise BadImage("PNG ends inside a chunk")


def _png_text(name: bytes, body: bytes) -> bytes:
    """A text chunk as it reads: zTXt, iCCP and compressed iTXt inflated."""
    if name in PNG_COMPRESSED_TEXT:
        keyword, _, rest = body.partition(b"\0")
        return keyword + b"\0" + _inflate(rest[1:])
    if name == b"iTXt":
        keyword, _, rest = body.partition(b"\0")
        compressed, text = rest[:1] == b"\x01", rest[2:]
        if compressed:
            language, _, rest = text.partition(b"\0")
            translated, _, compressed_text = rest.partition(b"\0")
            return b"\0".join((keyword, language, translated, _inflate(compressed_text)))
        return keyword + b"\0" + text
    return body


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        return inflater.decompress(data, MAX_INFLATED)
    except zlib.error:
        return data


def _strip_png(data: bytes, orientation: int) -> bytes:
    out = bytearray(PNG_SIGNATURE)
    for name, body in _png_chunks(data):
        if name in PNG_PICTURE:
            out += _png_chunk(name, body)
        if name == b"IHDR" and orientation != 1:
            out += _png_chunk(b"eXIf", _exif_orientation(orientation))
    return bytes(out)


def _png_chunk(name: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", len(body), name) + body + struct.pack(">I", zlib.crc32(name + body))


# ---------------------------------------------------------------------------
# WebP: a RIFF container of chunks; VP8X flags say which optional chunks exist.

VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def _webp_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    position = 12
    end_of_riff = min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    while position + 8 <= end_of_riff:
        name, length = struct.unpack("<4sI", data[position : position + 8])
        end = position + 8 + length
        if end > len(data):
            raise BadImage("WebP chunk cut short")
        yield name, data[position + 8 : end]
        position = end + (length & 1)
    if end_of_riff < len(data):
        yield b"after RIFF", data[end_of_riff:]


def _strip_webp(data: bytes, orientation: int) -> bytes:
    chunks = bytearray()
    for name, body in _webp_chunks(data):
        if name not in WEBP_PICTURE:
            continue
        if name == b"VP8X":
            flags = body[0] & ~(VP8X_EXIF | VP8X_XMP)
            body = bytes((flags | (VP8X_EXIF if orientation != 1 else 0),)) + body[1:]
        chunks += _webp_chunk(name, body)
    if orientation != 1 and b"VP8X" in chunks[:4]:
        chunks += _webp_chunk(b"EXIF", _exif_orientation(orientation))
    return b"RIFF" + struct.pack("<I", len(chunks) + 4) + b"WEBP" + bytes(chunks)


def _webp_chunk(name: bytes, body: bytes) -> bytes:
    return struct.pack("<4sI", name, len(body)) + body + (b"\0" if len(body) & 1 else b"")


# ---------------------------------------------------------------------------
# GIF: header, colour table, then image blocks and extension blocks of sub-blocks.


def _gif_blocks(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(label, data) of every extension block; images come as label -1 with their bytes."""
    position = 13 + _colour_table(data[10])
    while position < len(data):
        introducer = data[position]
        if introducer == 0x3B:  # trailer
            return
        if introducer == 0x21:
            label = data[position + 1]
            end = _sub_blocks_end(data, position + 2)
            yield label, data[position:end]
            position = end
        elif introducer == 0x2C:
            start = position
            position += 10 + _colour_table(data[position + 9]) + 1
            position = _sub_blocks_end(data, position)
            yield -1, data[start:position]
        else:
            raise BadImage("GIF block expected")
    raise BadImage("GIF has no trailer")


def _colour_table(flags: int) -> int:
    return 3 * 2 ** ((flags & 0x07) + 1) if flags & 0x80 else 0


def _sub_blocks_end(data: bytes, position: int) -> int:
    while True:
        if position >= len(data):
            raise BadImage("GIF block cut short")
        size = data[position]
        position += 1 + size
        if size == 0:
            return position


def _strip_gif(data: bytes) -> bytes:
    start = 13 + _colour_table(data[10])
    out = bytearray(data[:start])
    for label, block in _gif_blocks(data):
        if label == 0xFE or (label == 0xFF and block[3:14] not in GIF_LOOPING):
            continue
        out += block
    return bytes(out + b"\x3b")
