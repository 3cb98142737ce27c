#!/usr/bin/env python3
"""Writes test-fangsong-cff.otf: test-fangsong.ttf with CFF outlines.

The quadratic outlines are turned into cubic ones exactly (T2CharStringPen),
so the two faces draw the same shapes; the family is "ZJ Test Fangsong CFF" (测试仿宋CFF).
Run from this folder with Debian's python3-fonttools.
"""
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

src = TTFont("test-fangsong.ttf")
order = src.getGlyphOrder()
gs = src.getGlyphSet()
upm = src["head"].unitsPerEm
fb = FontBuilder(upm, isTTF=False)
fb.setupGlyphOrder(order)
fb.setupCharacterMap(src.getBestCmap())
charstrings = {}
for name in order:
    pen = T2CharStringPen(gs[name].width, gs)
    gs[name].draw(pen)
    charstrings[name] = pen.getCharString()
fb.setupCFF("ZJTestFangsongCFF-Regular", {"FullName": "ZJ Test Fangsong CFF"}, charstrings, {})
fb.setupHorizontalMetrics({n: src["hmtx"][n] for n in order})
hh = src["hhea"]
fb.setupHorizontalHeader(ascent=hh.ascent, descent=hh.descent)
fb.setupNameTable({"familyName": {"en": "ZJ Test Fangsong CFF", "zh-CN": "测试仿宋CFF"}, "styleName": "Regular",
                   "psName": "ZJTestFangsongCFF-Regular",
                   "copyright": src["name"].getDebugName(0)})
os2 = src["OS/2"]
fb.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
            usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent,
            ulCodePageRange1=os2.ulCodePageRange1, fsType=0)
fb.setupPost()
fb.updateHead(created=src["head"].created, modified=src["head"].modified)
fb.font.save("test-fangsong-cff.otf")
