package html

import (
	"bytes"
	"html/template"
	"sync"
)

// Index is the page `zongjie batch` writes as OUT/index.html: every branch
// with its key figures, its warnings and links to its files, and the
// roll-up at the top. It holds no time or path of the machine, so an
// unchanged batch gives the same bytes.
type Index struct {
	Unit     string // the parent unit, when there is a roll-up
	Rollup   []Link
	Total    Row
	Rows     []Row
	Problems int // rows with errors
}

// Row is one branch, or the totals.
type Row struct {
	Name, Unit                         string
	Members, Participants, Suggestions int
	Rate                               string
	Files                              []Link
	Notes                              []Note
	Failed                             bool
}

// Link is a link to an output file.
type Link struct {
	Label string
	Href  template.URL
}

// Note is a diagnostic shown in a row.
type Note struct {
	Error bool
	Text  string
}

// indexTmpl is parsed when a batch first writes its index, not at every
// start.
var indexTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Unit}}{{.Unit}} · {{end}}各支部工作总结一览</title>
<style>
body { font-family: "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .4em .6em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.failed td { background: #fff1f0; }
ul.notes { margin: 0; padding-left: 1.2em; font-size: .9em; }
li.error { color: #a8071a; }
li.warning { color: #ad6800; }
a { margin-right: .6em; }
.summary { margin: 1em 0; }
</style>
</head>
<body>
<h1>{{if .Unit}}{{.Unit}} · {{end}}各支部工作总结一览</h1>
<p class="summary">共 {{len .Rows}} 个支部{{with .Total}}，党员 {{.Members}} 名，参加 {{.Participants}} 名{{with .Rate}}，参与率 {{.}}{{end}}，意见建议 {{.Suggestions}} 条{{end}}。{{if .Problems}}<strong>其中 {{.Problems}} 个支部本次生成失败，见下表。</strong>{{end}}</p>
{{with .Rollup}}<p>汇总：{{range .}}<a href="{{.Href}}">{{.Label}}</a>{{end}}</p>{{end}}
<table>
<thead><tr><th>支部</th><th>输出名</th><th>党员</th><th>参加</th><th>参与率</th><th>意见建议</th><th>文件</th><th>提示</th></tr></thead>
<tbody>
{{range .Rows}}<tr{{if .Failed}} class="failed"{{end}}><td>{{.Unit}}</td><td>{{.Name}}</td><td class="n">{{.Members}}</td><td class="n">{{.Participants}}</td><td class="n">{{.Rate}}</td><td class="n">{{.Suggestions}}</td><td>{{range .Files}}<a href="{{.Href}}">{{.Label}}</a>{{end}}</td><td>{{with .Notes}}<ul class="notes">{{range .}}<li class="{{if .Error}}error{{else}}warning{{end}}">{{.Text}}</li>{{end}}</ul>{{end}}</td></tr>
{{end}}</tbody>
</table>
</body>
</html>
`))
})

// Render writes the page.
func (p *Index) Render() ([]byte, error) {
	var b bytes.Buffer
	if err := indexTmpl().Execute(&b, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
