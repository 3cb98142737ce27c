package batch

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard selects a fixed part of the branches, so one batch can fan out
// over a job runner: shard I of N takes the branches whose name hashes to
// I. The choice depends on the name alone, so it does not change when
// sheets are added, removed or listed in another order. The zero Shard
// takes everything.
type Shard struct {
	I, N int // 1 ≤ I ≤ N
}

// ParseShard reads "i/n", as in --shard 2/3.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("--shard 应写成 i/n，1 ≤ i ≤ n，如 --shard 2/3（这里是 %q）", s)
	}
	return Shard{I: i, N: n}, nil
}

// All reports whether the shard takes every branch.
func (s Shard) All() bool { return s.N <= 1 }

// Takes reports whether the branch called name belongs to the shard.
func (s Shard) Takes(name string) bool {
	if s.All() {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return int(h.Sum64()%uint64(s.N))+1 == s.I
}

func (s Shard) String() string {
	if s.All() {
		return "全部"
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}
