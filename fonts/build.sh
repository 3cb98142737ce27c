#!/usr/bin/env bash
# Rebuilds the embedded default fonts (zj-*.ttf) from their upstream sources.
#
# This script installs nothing. Prepare the inputs by hand first:
#
#   apt-get install fonttools python3-fonttools python3-openstep-plist unicode-data \
#     fonts-lxgw-wenkai fonts-hanazono bzip2 gzip
#   mkdir -p /tmp/npmfonts && cd /tmp/npmfonts &&
#     npm pack @expo-google-fonts/noto-serif-sc@0.4.3 @expo-google-fonts/noto-sans-sc@0.4.3 &&
#     for t in *.tgz; do tar xzf "$t"; done
#   a snapshot of the public repository TrionesType/zhuque (朱雀仿宋) at the
#   commit ZHUQUE_COMMIT below, in ZHUQUE_DIR (a clone, or `git archive`d)
#
# Usage:
#   fonts/build.sh            subset the fonts with the committed charset.txt
#   fonts/build.sh --charset  first regenerate charset.txt from Unihan, then subset
#
# Inputs can be moved with NOTO_DIR, LXGW_TTF, UNIHAN_DIR and PYTHON.
# The input and output hashes are written to SHA256SUMS so a rebuild can be
# compared with the committed files byte for byte.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
NOTO_DIR=${NOTO_DIR:-/tmp/npmfonts/package}
LXGW_TTF=${LXGW_TTF:-/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf}
UNIHAN_DIR=${UNIHAN_DIR:-/usr/share/unicode}
HANAMINB_TTF=${HANAMINB_TTF:-/usr/share/fonts/truetype/hanazono/HanaMinB.ttf}
ZHUQUE_DIR=${ZHUQUE_DIR:-/tmp/zhuque}
# OpenCC's dictionaries, from the Go module zongjie converts with.
OPENCC_DICT=${OPENCC_DICT:-$(go env GOMODCACHE 2>/dev/null)/github.com/longbridgeapp/opencc@v0.3.13/dictionary}
ZHUQUE_COMMIT=227319a16dab9b4ce48b8cf168f70f2ffa0ce3d0

# pyftsubset runs on the system python; a pyenv/venv python3 earlier on PATH
# usually lacks fontTools, so pick whichever interpreter can import it.
if [[ -z ${PYTHON:-} ]]; then
	for p in python3 /usr/bin/python3; do
		if "$p" -c 'import fontTools' 2>/dev/null; then PYTHON=$p; break; fi
	done
fi
: "${PYTHON:?no python with fontTools found; install python3-fonttools or set PYTHON}"

src_title=$NOTO_DIR/900Black/NotoSerifSC_900Black.ttf
src_heading1=$NOTO_DIR/500Medium/NotoSansSC_500Medium.ttf
src_heading2=$LXGW_TTF
zhuque_pkg=$ZHUQUE_DIR/src/ZhuqueFangsong.glyphspackage
src_rare=$NOTO_DIR/400Regular/NotoSerifSC_400Regular.ttf
src_rare_ext=$HANAMINB_TTF

for f in "$src_title" "$src_heading1" "$src_heading2" "$src_rare" "$src_rare_ext" "$zhuque_pkg/fontinfo.plist"; do
	[[ -f $f ]] || { echo "missing input: $f (see the top of $0)" >&2; exit 1; }
done
if [[ -d $ZHUQUE_DIR/.git ]] && [[ $(git -C "$ZHUQUE_DIR" rev-parse HEAD) != "$ZHUQUE_COMMIT" ]]; then
	echo "$ZHUQUE_DIR is not at $ZHUQUE_COMMIT" >&2
	exit 1
fi
# The source tree's hash: a snapshot without .git is checked by it.
zhuque_tree=$(cd "$zhuque_pkg" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)

if [[ ${1:-} == --charset ]]; then
	for f in Unihan_OtherMappings Unihan_IRGSources; do
		[[ -f $UNIHAN_DIR/$f.txt.bz2 ]] || { echo "missing $UNIHAN_DIR/$f.txt.bz2" >&2; exit 1; }
	done
	# charset.txt lists one code point per line ("4E00  # 一  source") so
	# a change to the set is readable in a diff.
	for f in STCharacters TWVariants; do
		[[ -f $OPENCC_DICT/$f.txt ]] || { echo "missing $OPENCC_DICT/$f.txt (go mod download github.com/longbridgeapp/opencc)" >&2; exit 1; }
	done
	"$PYTHON" - "$UNIHAN_DIR" "$here/charset.txt" "$here/charset-ext.txt" "$OPENCC_DICT" <<'EOF'
import bz2, sys

unihan, out, out_ext, opencc = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
src = {}  # code point -> first source tag

def add(cp, tag):
    src.setdefault(cp, tag)

def unihan_field(name, field, pred=lambda v: True):
    n = 0
    with bz2.open(f"{unihan}/{name}.txt.bz2", "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, key, val = line.rstrip("\n").split("\t", 2)
            if key == field and pred(val):
                yield int(cp[2:], 16)

def rng(a, b, tag):
    for cp in range(a, b + 1):
        add(cp, tag)

rng(0x20, 0x7E, "ascii")
# 通用规范汉字表 (2013): 8105 characters; 196 of them lie beyond the BMP
# (every face has those 196; the PDF writer encodes them like the rest).
tgh = list(unihan_field("Unihan_OtherMappings", "kTGH"))
assert len(tgh) == 8105, len(tgh)
for cp in tgh:
    add(cp, "kTGH")
# GB 2312 hanzi: the G0 source of the IRG.
g0 = list(unihan_field("Unihan_IRGSources", "kIRG_GSource", lambda v: v.startswith("G0-")))
assert len(g0) == 6763, len(g0)
for cp in g0:
    add(cp, "GB2312")
# GB 2312 non-hanzi rows 1-9 (punctuation, symbols, kana, Greek, Cyrillic,
# pinyin, zhuyin, box drawing).
for hi in range(0xA1, 0xB0):
    for lo in range(0xA1, 0xFF):
        try:
            c = bytes([hi, lo]).decode("gb2312")
        except UnicodeDecodeError:
            continue
        add(ord(c), "GB2312-sym")
# Python maps GB 2312 A1A4/A1AA to U+30FB/U+2015; GBK and everyday input
# methods give U+00B7 and U+2014, so carry both forms.
add(0x00B7, "GBK-alt")
add(0x2014, "GBK-alt")
rng(0xA0, 0xFF, "latin1")
rng(0x100, 0x17F, "latin-ext-a")
for cp in (0x1CD, 0x1CE, 0x1CF, 0x1D0, 0x1D1, 0x1D2, 0x1D3, 0x1D4,
           0x1D5, 0x1D6, 0x1D7, 0x1D8, 0x1D9, 0x1DA, 0x1DB, 0x1DC,
           0x1F9, 0x1E3F, 0x251, 0x261):
    add(cp, "pinyin")
rng(0x3000, 0x303F, "cjk-punct")
rng(0xFF00, 0xFFEF, "fullwidth")
rng(0x2010, 0x2027, "gen-punct")
rng(0x2030, 0x203B, "gen-punct")
for cp in (0x203E, 0x2E3A, 0x2E3B, 0x20AC, 0x2103, 0x2109, 0x2116, 0x2121,
           0x2122, 0x2212, 0x2215, 0x2713, 0x2714, 0x2717, 0x2718, 0x25CF,
           0x25CB, 0x25A0, 0x25A1, 0x25B2, 0x25B3, 0x25C6, 0x25C7, 0x2605,
           0x2606, 0x3007):
    add(cp, "symbol")
rng(0x2160, 0x216B, "roman")
rng(0x2170, 0x217B, "roman")
rng(0x2190, 0x2199, "arrow")
rng(0x2460, 0x249B, "enclosed")
rng(0x3220, 0x3229, "enclosed")
rng(0x3280, 0x3289, "enclosed")

# Traditional script (--script hant): every Traditional form OpenCC gives a
# character of the list so far, and the Taiwan variants s2tw applies.
def opencc_values(name):
    with open(f"{opencc}/{name}.txt", encoding="utf-8") as f:
        for line in f:
            k, v = line.rstrip("\n").split("\t")
            yield k, v.split(" ")
simplified = set(src)
for k, vs in opencc_values("STCharacters"):
    if len(k) == 1 and ord(k) in simplified:
        for v in vs:
            for ch in v:
                add(ord(ch), "hant")
for k, vs in opencc_values("TWVariants"):
    for v in vs:
        for ch in v:
            add(ord(ch), "hant")

with open(out, "w", encoding="utf-8") as f:
    f.write("# Code points kept in the embedded fonts; generated by build.sh --charset.\n")
    f.write("# Format: hex code point, then the character and the first list that asked for it.\n")
    for cp in sorted(src):
        ch = chr(cp) if cp > 0x20 and not 0x7F <= cp <= 0xA0 else ""
        f.write(f"{cp:04X}  # {ch}  {src[cp]}\n")
print(f"charset.txt: {len(src)} code points", file=sys.stderr)

# Supplementary-plane hanzi of two standard dictionaries, 辞海 (kCihaiT)
# and 现代汉语词典 (kXHC1983): the rare characters beyond the BMP a name
# or a place is likely to use. zj-rare-ext.ttf carries those Noto lacks.
ext = {}
for cp in unihan_field("Unihan_DictionaryIndices", "kCihaiT"):
    if cp > 0xFFFF:
        ext.setdefault(cp, "Cihai")
for cp in unihan_field("Unihan_Readings", "kXHC1983"):
    if cp > 0xFFFF:
        ext.setdefault(cp, "XHC1983")
with open(out_ext, "w", encoding="utf-8") as f:
    f.write("# Supplementary-plane hanzi in 辞海 or 现代汉语词典 (Unihan); generated by build.sh --charset.\n")
    for cp in sorted(ext):
        f.write(f"{cp:04X}  # {chr(cp)}  {ext[cp]}\n")
print(f"charset-ext.txt: {len(ext)} code points", file=sys.stderr)
EOF
fi

for f in charset.txt charset-ext.txt; do
	[[ -f $here/$f ]] || { echo "no $f; run $0 --charset" >&2; exit 1; }
done

subset() { # subset SRC OUT [UNICODES-FILE]
	# Hinting and OpenType layout are dropped: fpdf uses neither, and they
	# are a large share of the file. post format 3 (no glyph names) is the
	# pyftsubset default. The timestamp is left as the source's so the
	# output depends only on the inputs.
	"$PYTHON" -m fontTools.subset "$1" \
		--output-file="$2" \
		--unicodes-file="${3:-$here/charset.txt}" \
		--no-hinting \
		--notdef-outline \
		--drop-tables+=GSUB,GPOS,GDEF,BASE,STAT,vhea,vmtx,gasp,MATH,meta \
		--layout-features= \
		--name-IDs=0,1,2,3,4,5,6,13,14,16,17 \
		--name-languages=0x0409 \
		--no-recalc-timestamp
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 朱雀仿宋 is compiled from its Glyphs 3 source (glyphs2ttf.py: Debian's
# fontmake cannot read Glyphs 3), only the charset's glyphs, then subset
# like the others. Its licence (OFL 1.1) reserves no font name.
src_body=$tmp/ZhuqueFangsong-Regular.ttf
"$PYTHON" "$here/glyphs2ttf.py" "$zhuque_pkg" "$src_body" "$here/charset.txt"

subset "$src_title" "$here/zj-title.ttf"
subset "$src_heading1" "$here/zj-heading1.ttf"
subset "$src_body" "$here/zj-body.ttf"
subset "$src_heading2" "$here/zj-heading2.ttf"

# LXGW WenKai reserves the names "LXGW" and "霞鹜" (OFL section 3), and a
# subset is a Modified Version, so its names must change. The copyright
# notice (name ID 0) keeps them: that is attribution, not a font name.
"$PYTHON" - "$here/zj-heading2.ttf" <<'EOF'
import sys
from fontTools.ttLib import TTFont

path = sys.argv[1]
f = TTFont(path, recalcTimestamp=False)
name = f["name"]
new = {1: "ZJ Kai", 2: "Regular", 3: "ZJ Kai Regular 1.250; zongjie subset",
       4: "ZJ Kai Regular", 6: "ZJKai-Regular"}
for rec in name.names:
    if rec.nameID in new:
        rec.string = new[rec.nameID]
    elif rec.nameID in (16, 17):
        rec.string = new[rec.nameID - 15]
for rec in name.names:
    if rec.nameID != 0 and ("LXGW" in rec.toUnicode() or "霞鹜" in rec.toUnicode()):
        sys.exit(f"reserved name left in name ID {rec.nameID}: {rec.toUnicode()}")
f.save(path)
EOF

# The rare-hanzi fallbacks. zj-rare: every CJK Unified Ideograph, Extension
# A and compatibility ideograph, and every supplementary-plane hanzi that
# Noto Serif SC has and the body face does not. zj-rare-ext: the charset-ext.txt characters Noto lacks, from
# HanaMinB (GlyphWiki). Both are stored gzip-compressed and unpacked only
# when a document needs one of their characters.
"$PYTHON" - "$src_rare" "$src_rare_ext" "$here/zj-body.ttf" "$here/charset-ext.txt" "$tmp" <<'EOF'
import sys
from fontTools.ttLib import TTFont

rare, ext, body, charset_ext, tmp = sys.argv[1:]

def codes(path):
    return {int(l.split()[0], 16) for l in open(path, encoding="utf-8") if not l.startswith("#")}

# What the body face has; the rest of the hanzi (those of charset.txt
# 朱雀仿宋 lacks included) come from the fallbacks.
common = set(TTFont(body, lazy=True).getBestCmap())
noto = set(TTFont(rare, lazy=True).getBestCmap())
hana = set(TTFont(ext, lazy=True).getBestCmap())
want = {c for c in noto if 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF
        or 0xF900 <= c <= 0xFAFF or c > 0xFFFF} - common
want_ext = (codes(charset_ext) & hana) - noto - common
for name, s in (("rare", want), ("rare-ext", want_ext)):
    with open(f"{tmp}/{name}.txt", "w") as f:
        f.write("".join(f"{c:04X}\n" for c in sorted(s)))
    print(f"zj-{name}: {len(s)} code points", file=sys.stderr)
EOF
subset "$src_rare" "$tmp/zj-rare.ttf" "$tmp/rare.txt"
subset "$src_rare_ext" "$tmp/zj-rare-ext.ttf" "$tmp/rare-ext.txt"

# HanaMinB is under the Hanazono Font License or the OFL with the Reserved
# Font Names "Hanazono Font", "HanaMinA", "HanaMinB", "花園フォント",
# "花園明朝A" and "花園明朝B"; the subset is renamed either way.
"$PYTHON" - "$tmp/zj-rare-ext.ttf" <<'EOF'
import sys
from fontTools.ttLib import TTFont

path = sys.argv[1]
f = TTFont(path, recalcTimestamp=False)
name = f["name"]
new = {1: "ZJ Rare Ext", 2: "Regular", 3: "ZJ Rare Ext Regular; zongjie subset",
       4: "ZJ Rare Ext Regular", 6: "ZJRareExt-Regular"}
name.names = [r for r in name.names if r.nameID in new or r.nameID == 0]
for rec in name.names:
    if rec.nameID in new:
        rec.string = new[rec.nameID]
for rec in name.names:
    if rec.nameID != 0 and any(w in rec.toUnicode() for w in ("Hana", "花園")):
        sys.exit(f"reserved name left in name ID {rec.nameID}: {rec.toUnicode()}")
f.save(path)
EOF
for n in rare rare-ext; do
	gzip -n -9 -c "$tmp/zj-$n.ttf" >"$here/zj-$n.ttf.gz"
done

(
	cd "$here"
	{
		sha256sum "$src_title" "$src_heading1" "$src_heading2" "$src_rare" "$src_rare_ext" | sed 's|  .*/|  input/|'
		echo "$zhuque_tree  input/ZhuqueFangsong.glyphspackage (TrionesType/zhuque commit $ZHUQUE_COMMIT)"
		sha256sum "$src_body" | sed 's|  .*/|  |'
		sha256sum charset.txt charset-ext.txt zj-title.ttf zj-heading1.ttf zj-heading2.ttf zj-body.ttf
		sha256sum "$tmp/zj-rare.ttf" "$tmp/zj-rare-ext.ttf" | sed 's|  .*/|  |'
		sha256sum zj-rare.ttf.gz zj-rare-ext.ttf.gz
	} >SHA256SUMS
	ls -l zj-*.ttf zj-*.ttf.gz
)
# The faces' rune tables, computed ahead of time (internal/font/pages.go).
(cd "$here/.." && go test ./internal/font -run TestPagesFiles -update && ls -l fonts/zj-*.pages)
