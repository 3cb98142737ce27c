// Package batchgen writes folders of generated branch sheets for the tests,
// the benchmarks and `go run ./internal/batch/gen`; it is not part of
// the zongjie binary.
package batchgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/zongjie/zongjie/internal/prose"
)

// Generate writes a folder for a batch of n branches: a defaults sheet,
// a roll-up sheet and n branch sheets b0001.toml… whose facts vary
// (figures, methods, events, problems), the same for the same seed. It
// feeds the tests and benchmarks and `go run ./internal/batch/gen`.
func Generate(dir string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := map[string]string{
		"_defaults.toml": genDefaults,
		"_rollup.toml":   genRollup,
	}
	rng := rand.New(rand.NewPCG(seed, 0x5a6f6e676a6965))
	for i := 1; i <= n; i++ {
		files[BranchFile(i)] = genBranch(rng, i)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666); err != nil {
			return err
		}
	}
	return nil
}

// BranchFile names the i-th generated branch sheet.
func BranchFile(i int) string { return fmt.Sprintf("b%04d.toml", i) }

const genDefaults = `# Facts every branch shares. A branch sheet overrides any key; a list it
# writes replaces the list here.
[document]
title = "创先争优活动领导点评工作总结"
self = "我支部"
leader = "支部委员会"
activity = "创先争优活动"
task = "领导点评"
date = 2011-01-28
period = { from = 2010-12-20, to = 2011-01-20 }

[[directives]]
issuer = "公司党委"
title = "关于在创先争优活动中认真做好领导点评工作的实施意见"
`

const genRollup = `# The parent unit. Its figures are summed over the branches.
[document]
unit = "县供电公司"
self = "我公司"
leader = "公司党委"

[figures]
leaders = 7

[[problems]]
text = "部分支部点评记录还不够规范"

[[measures]]
name = "规范点评台账"
text = "统一点评记录格式，按月检查各支部台账。"
`

var (
	genSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"}
	genGiven    = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "志强", "海燕"}
	genMethods  = []string{"集中点评", "个别点评", "现场点评", "随机点评", "书面点评", "座谈点评"}
	genAspects  = []string{"理想信念", "服务群众", "组织纪律", "宗旨意识", "模范作用", "工作实绩", "学习态度", "廉洁自律"}
	genProblems = []string{"学习内容与工作实际结合得还不够紧密", "个别党员参加组织生活不够积极", "点评意见的整改落实还需跟踪", "队伍建设还需进一步加强"}
	genKinds    = []string{"变电运行", "输电线路", "配电运维", "营销服务", "调度控制", "物资供应", "信息通信", "综合服务"}
)

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func genBranch(rng *rand.Rand, i int) string {
	var b strings.Builder
	members := 5 + rng.IntN(36)
	prob := rng.IntN(min(4, members))
	part := members - rng.IntN(3)
	kind := pick(rng, genKinds)
	unit := fmt.Sprintf("%s第%s党支部", kind, prose.Numeral(i))
	secretary := pick(rng, genSurnames) + pick(rng, genGiven)
	fmt.Fprintf(&b, "# 第 %d 个支部：只写与 _defaults.toml 不同的事实。\n", i)
	fmt.Fprintf(&b, "[document]\nunit = %q\n", unit)
	if rng.IntN(4) == 0 {
		fmt.Fprintf(&b, "stage = \"第一次点评已经完成，第二次点评正在进行\"\n")
	}
	fmt.Fprintf(&b, "\n[figures]\nmembers = %d\nprobationary = %d\nparticipants = %d\n", members, prob, part)
	if rng.IntN(3) == 0 {
		fmt.Fprintf(&b, "suggestions = %d\n", 1+rng.IntN(12))
	}
	nm := 1 + rng.IntN(3)
	start := rng.IntN(len(genMethods))
	for m := range nm {
		fmt.Fprintf(&b, "\n[[methods]]\nname = %q\n", genMethods[(start+m)%len(genMethods)])
		for e := range 1 + rng.IntN(2) {
			day := 21 + rng.IntN(11)
			month, year := 12, 2010
			if e > 0 || rng.IntN(2) == 0 {
				day, month, year = 1+rng.IntN(20), 1, 2011
			}
			fmt.Fprintf(&b, "\n  [[methods.events]]\n  dates = [%04d-%02d-%02d]\n", year, month, day)
			fmt.Fprintf(&b, "  by = [{ title = \"支部书记\", name = %q }]\n", secretary)
			fmt.Fprintf(&b, "  targets = [{ who = \"党员\", count = %d }]\n", 1+rng.IntN(part))
			a := rng.IntN(len(genAspects) - 2)
			fmt.Fprintf(&b, "  aspects = [%q, %q]\n", genAspects[a], genAspects[a+1])
		}
	}
	fmt.Fprintf(&b, "\n[[contents]]\nname = \"评议党员的具体表现\"\ntext = \"围绕%s逐一评议，做到人人有点评、个个有提高。\"\n", pick(rng, genAspects))
	for p := range 1 + rng.IntN(2) {
		fmt.Fprintf(&b, "\n[[problems]]\ntext = %q\n", genProblems[(i+p)%len(genProblems)])
	}
	fmt.Fprintf(&b, "\n[[measures]]\nname = \"抓好整改落实\"\ntext = \"对点评中指出的问题建立台账，明确责任人和完成时限，%s。\"\n",
		pick(rng, []string{"按月督促检查", "逐项销号", "在下次组织生活会上通报"}))
	return b.String()
}
