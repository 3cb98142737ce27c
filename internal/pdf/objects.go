package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/adler32"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/klauspost/compress/flate"
)

// objWriter accumulates a PDF file: a header, numbered objects written in
// ascending order (their offsets kept for the xref table), then the xref
// table and trailer.
type objWriter struct {
	buf  *bytes.Buffer
	offs []int // offs[n] is the offset of object n; offs[0] unused
	tmp  []byte
}

func newObjWriter(buf *bytes.Buffer, nobj int) *objWriter {
	// %PDF-1.7, then a comment of high bytes so that transfer tools treat
	// the file as binary.
	buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return &objWriter{buf: buf, offs: make([]int, 1, nobj+1)}
}

// begin starts object n, which must be the next number.
func (w *objWriter) begin(n int) {
	if n != len(w.offs) {
		panic("pdf: objects out of order") // a bug in this package
	}
	w.offs = append(w.offs, w.buf.Len())
	w.tmp = strconv.AppendInt(w.tmp[:0], int64(n), 10)
	w.buf.Write(w.tmp)
	w.buf.WriteString(" 0 obj\n")
}

func (w *objWriter) end() { w.buf.WriteString("\nendobj\n") }

// dictObj writes object n holding the dictionary d (without << >>).
func (w *objWriter) dictObj(n int, d string) {
	w.begin(n)
	w.buf.WriteString("<<")
	w.buf.WriteString(d)
	w.buf.WriteString(">>")
	w.end()
}

// deflatedObj writes object n as a stream of z, data deflated (see
// deflate), with the extra dictionary entries extra. Length1, when
// positive, records the uncompressed length (a font program's).
func (w *objWriter) deflatedObj(n int, extra string, z []byte, length1 int) {
	w.begin(n)
	w.tmp = append(w.tmp[:0], "<</Length "...)
	w.tmp = strconv.AppendInt(w.tmp, int64(len(z)), 10)
	w.tmp = append(w.tmp, " /Filter /FlateDecode"...)
	if length1 > 0 {
		w.tmp = append(w.tmp, " /Length1 "...)
		w.tmp = strconv.AppendInt(w.tmp, int64(length1), 10)
	}
	w.buf.Write(w.tmp)
	w.buf.WriteString(extra)
	w.buf.WriteString(">>\nstream\n")
	w.buf.Write(z)
	w.buf.WriteString("\nendstream")
	w.end()
}

// finish writes the xref table and the trailer. The file identifier is a
// hash of everything before it, so equal documents get equal IDs and the
// output stays reproducible.
func (w *objWriter) finish(root, info int) {
	sum := sha256.Sum256(w.buf.Bytes())
	id := hex.EncodeToString(sum[:16])
	xref := w.buf.Len()
	b := w.tmp[:0]
	b = append(b, "xref\n0 "...)
	b = strconv.AppendInt(b, int64(len(w.offs)), 10)
	b = append(b, "\n0000000000 65535 f \n"...)
	for _, off := range w.offs[1:] {
		s := strconv.Itoa(off)
		for range 10 - len(s) {
			b = append(b, '0')
		}
		b = append(b, s...)
		b = append(b, " 00000 n \n"...)
	}
	b = append(b, "trailer\n<</Size "...)
	b = strconv.AppendInt(b, int64(len(w.offs)), 10)
	b = append(b, " /Root "...)
	b = strconv.AppendInt(b, int64(root), 10)
	b = append(b, " 0 R /Info "...)
	b = strconv.AppendInt(b, int64(info), 10)
	b = append(b, " 0 R /ID [<"...)
	b = append(b, id...)
	b = append(b, "> <"...)
	b = append(b, id...)
	b = append(b, ">]>>\nstartxref\n"...)
	b = strconv.AppendInt(b, int64(xref), 10)
	b = append(b, "\n%%EOF\n"...)
	w.buf.Write(b)
	w.tmp = b
}

// Flate compression, with klauspost/compress: about twice as fast as
// compress/zlib at the same level for the same size.
//
// Per kind of stream, measured on those of 100 batch summaries, with the
// CPU cache cold as between a batch's documents (ms and KB per document;
// compress/zlib's BestSpeed is what every stream had before):
//
//	                     compress/zlib 1  HuffmanOnly  level 1     level 3     stateless
//	body font (96 KB)    1.16 ms 69.1 KB  0.16  73.2   0.65  68.5  1.21  67.2  0.78  68.9
//	heading fonts (16)   0.35    12.6     0.05  13.5   0.10  12.7  0.14  12.0  0.09  12.2
//	CMaps (4.4)          0.09     2.2     0.03   2.7   0.05   2.2  0.07   2.1  0.04   2.1
//	contents (3.3)       0.06     1.2     0.02   1.6   0.03   1.2  0.05   1.1  0.03   1.2
//
// A large font program (the body face's subset, new in each document) is
// Huffman-coded only: glyph outlines have few repeats for LZ77 to find,
// so it costs 6% more bytes for a seventh of the time. The rest goes
// through StatelessDeflate, whose tables are small enough to stay in the
// cache (those of levels 1–3 are 128 KB and more). A summary's PDF is about
// 4% larger than with compress/zlib's BestSpeed, and deflating takes a
// fifth of the time.
const bigFontLength = 32 << 10 // bytes of font program from which it is Huffman-coded only

var (
	huffmen = sync.Pool{New: func() any {
		fw, err := flate.NewWriter(nil, flate.HuffmanOnly)
		if err != nil {
			panic(err) // a bug in this package: the level is a constant
		}
		return fw
	}}
	bufpool = sync.Pool{New: func() any { return new(bytes.Buffer) }}
)

func getBuf() *bytes.Buffer {
	b := bufpool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// releaseBuf returns b to the pool unless it grew unusually large, so one
// huge document does not pin its memory for the life of the process.
func releaseBuf(b *bytes.Buffer) {
	if b.Cap() <= 4<<20 {
		bufpool.Put(b)
	}
}

// deflateBytes is deflate into a slice of its own.
func deflateBytes(data []byte, huffmanOnly bool) []byte {
	z := deflate(data, huffmanOnly)
	defer releaseBuf(z)
	return bytes.Clone(z.Bytes())
}

// deflate returns data as a zlib stream (RFC 1950) in a pooled buffer.
func deflate(data []byte, huffmanOnly bool) *bytes.Buffer {
	out := getBuf()
	out.Grow(len(data)*3/4 + 64)
	// CMF: deflate, 32 KB window; FLG: FLEVEL 0 (fastest), no dictionary,
	// FCHECK making CMF·256+FLG a multiple of 31.
	out.Write([]byte{0x78, 0x01})
	if huffmanOnly {
		fw := huffmen.Get().(*flate.Writer)
		fw.Reset(out)
		fw.Write(data) // writes to a bytes.Buffer do not fail
		fw.Close()
		huffmen.Put(fw)
	} else {
		flate.StatelessDeflate(out, data, true, nil)
	}
	out.Write(binary.BigEndian.AppendUint32(nil, adler32.Checksum(data)))
	return out
}

// appendNum writes v rounded to 1/1000, without trailing zeros or "-0":
// finer than any printer and short.
func appendNum(b []byte, v float64) []byte {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		return append(b, '0')
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// appendName writes /name, escaping what PDF names cannot hold as #xx.
func appendName(b []byte, s string) []byte {
	b = append(b, '/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7F || c == '#' || bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 {
			b = append(b, '#', hexDigits[c>>4], hexDigits[c&15])
			continue
		}
		b = append(b, c)
	}
	return b
}

const hexDigits = "0123456789ABCDEF"

// appendText writes a text string: a literal for printable ASCII, else
// UTF-16BE with a byte order mark, in hex (PDF 32000 §7.9.2.2).
func appendText(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= 0x7F {
			ascii = false
			break
		}
	}
	if ascii {
		b = append(b, '(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
		return append(b, ')')
	}
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = appendHex16(b, u)
	}
	return append(b, '>')
}

func appendHex16(b []byte, u uint16) []byte {
	return append(b, hexDigits[u>>12], hexDigits[u>>8&15], hexDigits[u>>4&15], hexDigits[u&15])
}

// appendDate writes a PDF date string, D:YYYYMMDDHHmmSSZ, in UTC.
func appendDate(b []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(append(b, "(D:"...), "20060102150405Z)")
}
