package pdf

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/zongjie/zongjie/internal/doc"
	"github.com/zongjie/zongjie/internal/font"
	"github.com/zongjie/zongjie/internal/layout"
)

// benchProse is ordinary work-summary prose, cycled to fill the pages.
const benchProse = "按照县委创先争优活动领导小组关于认真做好第二轮领导点评工作的通知要求，" +
	"我局高度重视，及时召开党组会议进行专题研究，制定了切实可行的实施方案，" +
	"成立了以党组书记为组长的领导点评工作小组，明确了点评的内容、方式和步骤。" +
	"点评工作坚持实事求是、客观公正的原则，既充分肯定成绩，又指出存在的不足，" +
	"提出了明确的努力方向和改进措施。通过点评，进一步激发了广大党员干部创先争优的热情，" +
	"推动了规划管理各项工作的开展，全年共审批建设项目一百二十六个，完成城乡规划编制十八项，" +
	"查处违法建设案件四十三起，群众满意率达到百分之九十六以上。下一步，我局将认真总结经验，" +
	"查找差距，巩固点评成果，建立长效机制，努力在服务全县经济社会发展中再创佳绩。"

// benchResult lays out a realistic three-page summary on the GB/T 9704
// grid: 22 justified lines of 28 characters per page, headings, folios.
func benchResult(b testing.TB, faces map[font.Role]font.Face) *layout.Result {
	prose := []rune(benchProse)
	k := 0
	next := func(n int) string {
		s := make([]rune, n)
		for i := range s {
			s[i] = prose[k%len(prose)]
			k++
		}
		return string(s)
	}
	res := &layout.Result{Width: a4W, Height: a4H}
	var zero doc.Kind
	for p := 1; p <= 3; p++ {
		pg := layout.Page{Number: p}
		for l := range 22 {
			y := top + 22 + float64(l)*lineGap
			switch {
			case p == 1 && l == 0:
				r := run(b, faces, font.RoleTitle, 22, 0, y, 0, "创先争优活动领导点评工作总结")
				r.X = left + (442.2-r.Width)/2
				pg.Lines = append(pg.Lines, line(zero, r))
			case l == 1:
				// blank grid line
			case l == 2:
				pg.Lines = append(pg.Lines, line(zero, run(b, faces, font.RoleHeading1, 15.75, left+31.5, y, 0, "一、组织会议集中点评")))
			case l == 9:
				pg.Lines = append(pg.Lines, line(zero, run(b, faces, font.RoleHeading2, 15.75, left+31.5, y, 0, "（一）召开专题民主生活会")))
			default:
				x, n := left, 28
				if l == 3 || l == 10 {
					x, n = left+31.5, 26 // paragraph indent
				}
				pg.Lines = append(pg.Lines, line(zero, run(b, faces, font.RoleBody, 15.75, x, y, 0.0625*float64(l%5), next(n))))
			}
		}
		folio := run(b, faces, font.RoleBody, 14, left, 820, 0, "— "+strconv.Itoa(p)+" —")
		pg.Lines = append(pg.Lines, layout.Line{Folio: true, Block: -1, Runs: []layout.Run{folio}})
		res.Pages = append(res.Pages, pg)
	}
	return res
}

func BenchmarkWrite(b *testing.B) {
	faces := roleFaces(b)
	r := benchResult(b, faces)
	opt := Options{Faces: faces, Title: "创先争优活动领导点评工作总结", Created: created}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, r, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// BenchmarkWriteSample writes a real summary as the build lays it out
// (four pages, four faces, about 450 distinct characters).
func BenchmarkWriteSample(b *testing.B) {
	faces := roleFaces(b)
	r := goldenResult(b, faces, "county-planning-bureau")
	opt := Options{Faces: faces, Title: "创先争优活动领导点评工作总结", Created: created}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, r, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}
