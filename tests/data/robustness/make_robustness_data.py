"""Write the small inputs of tests/robustness/ under tests/data/robustness/ (run once; the outputs are committed).

    .venv/bin/python tests/data/robustness/make_robustness_data.py

Needs Pillow in the venv. Large inputs (a 200 MB file, a 10 MB line, 20 MB of
inline base64) are never committed: the tests make them in tmp_path. The bad
inputs tests/data/make_data.py already writes (encodings, PDFs, truncated HTML)
are used from there. The files are inputs, never edited by hand: change this
script and rerun it.
"""
from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent

GOOD_EN = (
    "NVIDIA invested $2 billion in CoreWeave.\n"
    "OpenAI signed a $300 billion contract with Oracle.\n"
)
GOOD_ZH = "英伟达向CoreWeave投资20亿美元。\n"
GOOD_HTML = (
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>8-K</title></head><body>\n"
    "<p>Microsoft signed a $9.7 billion contract with IREN.</p>\n</body></html>\n"
)
# An inline-XBRL page with every way XML lets a document pull in something else:
# a DOCTYPE with a SYSTEM DTD, an external entity on a local file and on a URL,
# an XInclude and a schemaRef. Port 9 (discard) on 127.0.0.1: nothing listens there.
XXE_IXBRL = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html SYSTEM "http://127.0.0.1:9/xhtml.dtd" [
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "http://127.0.0.1:9/remote.txt">
]>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
      xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"
      xmlns:xi="http://www.w3.org/2001/XInclude">
<head><title>8-K</title></head>
<body>
<div style="display:none"><ix:header><ix:references>
<link:schemaRef xlink:type="simple" xlink:href="http://127.0.0.1:9/schema.xsd"/>
</ix:references></ix:header></div>
<p>Users: &passwd; Remote: &remote;</p>
<xi:include href="file:///etc/passwd" parse="text"/>
<p>NVIDIA invested $2 billion in CoreWeave.</p>
</body></html>
"""
# Internal entities nested ten deep: 10^9 "lol"s if a parser expanded them.
LAUGHS = "".join(
    f'  <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">\n' for i in range(1, 10)
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [\n  <!ENTITY lol0 "lol">\n' + LAUGHS + "]>\n"
    "<html><body><p>&lol9;</p><p>NVIDIA invested $2 billion in CoreWeave.</p></body></html>\n"
)


def main() -> None:
    good = HERE / "good"
    good.mkdir(exist_ok=True)
    (good / "deal-en.txt").write_text(GOOD_EN, encoding="utf-8")
    (good / "deal-zh.txt").write_text(GOOD_ZH, encoding="utf-8")
    (good / "deal-page.html").write_text(GOOD_HTML, encoding="utf-8")
    bad = HERE / "bad"
    bad.mkdir(exist_ok=True)
    (bad / "photo.htm").write_bytes(_jpeg())
    (bad / "random.html").write_bytes(random.Random(20250101).randbytes(4096))
    hostile = HERE / "hostile"
    hostile.mkdir(exist_ok=True)
    (hostile / "xxe-inline-xbrl.htm").write_text(XXE_IXBRL, encoding="utf-8")
    (hostile / "billion-laughs.html").write_text(BILLION_LAUGHS, encoding="utf-8")


def _jpeg() -> bytes:
    image = Image.new("RGB", (16, 16), (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    return buffer.getvalue()


if __name__ == "__main__":
    main()
    for path in sorted(HERE.rglob("*")):
        if path.is_file() and path.suffix != ".py":
            print(f"{path.stat().st_size:>7} {path.relative_to(HERE)}")
