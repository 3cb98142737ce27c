package font

import (
	"fmt"
	"math"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A face with CFF outlines (an .otf, most Noto/Source Han CJK files and
// many commercial 仿宋) is embedded by converting the glyphs a document
// uses to TrueType outlines when the subset is made: x/image/font/sfnt
// reads the charstrings, each cubic Bézier becomes as few quadratic ones
// as keep within cffTolerance of it (as fontTools' cu2qu does), and the
// subset is an ordinary TrueType font, so the PDF side is unchanged
// (CIDFontType2). Hints are dropped; PDF viewers hint on their own.

// cffTolerance is the largest distance, in font units, between a cubic
// curve and the quadratic curves that replace it: fontmake's default.
const cffTolerance = 1.0

type point struct{ x, y float64 }

func (p point) add(q point) point         { return point{p.x + q.x, p.y + q.y} }
func (p point) sub(q point) point         { return point{p.x - q.x, p.y - q.y} }
func (p point) mul(f float64) point       { return point{p.x * f, p.y * f} }
func lerp(p, q point, t float64) point    { return p.add(q.sub(p).mul(t)) }
func dist(p, q point) float64             { return math.Hypot(p.x-q.x, p.y-q.y) }
func fromFixed(p fixed.Point26_6) point   { return point{float64(p.X) / 64, -float64(p.Y) / 64} }
func cubicAt(c [4]point, t float64) point { return bezier(c[:], t) }

func bezier(c []point, t float64) point {
	if len(c) == 1 {
		return c[0]
	}
	next := make([]point, len(c)-1)
	for i := range next {
		next[i] = lerp(c[i], c[i+1], t)
	}
	return bezier(next, t)
}

// splitCubic returns the part of c between t0 and t1.
func splitCubic(c [4]point, t0, t1 float64) [4]point {
	// Points and derivatives at the ends give the sub-curve's controls.
	d := func(t float64) point {
		u := 1 - t
		return c[1].sub(c[0]).mul(3 * u * u).add(c[2].sub(c[1]).mul(6 * u * t)).add(c[3].sub(c[2]).mul(3 * t * t))
	}
	h := (t1 - t0) / 3
	p0, p3 := cubicAt(c, t0), cubicAt(c, t1)
	return [4]point{p0, p0.add(d(t0).mul(h)), p3.sub(d(t1).mul(h)), p3}
}

// cubicToQuads returns the off-curve points (each followed by the next
// piece's start, the last by c[3]) of n quadratic pieces approximating c,
// with the smallest n that keeps within cffTolerance.
func cubicToQuads(c [4]point) []point {
	for n := 1; ; n++ {
		ctrls := make([]point, 0, n)
		ok := true
		for i := range n {
			s := splitCubic(c, float64(i)/float64(n), float64(i+1)/float64(n))
			// The quadratic that matches the cubic's ends and midpoint.
			q := s[1].add(s[2]).mul(0.75).sub(s[0].add(s[3]).mul(0.25))
			for _, t := range []float64{0.2, 0.4, 0.5, 0.6, 0.8} {
				if dist(cubicAt(s, t), bezier([]point{s[0], q, s[3]}, t)) > cffTolerance {
					ok = false
					break
				}
			}
			ctrls = append(ctrls, q)
		}
		if ok || n == 16 {
			return ctrls
		}
	}
}

// cffGlyph returns TrueType glyf data drawing glyph gid of the CFF face f
// (empty for a glyph without outline).
func cffGlyph(f *sfnt.Font, gid uint16) ([]byte, error) {
	var buf sfnt.Buffer
	// ppem of 64 em in 26.6 units: coordinates come in 1/64 font units.
	segs, err := f.LoadGlyph(&buf, sfnt.GlyphIndex(gid), fixed.Int26_6(64*f.UnitsPerEm()), nil)
	if err != nil {
		return nil, fmt.Errorf("glyph %d: %w", gid, err)
	}
	type tpt struct {
		x, y int
		on   bool
	}
	var contours [][]tpt
	var cur []tpt
	var last point
	round := func(p point, on bool) tpt { return tpt{int(math.Round(p.x)), int(math.Round(p.y)), on} }
	flush := func() {
		// A closing point on the start is implicit in TrueType.
		if n := len(cur); n > 1 && cur[n-1] == cur[0] {
			cur = cur[:n-1]
		}
		if len(cur) > 1 {
			contours = append(contours, cur)
		}
		cur = nil
	}
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			flush()
			last = fromFixed(s.Args[0])
			cur = append(cur, round(last, true))
		case sfnt.SegmentOpLineTo:
			last = fromFixed(s.Args[0])
			cur = append(cur, round(last, true))
		case sfnt.SegmentOpQuadTo:
			cur = append(cur, round(fromFixed(s.Args[0]), false))
			last = fromFixed(s.Args[1])
			cur = append(cur, round(last, true))
		case sfnt.SegmentOpCubeTo:
			c := [4]point{last, fromFixed(s.Args[0]), fromFixed(s.Args[1]), fromFixed(s.Args[2])}
			ctrls := cubicToQuads(c)
			for i, q := range ctrls {
				cur = append(cur, round(q, false))
				if i < len(ctrls)-1 {
					// The piece boundary, implied on-curve midway in
					// TrueType, is written out: rounding moves the
					// controls, and an explicit point keeps it exact.
					cur = append(cur, round(cubicAt(c, float64(i+1)/float64(len(ctrls))), true))
				}
			}
			last = c[3]
			cur = append(cur, round(last, true))
		}
	}
	flush()
	if len(contours) == 0 {
		return nil, nil
	}
	n := 0
	xmin, ymin, xmax, ymax := math.MaxInt, math.MaxInt, math.MinInt, math.MinInt
	for _, c := range contours {
		for _, p := range c {
			n++
			xmin, ymin, xmax, ymax = min(xmin, p.x), min(ymin, p.y), max(xmax, p.x), max(ymax, p.y)
		}
	}
	if len(contours) > 0x7FFF || n > 0xFFFF {
		return nil, fmt.Errorf("glyph %d: too many points", gid)
	}
	b := make([]byte, 10, 10+2*len(contours)+2+5*n)
	be.PutUint16(b[0:], uint16(len(contours)))
	for i, v := range []int{xmin, ymin, xmax, ymax} {
		be.PutUint16(b[2+2*i:], uint16(int16(v)))
	}
	end := -1
	for _, c := range contours {
		end += len(c)
		b = be.AppendUint16(b, uint16(end))
	}
	b = be.AppendUint16(b, 0) // no instructions
	// Flags, then x and y deltas: a delta within ±255 takes one byte
	// (short-vector flags), a zero delta none.
	const (
		onCurve = 0x01
		xShort  = 0x02
		yShort  = 0x04
		xSame   = 0x10 // with xShort: positive
		ySame   = 0x20
	)
	var flags, xs, ys []byte
	px, py := 0, 0
	for _, c := range contours {
		for _, p := range c {
			var fl byte
			if p.on {
				fl |= onCurve
			}
			var xf, yf byte
			xs, xf = appendDelta(xs, p.x-px, xShort, xSame)
			ys, yf = appendDelta(ys, p.y-py, yShort, ySame)
			px, py = p.x, p.y
			flags = append(flags, fl|xf|yf)
		}
	}
	b = append(append(append(b, flags...), xs...), ys...)
	return b, nil
}

// appendDelta writes one coordinate delta of a simple glyph and returns
// its flag bits: none for zero (same), one byte for ±255 (short, same =
// positive), else a 16-bit value.
func appendDelta(b []byte, d int, short, same byte) ([]byte, byte) {
	switch {
	case d == 0:
		return b, same
	case d > -256 && d < 256:
		fl := short
		if d > 0 {
			fl |= same
		}
		return append(b, byte(max(d, -d))), fl
	}
	return be.AppendUint16(b, uint16(int16(d))), 0
}

// cffMaxp is a version 1.0 maxp for the TrueType subset of a CFF face
// (whose own maxp, version 0.5, has only the glyph count), profiling the
// simple glyphs in data: no instructions, no twilight zone.
func cffMaxp(data [][]byte) []byte {
	b := make([]byte, 32)
	be.PutUint32(b[0:], 0x00010000)
	be.PutUint16(b[4:], uint16(len(data)))
	var pts, cts uint16
	for _, g := range data {
		if len(g) >= 12 && int16(be.Uint16(g)) > 0 {
			n := be.Uint16(g)
			cts = max(cts, n)
			pts = max(pts, be.Uint16(g[10+2*(int(n)-1):])+1)
		}
	}
	be.PutUint16(b[6:], pts)
	be.PutUint16(b[8:], cts)
	be.PutUint16(b[14:], 2) // maxZones
	return b
}
