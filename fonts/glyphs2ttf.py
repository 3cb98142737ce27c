#!/usr/bin/env python3
"""Compile the master layer of a Glyphs 3 .glyphspackage into TrueType.

Debian's fontmake/glyphsLib cannot read Glyphs 3 sources, so build.sh uses
this instead. It reads the package with openstep_plist (python3-openstep-plist)
and writes the font with fontTools' FontBuilder (python3-fonttools): cubic
outlines become quadratic through cu2qu (max error 1 unit, as fontmake), with
the contour direction reversed for TrueType; components are decomposed. Only
what the PDF writer needs is made: outlines, advances, cmap, metrics and
names. No OpenType layout, kerning or hinting.

Usage: glyphs2ttf.py PACKAGE OUT.ttf [UNICODES-FILE]
With a unicodes file (charset.txt format), only glyphs mapped to one of its
code points are compiled (components are drawn from the whole package).
"""

import datetime
import math
import os
import sys

import openstep_plist
from fontTools.fontBuilder import FontBuilder
from fontTools.misc.transform import Transform
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen


def load(path):
    with open(path, encoding="utf-8") as f:
        return openstep_plist.load(f, use_numbers=True)


def main():
    pkg, out = sys.argv[1], sys.argv[2]
    wanted = None
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            wanted = {int(l.split()[0], 16) for l in f if l.strip() and not l.startswith("#")}

    info = load(os.path.join(pkg, "fontinfo.plist"))
    if info.get(".formatVersion") != 3:
        sys.exit(f"{pkg}: not a Glyphs 3 source")
    master = info["fontMaster"][0]
    mid = master["id"]
    upm = int(info["unitsPerEm"])

    glyphs = {}
    gdir = os.path.join(pkg, "glyphs")
    for fn in sorted(os.listdir(gdir)):
        if fn.endswith(".glyph"):
            g = load(os.path.join(gdir, fn))
            glyphs[g["glyphname"]] = g

    def layer(g):
        for ly in g.get("layers", ()):
            if ly.get("layerId") == mid:
                return ly
        return None

    def codes(g):
        u = g.get("unicode")
        if u is None:
            return []
        return list(u) if isinstance(u, list) else [u]

    def draw(g, pen, depth=0):
        if depth > 8:
            sys.exit(f"{g['glyphname']}: components nested too deep")
        ly = layer(g)
        for shape in ly.get("shapes", ()) if ly else ():
            if "ref" in shape:
                x, y = shape.get("pos", (0, 0))
                sx, sy = shape.get("scale", (1, 1))
                t = Transform().translate(x, y).rotate(math.radians(shape.get("angle", 0))).scale(sx, sy)
                draw(glyphs[shape["ref"]], TransformPen(pen, t), depth + 1)
            elif "nodes" in shape:
                path(shape, pen)

    def path(shape, pen):
        nodes = [(n[0], n[1], str(n[2]).rstrip("s")) for n in shape["nodes"]]
        if not nodes:
            return
        if not shape.get("closed"):
            pen.moveTo(nodes[0][:2])
            seq = nodes[1:]
        else:
            # A closed path's start is its last on-curve node.
            k = max((i for i, n in enumerate(nodes) if n[2] != "o"), default=None)
            if k is None:  # all off-curve: a TrueType-style quadratic loop
                pen.qCurveTo(*[n[:2] for n in nodes], None)
                pen.closePath()
                return
            pen.moveTo(nodes[k][:2])
            seq = nodes[k + 1:] + nodes[: k + 1]
        off = []
        for x, y, t in seq:
            if t == "o":
                off.append((x, y))
            elif t == "c":
                pen.curveTo(*off, (x, y))
                off = []
            elif t == "q":
                pen.qCurveTo(*off, (x, y))
                off = []
            elif t == "l":
                if off:
                    sys.exit(f"line node after off-curve points in {shape}")
                pen.lineTo((x, y))
            else:
                sys.exit(f"unknown node type {t!r}")
        if shape.get("closed"):
            pen.closePath()
        else:
            pen.endPath()

    # Chinese sets curly quotes full-width (GB/T 15834): map them to the
    # glyphs the source's fwid feature substitutes, as a CJK layout engine
    # would; the PDF writer applies no features.
    fullwidth = {0x2018: "quoteleft.uv002", 0x2019: "quoteright.uv002",
                 0x201C: "quotedblleft.uv002", 0x201D: "quotedblright.uv002"}

    order = [".notdef"]
    seen = set(order)
    cmap = {}
    for name in load(os.path.join(pkg, "order.plist")) + sorted(glyphs):
        g = glyphs.get(name)
        if g is None or name in seen or g.get("export", 1) == 0 or layer(g) is None:
            continue
        cs = [c for c in codes(g) if wanted is None or c in wanted]
        if not cs:
            continue
        order.append(name)
        seen.add(name)
        for c in cs:
            cmap.setdefault(c, name)
    for c, name in fullwidth.items():
        if c in cmap and name in glyphs and layer(glyphs[name]) is not None:
            if name not in seen:
                order.append(name)
                seen.add(name)
            cmap[c] = name

    fb = FontBuilder(upm, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(cmap)
    outlines, metrics = {}, {}
    for name in order:
        pen = TTGlyphPen(None)
        if name == ".notdef":
            # An empty box, as fontmake draws one.
            w, h, s = upm // 2, upm * 7 // 10, upm // 20
            for pts in (((s, 0), (s, h), (w - s, h), (w - s, 0)),
                        ((2 * s, s), (w - 2 * s, s), (w - 2 * s, h - s), (2 * s, h - s))):
                pen.moveTo(pts[0])
                for p in pts[1:]:
                    pen.lineTo(p)
                pen.closePath()
            width = w
        else:
            g = glyphs[name]
            draw(g, Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
            width = int(round(layer(g).get("width", upm)))
        outlines[name] = pen.glyph()
        metrics[name] = width
    fb.setupGlyf(outlines)
    fb.setupHorizontalMetrics({n: (metrics[n], getattr(outlines[n], "xMin", 0)) for n in order})

    mv = {m.get("type"): v for m, v in zip(info.get("metrics", ()), master.get("metricValues", ()))}
    asc = int(mv.get("ascender", {}).get("pos", upm * 0.8))
    desc = int(mv.get("descender", {}).get("pos", -upm * 0.2))
    cap = int(mv.get("cap height", {}).get("pos", asc))
    xh = int(mv.get("x-height", {}).get("pos", asc // 2))
    fb.setupHorizontalHeader(ascent=asc, descent=desc)

    props = {p["key"]: p for p in info.get("properties", ())}

    def prop(key, lang="dflt"):
        p = props.get(key)
        if p is None:
            return None
        if "value" in p:
            return p["value"]
        for v in p.get("values", ()):
            if v.get("language") == lang:
                return v["value"]
        return None

    # familyName, not the localised familyNames ("… (technical preview)"):
    # a PostScript name may not hold parentheses.
    family = info["familyName"]
    style = master.get("name", "Regular")
    version = f"{info.get('versionMajor', 1)}.{info.get('versionMinor', 0):03d}"
    ps = (family + "-" + style).replace(" ", "")
    fb.setupNameTable({
        "copyright": prop("copyrights") or "",
        "familyName": family,
        "styleName": style,
        "uniqueFontIdentifier": f"{version};{ps}",
        "fullName": f"{family} {style}",
        "version": f"Version {version}",
        "psName": ps,
        "manufacturer": prop("manufacturers") or "",
        "designer": prop("designers") or "",
        "licenseDescription": prop("licenses") or "",
        "licenseInfoURL": prop("licenseURL") or "",
    })
    fb.setupOS2(
        sTypoAscender=asc, sTypoDescender=desc, sTypoLineGap=0,
        usWinAscent=asc, usWinDescent=-desc, sCapHeight=cap, sxHeight=xh,
        achVendID=prop("vendorID") or "NONE", usWeightClass=400, fsType=0,
    )
    fb.setupPost()
    # The source's date, so that the output depends only on the input.
    when = datetime.datetime.strptime(str(info.get("date", "2000-01-01 00:00:00 +0000"))[:19], "%Y-%m-%d %H:%M:%S")
    epoch = int((when - datetime.datetime(1904, 1, 1)).total_seconds())
    fb.updateHead(created=epoch, modified=epoch, fontRevision=float(version))
    fb.font.save(out, reorderTables=True)
    print(f"{out}: {len(order)} glyphs, {len(cmap)} code points", file=sys.stderr)


main()
