#!/bin/sh
# Regenerate all Groundwork icons from icon.svg (needs rsvg-convert + python3 Pillow)
set -e
cd "$(dirname "$0")"
W=$(mktemp -d)
for s in 16 24 32 48 64 128 256 512; do rsvg-convert -w $s -h $s icon.svg -o "$W/$s.png"; done
python3 - "$W" <<'PY'
import sys
from PIL import Image
w = sys.argv[1]
def load(s): return Image.open(f"{w}/{s}.png").convert("RGBA")
for s, name in [(32,"32x32.png"),(64,"64x64.png"),(128,"128x128.png"),(256,"128x128@2x.png"),(512,"icon.png")]:
    load(s).save(name, optimize=True)
sizes = [16,24,32,48,64,256]
load(256).save("icon.ico", format="ICO", sizes=[(s,s) for s in sizes],
               append_images=[load(s) for s in sizes[:-1]])
# icns written by hand (PNG entries, no 1024 upscale) to keep it small
import io, struct
def png(s):
    b = io.BytesIO(); load(s).save(b, "PNG", optimize=True); return b.getvalue()
ents = [(b"icp4",16),(b"icp5",32),(b"ic11",32),(b"ic12",64),(b"ic07",128),
        (b"ic13",256),(b"ic08",256),(b"ic14",512),(b"ic09",512)]
body = b"".join(t + struct.pack(">I", 8 + len(d)) + d for t, d in ((t, png(s)) for t, s in ents))
open("icon.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
rm -rf "$W"
