package plan

import "strings"

// occasions maps the end of an occasion's name to the verb it takes:
// meetings are 召开, talks and classes 举办, drills and trainings 组织,
// everything else an activity, 开展.
var occasions = []struct{ suffix, verb string }{
	{"报告会", "举办"}, {"培训班", "举办"}, {"读书班", "举办"}, {"研讨班", "举办"}, {"讲座", "举办"}, {"展览", "举办"}, {"竞赛", "举办"},
	{"比赛", "举办"}, {"展", "举办"}, {"论坛", "举办"}, {"晚会", "举办"},
	{"演练", "组织"}, {"培训", "组织"}, {"观摩", "组织"}, {"考试", "组织"}, {"参观", "组织"},
	{"会议", "召开"}, {"大会", "召开"}, {"座谈会", "召开"}, {"推进会", "召开"}, {"生活会", "召开"},
	{"会", "召开"},
}

// OccasionVerb is the verb an occasion takes: 召开座谈会, 举办讲座,
// 组织演练, 开展宣传咨询日活动.
func OccasionVerb(occasion string) string {
	o := strings.TrimRight(strings.TrimSpace(occasion), "”\"'）)")
	for _, x := range occasions {
		if strings.HasSuffix(o, x.suffix) {
			return x.verb
		}
	}
	return "开展"
}

// prepositions: what an action's word says about how its targets attach.
// Inspections and reviews are done 对 someone, lessons given 为 them,
// material handed 向 them; an activity reaches them, 面向.
var prepositions = []struct{ word, prep string }{
	{"检查", "对"}, {"排查", "对"}, {"督查", "对"}, {"督导", "对"}, {"整治", "对"}, {"执法", "对"},
	{"点评", "对"}, {"评议", "对"}, {"考核", "对"}, {"测评", "对"}, {"约谈", "对"}, {"提醒", "对"},
	{"讲授", "为"}, {"宣讲", "为"}, {"党课", "为"}, {"授课", "为"}, {"辅导", "为"}, {"讲座", "为"},
	{"发放", "向"}, {"赠送", "向"}, {"捐赠", "向"}, {"通报", "向"}, {"传达", "向"},
}

// Preposition is the word that joins an action's targets to it: 对86家企业
// 开展安全检查, 为全体党员讲授专题党课, 向群众发放宣传资料, and 面向 for an
// activity that reached people.
func Preposition(action string) string {
	for _, x := range prepositions {
		if strings.Contains(action, x.word) {
			return x.prep
		}
	}
	return "面向"
}

// doings are short words that name something one does, so that 进行了X
// and X方式灵活 read right. A campaign's noun (活动, 教育, 学习, 工作) is
// not one of them.
var doings = []string{"点评", "评议", "讲评", "测评", "考核", "检查", "督查", "督导", "调研",
	"座谈", "研讨", "宣传", "培训", "整改", "排查", "整治", "走访", "慰问", "评比", "考评"}

// IsDoing reports whether verb names something one does (点评, 评议).
func IsDoing(verb string) bool {
	for _, d := range doings {
		if verb == d {
			return true
		}
	}
	return false
}
