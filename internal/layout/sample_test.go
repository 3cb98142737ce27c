package layout

import (
	"strings"

	"github.com/zongjie/zongjie/internal/doc"
)

// stress is dense with what line breaking must handle: quotes, brackets,
// book-title marks, ——, ……, numbers with . and %, Latin, and adjacent marks.
const stress = "他在会上强调：“这项工作——必须抓紧抓实！”随后又补充道：“……我们要（务必）做到《条例》所说的‘三个到位’。”" +
	"截至2023年12月31日，全县共有党员2011名、党支部86个，参与率达98.7%，意见建议13条……其中，“群众路线”“作风建设”“基层治理”" +
	"三类问题占比分别为41%、33%和26%。【重点】〔2023〕5号文件、《关于做好2024年度工作的通知》——均已落实；5G基站新建128座，" +
	"覆盖率提升至99.2%，COVID-19防控、km/h限速等表述保持原样。（一）“十四五”规划；（二）《方案》、《细则》。问题在哪里？答：在基层！"

// sampleDoc is a realistic summary of about three pages.
func sampleDoc() *doc.Document {
	return &doc.Document{Blocks: []doc.Block{
		{Kind: doc.Title, Text: "某某县自然资源局关于2023年度国土空间规划和耕地保护工作的总结"},
		{Kind: doc.Subtitle, Text: "（讨论稿）", Lines: []string{"（讨论稿）"}},
		para("2023年，我局在县委、县政府的坚强领导下，紧紧围绕“十四五”规划确定的目标任务，坚持以人民为中心的发展思想，统筹推进国土空间规划编制、耕地保护和自然资源执法监督等各项工作，全年共完成建设项目用地审批36宗、面积1250.6亩，办结率达到100%，群众满意度为96.5%，各项工作取得了明显成效。现将有关情况总结如下。"),
		{Kind: doc.Heading1, Text: "一、主要工作及成效"},
		{Kind: doc.Heading2, Text: "（一）扎实推进国土空间规划编制。"},
		para("按照省、市统一部署，我局成立了由主要负责同志任组长的规划编制工作领导小组，先后召开专题会议12次，深入全县18个乡镇（街道）开展调研座谈，广泛听取人大代表、政协委员和基层群众的意见建议。县级国土空间总体规划于6月通过市级审查，乡镇级规划完成初步成果，“多规合一”的实用性村庄规划编制覆盖率达到85%以上。"),
		para("在规划编制过程中，我们坚持“先底线、后发展”的原则，严格落实耕地和永久基本农田、生态保护红线、城镇开发边界三条控制线，做到底数清、边界明、责任实。同时，依托“一张图”实施监督信息系统，对规划实施情况开展动态监测评估，及时发现并纠正偏差。"),
		{Kind: doc.Heading2, Text: "（二）从严从实抓好耕地保护工作。"},
		para("全面落实耕地保护党政同责，与各乡镇签订耕地保护目标责任书18份，层层压实责任。开展耕地“非农化”“非粮化”专项整治行动，排查问题图斑326个，已整改到位298个，整改率91.4%；新建高标准农田3.2万亩，补充耕地1560亩，实现了耕地占补平衡和进出平衡。"),
		{Kind: doc.Heading3, Text: "1. 强化执法监督。"},
		para("坚持“早发现、早制止、严查处”，建立县、乡、村三级巡查网络，全年开展动态巡查1200余次，发现并制止违法占地行为47起，立案查处23起，拆除违法建筑面积1.8万平方米，有力维护了土地管理秩序。"),
		{Kind: doc.Heading3, Text: "2. 提升服务效能。"},
		para("深化“放管服”改革，推行“多审合一、多证合一”，将建设项目用地预审与选址意见书合并办理，审批时限由20个工作日压缩至7个工作日；推行不动产登记“一窗受理、集成服务”，一般登记业务办理时间压缩至3个工作日以内，抵押登记实现“当日办结”。"),
		{Kind: doc.Heading1, Text: "二、存在的问题"},
		para("一是规划编制进度不平衡，个别乡镇规划成果质量有待提高；二是耕地保护形势依然严峻，部分地方“重占轻补”的问题仍然存在；三是基层执法力量薄弱，巡查监管存在盲区，违法用地行为时有发生……这些问题，需要我们在今后的工作中认真加以解决。"),
		{Kind: doc.Heading1, Text: "三、下一步工作打算"},
		para("2024年，我们将继续坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，着力抓好以下工作：一是加快推进乡镇国土空间规划审批，确保年底前全部完成；二是严格落实耕地保护制度，坚决遏制耕地“非农化”，防止“非粮化”；三是加强执法队伍建设，推进“天上看、地上查、网上管”立体监管体系建设，力争违法用地比例控制在5%以下。"),
		para(stress),
		{Kind: doc.Signature, Text: "某某县自然资源局\n2024年1月21日", Lines: []string{"某某县自然资源局", "2024年1月21日"}},
	}}
}

// cycled returns n runes taken cyclically from a phrase without marks, so
// the number of lines a paragraph takes is known: 26 on the first line
// (2 characters of indent), 28 on each further line.
func cycled(n int) string {
	const phrase = "推进国土空间规划编制工作严格耕地保护"
	rs := []rune(phrase)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(rs[i%len(rs)])
	}
	return b.String()
}

// linesOf returns a mark-free paragraph that takes exactly n lines.
func linesOf(n int) string {
	if n == 1 {
		return cycled(10)
	}
	return cycled(26 + 28*(n-2) + 5)
}
