package prose

import (
	"strconv"
	"unicode/utf8"
)

// lexicon maps a noun, or the ending of a noun, to its measure word. The
// longest matching ending wins, so 报告会 (场) beats 会 (次), 问题线索 (条)
// beats 问题 (项) and 培训班 (期) beats 培训 (次). Decisions where usage
// varies, kept here so the output is predictable:
//
//   - 医院 and 卫生院 take 家 (like 企业, 单位, 商户, 门店); schools 所.
//   - 讲座、演出、报告会、宣讲 take 场; 演练 is counted like meetings, 次.
//   - Households take 户 as their own measure word: 300户农户, 5户贫困户;
//     but 商户 takes 家 (shops).
//   - People: 名, also for any noun ending in 员、人、者、生、师、民 (学员,
//     责任人, 志愿者, 学生, 教师, 村民). 干部 is listed; 部 alone is not a
//     person (俱乐部 is 个).
//   - A noun that is itself a measure word (人次, 户, 人, 次, 学时) takes
//     none: Count(1200, "", "人次") is 1200人次.
//   - Anything else: 个.
var lexicon = map[string]string{
	// people
	"员": "名", "人": "名", "者": "名", "生": "名", "师": "名", "民": "名",
	"党员": "名", "群众": "名", "专家": "名", "企业家": "名", "干部": "名", "职工": "名",
	"员工": "名", "农民工": "名", "代表": "名", "班子成员": "名", "评议员": "名",
	"居民": "名", "学员": "名", "教师": "名", "学生": "名", "志愿者": "名",
	// businesses and institutions
	"企业": "家", "单位": "家", "公司": "家", "医院": "家", "卫生院": "家",
	"商户": "家", "门店": "家", "店": "家", "厂": "家", "商场": "家", "超市": "家",
	"酒店": "家", "宾馆": "家", "餐馆": "家", "银行": "家", "机构": "家",
	"学校": "所", "幼儿园": "所", "中学": "所", "小学": "所", "大学": "所",
	"高校": "所", "学院": "所", "中小学": "所",
	// places and bodies
	"村": "个", "社区": "个", "支部": "个", "党支部": "个", "党组织": "个",
	"部门": "个", "科室": "个", "分局": "个", "项目": "个", "小组": "个",
	"班组": "个", "网格": "个", "乡镇": "个", "街道": "个", "委员会": "个",
	"工会": "个", "协会": "个", "学生会": "个", "市场": "个",
	// things said or found
	"意见建议": "条", "意见": "条", "建议": "条", "线索": "条", "问题线索": "条",
	"信息": "条", "短信": "条",
	"措施": "项", "问题": "项", "制度": "项", "任务": "项", "工程": "项",
	"事项": "项", "承诺": "项", "指标": "项",
	"隐患": "处", "点位": "处", "场所": "处",
	// occasions
	"会议": "次", "会": "次", "活动": "次", "培训": "次", "检查": "次",
	"演练": "次", "督查": "次", "巡查": "次", "点评": "次", "座谈": "次", "党课": "次",
	"讲座": "场", "演出": "场", "报告会": "场", "宣讲": "场", "比赛": "场", "竞赛": "场",
	// writings and material
	"文章": "篇", "心得体会": "篇", "心得": "篇", "体会": "篇", "稿件": "篇",
	"报道": "篇", "论文": "篇",
	"材料": "份", "资料": "份", "方案": "份", "文件": "份", "问卷": "份",
	"报告": "份", "责任书": "份", "承诺书": "份", "倡议书": "份",
	"书籍": "本", "读本": "本", "图书": "本", "手册": "本",
	"简报": "期", "培训班": "期", "黑板报": "期", "专刊": "期",
	"展板": "块", "宣传牌": "块", "警示牌": "块",
	"标语": "幅", "横幅": "幅",
	// households
	"人次": "", // 培训人次: the count is in 人次 already
	"户":  "户", "农户": "户", "贫困户": "户", "住户": "户", "家庭": "户",
}

// selfCounting nouns are measure words themselves and take no other.
var selfCounting = map[string]bool{
	"人次": true, "户": true, "人": true, "次": true, "场": true, "名": true,
	"个": true, "家": true, "项": true, "条": true, "处": true, "份": true,
	"学时": true, "课时": true, "小时": true, "天": true,
}

// MeasureWord gives the measure word that goes between a count and noun:
// the lexicon's word for the longest ending of noun it lists, "" when noun
// is itself a measure word (人次), 个 when nothing fits.
//
//	党员 → 名;  企业 → 家;  学校 → 所;  意见建议 → 条;  安全隐患 → 处;  人次 → ""
func MeasureWord(noun string) string {
	if selfCounting[noun] {
		return ""
	}
	if head := HeadNoun(noun); head != "" {
		return lexicon[head]
	}
	return "个"
}

// HeadNoun is the longest ending of noun the lexicon lists, the word that
// decides its measure word: 检查企业 → 企业, 安全隐患 → 隐患, 网点 → "".
func HeadNoun(noun string) string {
	for i := 0; i < len(noun); {
		if _, ok := lexicon[noun[i:]]; ok {
			return noun[i:]
		}
		_, n := utf8.DecodeRuneInString(noun[i:])
		i += n
	}
	return ""
}

// Count writes a count with its measure word before the noun; unit may be
// empty to have it looked up.
//
//	13 意见建议 → 13条意见建议;  5 班子成员 → 5名班子成员;  86 企业 → 86家企业;
//	1200 人次 → 1200人次;  300 农户 → 300户农户
func Count(n int, unit, noun string) string {
	if unit == "" {
		unit = MeasureWord(noun)
	}
	return strconv.Itoa(n) + unit + noun
}
