package cluster

// compound reports whether d holds two stories that its neighbours copy apart: two groups of
// at least two neighbours each, no neighbour of one verified against a neighbour of the other
// (groups are the connected parts of the pairs among d's neighbours), whose spans on d overlap
// by less than apartShare of either's length. A page that printed two wire stories under one
// headline is copied this way by the papers that printed either story alone; made a
// representative, it fused the two stories' reprints into one cluster, which no member but
// itself links (on the chronam-1916 articles, 212 clusters of 2,232 documents held two groups of
// members on two parts of the representative, 4 of the 15 largest; 51 and 1 with this rule).
//
// Neighbours that copy both stories join the groups into one, so a compound that other pages
// reprinted whole is not found; nor is one whose second story has a single copy.
func compound(d int, adj [][]Edge) bool {
	es := adj[d]
	if len(es) < 4 {
		return false
	}
	at := make(map[int]int, len(es)) // neighbour -> its place in es
	for k, e := range es {
		at[e.B] = k
	}
	group := make([]int, len(es)) // group number + 1 of each neighbour, 0 until visited
	left := len(es)               // neighbours without a group yet
	var parts [][]Span            // per group of at least two, its spans on d
	var queue []int
	for k := range es {
		if group[k] != 0 {
			continue
		}
		g := k + 1
		group[k] = g
		left--
		queue = append(queue[:0], k)
		var spans []Span
		for i := 0; i < len(queue); i++ {
			x := queue[i]
			spans = append(spans, es[x].SpansA...)
			if left == 0 {
				// Every neighbour has its group: no list of neighbours can add one. Without
				// this, the copies of a story printed a thousand times each read every other's
				// list, a thousand million steps (14 s of a 42 s scan).
				continue
			}
			for _, f := range adj[es[x].B] {
				if y, ok := at[f.B]; ok && group[y] == 0 {
					group[y] = g
					left--
					queue = append(queue, y)
				}
			}
		}
		if len(queue) >= 2 && len(spans) > 0 {
			parts = append(parts, spans)
		}
	}
	for x := range parts {
		for y := x + 1; y < len(parts); y++ {
			if apart(parts[x], parts[y]) {
				return true
			}
		}
	}
	return false
}

// apartShare is how little two parts of a document may overlap to be apart, two stories for
// compound and two sources for onePart: less than a fifth of the length of either, room for a
// dateline or a headline that both copy.
const apartShare = 0.2

// apart reports whether the parts x and y of one document barely overlap: less than
// apartShare of the length of either lies in the other.
func apart(x, y []Span) bool {
	return max(within(x, y), within(y, x)) < apartShare
}
