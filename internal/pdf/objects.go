package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"
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

// streamObj writes object n as a stream with the extra dictionary entries
// extra, compressing data with Flate. Length1, when positive, records the
// uncompressed length (a font program's).
func (w *objWriter) streamObj(n int, extra string, data []byte, length1 int) {
	z := deflate(data)
	defer releaseBuf(z)
	w.deflatedObj(n, extra, z.Bytes(), length1)
}

// deflatedObj is streamObj of data already deflated (z).
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

// Flate compression. Writers are pooled: a zlib writer allocates about
// 1 MB of state, which would otherwise be paid once per stream.

// level trades size for time; the font programs dominate both. On a
// three-page summary BestSpeed takes about 60% of DefaultCompression's
// time for a file about 6% larger (deflating is most of Write's time).
const level = zlib.BestSpeed

var (
	zpool   = sync.Pool{New: func() any { z, _ := zlib.NewWriterLevel(nil, level); return z }}
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

// deflate returns data zlib-compressed in a pooled buffer.
// deflateBytes is deflate into a slice of its own.
func deflateBytes(data []byte) []byte {
	z := deflate(data)
	defer releaseBuf(z)
	return bytes.Clone(z.Bytes())
}

func deflate(data []byte) *bytes.Buffer {
	out := getBuf()
	z := zpool.Get().(*zlib.Writer)
	z.Reset(out)
	z.Write(data) // writes to a bytes.Buffer do not fail
	z.Close()
	zpool.Put(z)
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
