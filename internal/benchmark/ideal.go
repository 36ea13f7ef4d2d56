package main

import "time"

// idealTime is the shortest an apply of the graph can take when every request takes latency
// and nothing else takes any time:
//
//	ideal = max(path bound, share bound)
//	path bound  = latency × the requests on the graph's longest chain
//	share bound = latency × all requests / parallelism
//
// A resource sends its requests one after the other (each needs the previous one's answer), and
// starts when the resources it refers to are done; so a chain costs the sum of its resources'
// requests. Terraform runs at most `parallelism` resources at once, and each spends its requests
// in sequence, so the requests take at least total / parallelism round trips. The widgets of
// one dashboard update its arrangement one at a time (the API replaces the whole list, so
// concurrent updates would lose widgets): the k-th widget of a dashboard waits for the 2(k-1)
// arrangement requests of those before it, which the path bound counts.
type idealTime struct {
	Requests     int // the apply's request budget
	CriticalPath int // requests on the longest chain
	PathBound    time.Duration
	ShareBound   time.Duration
	Time         time.Duration
}

func idealApply(nodes []node, latency time.Duration, parallelism int) idealTime {
	finish := make([]int, len(nodes)) // requests from the start of the apply to the node's last answer
	placed := map[int]int{}           // widgets of each dashboard counted so far
	var out idealTime
	for i, nd := range nodes {
		own := len(budget(nd.Kind, phaseApply))
		out.Requests += own
		start := 0
		for _, j := range nd.Refs {
			start = max(start, finish[j])
		}
		if nd.Kind == kindWidget {
			dashboard := nd.Refs[0]
			own += 2 * placed[dashboard]
			placed[dashboard]++
		}
		finish[i] = start + own
		out.CriticalPath = max(out.CriticalPath, finish[i])
	}
	out.PathBound = time.Duration(out.CriticalPath) * latency
	out.ShareBound = time.Duration(float64(out.Requests) / float64(parallelism) * float64(latency))
	out.Time = max(out.PathBound, out.ShareBound)
	return out
}
