// Package files is how zongjie reads what it is given — sheets, fonts,
// templates, its own records in OUT — and how it words a failed read or
// write in Chinese. Every read is bounded and of a regular file only: a
// path to /dev/zero, a FIFO or a directory is refused before a byte is
// read, so no input can exhaust memory or block a run that a signal must
// be able to stop.
package files

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Kind is what a file is read as: the noun for messages and the largest
// size accepted.
type Kind struct {
	Noun string
	Max  int64
	// Hint follows the too-large message.
	Hint string
}

// Size limits, one per kind of file.
const (
	MaxSheet    = 1 << 20   // a hand-typed fact sheet
	MaxFont     = 256 << 20 // the largest CJK collections are about 100 MB
	MaxTemplate = 1 << 20
	MaxRecord   = 64 << 20 // OUT/.zongjie/*.json: about 1.5 KB a branch
)

var (
	Sheet    = Kind{Noun: "事实表", Max: MaxSheet, Hint: "一份事实表不应这么大，请检查是否选错了文件"}
	Font     = Kind{Noun: "字体文件", Max: MaxFont}
	Template = Kind{Noun: "模板", Max: MaxTemplate, Hint: "一个模板不应这么大，请检查是否选错了文件"}
	Record   = Kind{Noun: "生成记录", Max: MaxRecord}
	Output   = Kind{Noun: "输出文件", Max: MaxFont} // one zongjie wrote, read back to compare
	Lock     = Kind{Noun: "锁文件", Max: 32}       // OUT/.zongjie/*.lock: a process id
)

// Error says why a file was not read.
type Error struct {
	Path string
	Kind Kind
	Err  error // the OS error, or nil
	// Size is the size found, for a file over Kind.Max (0 when unknown).
	Size int64
	// NotRegular: a device, FIFO, socket or directory.
	NotRegular, Dir, TooLarge bool
}

// Error names the file; Message is the same without it, for a diagnostic
// that names the file already.
func (e *Error) Error() string {
	return e.Kind.Noun + " " + e.Path + "：" + Reason(e)
}

// Message says why the file at a diagnostic's path was not read.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if e.TooLarge {
			msg := fmt.Sprintf("文件过大（%d 字节，上限 %d 字节）", e.Size, e.Kind.Max)
			if e.Kind.Hint != "" {
				msg += "：" + e.Kind.Hint
			}
			return msg
		}
		return "无法读取" + e.Kind.Noun + "：" + Reason(e)
	}
	return "无法读取：" + Reason(err)
}

func (e *Error) Unwrap() error { return e.Err }

// OpenRegular opens the file at path for reading, without blocking, and
// only if it is a regular file: for a caller that reads part of a file
// (a font's header) rather than all of it.
func OpenRegular(path string) (*os.File, error) {
	f, err := openNonblock(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = &Error{Path: path, Kind: Font, NotRegular: true, Dir: info.IsDir()}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadFrom reads r (standard input, say) to its end, at most k.Max bytes;
// name stands for it in messages.
func ReadFrom(name string, r io.Reader, k Kind) ([]byte, error) {
	data, err := readAll(io.LimitReader(r, k.Max+1), make([]byte, 0, 512))
	if err != nil {
		return nil, &Error{Path: name, Kind: k, Err: err}
	}
	if int64(len(data)) > k.Max {
		return nil, &Error{Path: name, Kind: k, TooLarge: true, Size: int64(len(data))}
	}
	return data, nil
}

// Read reads the regular file at path, at most k.Max bytes. The file is
// opened without blocking (a FIFO with no writer would otherwise hang the
// open) and its type checked before anything is read.
func Read(path string, k Kind) ([]byte, error) {
	if path == "" {
		return nil, &Error{Path: path, Kind: k, Err: os.ErrNotExist}
	}
	f, err := openNonblock(path)
	if err != nil {
		return nil, &Error{Path: path, Kind: k, Err: err}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: path, Kind: k, Err: err}
	}
	switch {
	case info.IsDir():
		return nil, &Error{Path: path, Kind: k, Dir: true, NotRegular: true}
	case !info.Mode().IsRegular():
		return nil, &Error{Path: path, Kind: k, NotRegular: true}
	case info.Size() > k.Max:
		return nil, &Error{Path: path, Kind: k, TooLarge: true, Size: info.Size()}
	}
	// Sized from the stat, so a file is read in one go; the limit still
	// holds if it grows meanwhile.
	data := make([]byte, 0, min(info.Size(), k.Max)+1)
	data, err = readAll(io.LimitReader(f, k.Max+1), data)
	if err != nil {
		return nil, &Error{Path: path, Kind: k, Err: err}
	}
	if int64(len(data)) > k.Max {
		// It grew while being read.
		return nil, &Error{Path: path, Kind: k, TooLarge: true, Size: int64(len(data))}
	}
	return data, nil
}

// Reason words why a read failed, without the path (messages name it).
func Reason(err error) string {
	var fe *Error
	if errors.As(err, &fe) {
		switch {
		case fe.Dir:
			return "这是一个文件夹，不是" + fe.Kind.Noun
		case fe.NotRegular:
			return "不是普通文件，而是设备、管道之类"
		case fe.TooLarge:
			return fmt.Sprintf("文件过大（%d 字节，上限 %d 字节）", fe.Size, fe.Kind.Max)
		case fe.Err != nil:
			err = fe.Err
		}
	}
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "文件不存在，请检查路径"
	case errors.Is(err, os.ErrPermission):
		return "没有读取权限"
	case errors.Is(err, syscall.EISDIR):
		return "这是一个文件夹"
	}
	return bare(err)
}

// WriteReason words why a file could not be written, without the
// temporary file's name an *os.LinkError from the final rename carries.
func WriteReason(err error) string {
	switch {
	case errors.Is(err, os.ErrPermission), errors.Is(err, syscall.EROFS):
		return "没有写入权限"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足"
	case errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.EEXIST), errors.Is(err, syscall.ENOTEMPTY):
		return "那里已有同名的文件夹，请移走或改用别的输出目录"
	}
	return bare(err)
}

// bare is the OS's own words without the operation and path Go adds.
func bare(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// DirFS is os.DirFS(dir) whose files are read with Read as kind k.
func DirFS(dir string, k Kind) fs.FS { return dirFS{os.DirFS(dir), dir, k} }

type dirFS struct {
	fs.FS
	dir  string
	kind Kind
}

func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	return Read(filepath.Join(d.dir, filepath.FromSlash(name)), d.kind)
}

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }

// DiagKind names the problem for a diagnostic: "too-large" or "read".
func DiagKind(err error) string {
	var e *Error
	if errors.As(err, &e) && e.TooLarge {
		return "too-large"
	}
	return "read"
}

// readAll is io.ReadAll into buf's spare capacity.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
