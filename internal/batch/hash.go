package batch

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// sum hashes its parts, each length-prefixed so that ("ab","c") and
// ("a","bc") differ. Hex, 128 bits: plenty to tell versions apart. The
// parts are laid end to end in one buffer: a rerun computes four keys of
// each branch's short strings, and a hasher and a copy of each part cost
// more than the hashing.
func sum[T ~string | ~[]byte](parts ...T) string {
	var stack [512]byte
	b := stack[:0]
	for _, p := range parts {
		b = binary.LittleEndian.AppendUint64(b, uint64(len(p)))
		b = append(b, p...)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:16])
}

func contentHash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:16])
}

// SelfID identifies the running program's code: the Go build ID, which
// changes whenever any source, template or embedded font that went into
// the binary changes. Reading it costs a few system calls; hashing the
// whole executable is the fallback where there is no build ID.
var SelfID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	if id := elfBuildID(exe); id != "" {
		return id
	}
	if id := rawBuildID(exe); id != "" {
		return id
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
})

// elfBuildID reads the ".note.go.buildid" note: namesz, descsz, type, "Go\0\0", id.
func elfBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	b, err := s.Data()
	if err != nil || len(b) < 16 || !bytes.Equal(b[12:16], []byte("Go\x00\x00")) {
		return ""
	}
	return string(bytes.TrimRight(b[16:], "\x00"))
}

// rawBuildID finds the build ID Go writes near the start of Mach-O and PE
// binaries.
func rawBuildID(exe string) string {
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, 32<<10)
	n, _ := io.ReadFull(f, buf)
	buf = buf[:n]
	prefix := []byte("\xff Go build ID: \"")
	i := bytes.Index(buf, prefix)
	if i < 0 {
		return ""
	}
	rest := buf[i+len(prefix):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}
