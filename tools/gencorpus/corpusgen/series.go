package corpusgen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SeriesKind is the layout of a templated recurring series.
type SeriesKind string

// The kinds of series, in the order the plan takes them.
const (
	SeriesEarnings SeriesKind = "earnings"  // a company's quarterly results table
	SeriesMarket   SeriesKind = "market"    // a stock exchange's daily close
	SeriesWeather  SeriesKind = "weather"   // a region's daily forecast and temperatures
	SeriesSports   SeriesKind = "sports"    // a league's weekly results and standings
	SeriesLottery  SeriesKind = "lottery"   // a state lottery's winning numbers
	SeriesRollCall SeriesKind = "roll_call" // how a delegation voted on a bill
)

// seriesKinds lists the kinds in plan order, with the days between two
// issues of each.
var seriesKinds = [...]struct {
	kind  SeriesKind
	every int32
}{
	{SeriesEarnings, 2}, {SeriesMarket, 1}, {SeriesWeather, 1},
	{SeriesSports, 7}, {SeriesLottery, 3}, {SeriesRollCall, 4},
}

// pSeries is the share of issues of series among the articles of a corpus:
// they come on top of the Config.N articles.
const pSeries = 0.04

// series is the plan of one templated series.
type series struct {
	kind   int32 // index in seriesKinds
	first  int32 // corpus index of its first issue
	issues int32
	day    int32 // of its first issue, after epoch
}

// planSeries plans the series of a corpus of n articles: round(4% of n)
// issues (none below 3) after the n articles, in series of 3 to
// min(max(n/250, 4), 60) issues that take the kinds in turn. It draws from
// a stream of its own, so the articles' plan is that of a corpus without
// series.
func planSeries(n int, seed uint64) []series {
	r := rand.New(rand.NewPCG(seed, streamSeries))
	left := int(math.Round(pSeries * float64(n)))
	if left < 3 {
		return nil
	}
	most := min(max(n/250, 4), 60)
	var out []series
	for at := n; left > 0; {
		k := len(out) % len(seriesKinds)
		issues := 3 + r.IntN(most-2)
		if left-issues < 3 {
			issues = left
		}
		span := int(seriesKinds[k].every) * (issues - 1)
		out = append(out, series{kind: int32(k), first: int32(at), issues: int32(issues), day: int32(r.IntN(max(1, eventDays-span)))})
		at += issues
		left -= issues
	}
	return out
}

// seriesOf returns the series of corpus index i, which must be an issue,
// and the issue's number in it, from 0.
func (c *Corpus) seriesOf(i int) (s, issue int) {
	s, found := slices.BinarySearchFunc(c.series, int32(i), func(se series, i int32) int { return int(se.first - i) })
	if !found {
		s--
	}
	return s, i - int(c.series[s].first)
}

// issue builds issue number k of series s, corpus index i.
func (c *Corpus) issue(i, s, k int) Article {
	se := &c.series[s]
	sk := seriesKinds[se.kind]
	name := fmt.Sprintf("s%04d-%s", s, sk.kind)
	w := &issueWriter{
		l:     c.lang,
		fixed: rand.New(rand.NewPCG(c.seed^mix64(uint64(s)|1<<61), streamSeries)),
		r:     rand.New(rand.NewPCG(c.seed^mix64(uint64(i)), streamArticle)),
		date:  epoch.AddDate(0, 0, int(se.day)+k*int(sk.every)),
	}
	switch sk.kind {
	case SeriesEarnings:
		w.earnings()
	case SeriesMarket:
		w.market()
	case SeriesWeather:
		w.weather()
	case SeriesSports:
		w.sports(k)
	case SeriesLottery:
		w.lottery()
	case SeriesRollCall:
		w.rollCall()
	}
	text := strings.TrimRight(w.b.String(), "\n")
	return Article{
		ID:     c.id(i),
		Title:  w.title,
		Date:   w.date,
		Text:   text,
		Words:  len(strings.Fields(w.title)) + len(strings.Fields(text)),
		Kind:   KindTemplate,
		Event:  fmt.Sprintf("%s/%03d", name, k),
		Series: name,
	}
}

// issueWriter writes one issue. Its layout and fixed wording come from the
// series' kind; what every issue of the series shares (a place, a list of
// cities, teams or members) is drawn from fixed, which draws the same in
// every issue, and the figures and names of the day from r.
type issueWriter struct {
	l     *language
	fixed *rand.Rand
	r     *rand.Rand
	date  time.Time
	title string
	b     strings.Builder
}

// printf appends to the text.
func (w *issueWriter) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

// pick returns one of choices, drawn from r.
func pick[T any](r *rand.Rand, choices ...T) T { return choices[r.IntN(len(choices))] }

func (w *issueWriter) place(r *rand.Rand) string { return w.l.places[r.IntN(numPlaces)] }

func (w *issueWriter) person(r *rand.Rand) string {
	return w.l.firsts[r.IntN(numFirsts)] + " " + w.l.lasts[r.IntN(numLasts)]
}

func (w *issueWriter) company(r *rand.Rand) string {
	return w.l.lasts[r.IntN(numLasts)] + pick(r, " Inc", " Corp", " Co", " Industries", " Group", " Holdings")
}

// words returns n content words of the vocabulary, for a bill's purpose.
func (w *issueWriter) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = w.l.words[w.l.wordDist.sample(w.r)]
	}
	return strings.Join(ws, " ")
}

// day returns the date as the issue prints it: "Tuesday, March 3".
func (w *issueWriter) day(d time.Time) string { return d.Format("Monday, January 2") }

// decimal formats n/100 with two decimals and comma separators.
func decimal(n int) string { return thousands(int64(n/100)) + fmt.Sprintf(".%02d", n%100) }

// earnings writes a quarterly results table of a company drawn for the issue.
func (w *issueWriter) earnings() {
	r := w.r
	co := w.company(r)
	// The quarter reported is the last one ended.
	end := time.Date(w.date.Year(), (w.date.Month()-1)/3*3+1, 0, 0, 0, 0, 0, time.UTC)
	q := int(end.Month()) / 3
	w.title = fmt.Sprintf("%s %s Qtr Net", co, [...]string{"1st", "2nd", "3rd", "4th"}[q-1])
	shr, net := 1+r.IntN(150), int64(100+r.IntN(90000))*1000
	w.printf("%s, %s - %s said its net income for the quarter ended %s was %s dlrs, or %d cts a share.\n\n",
		strings.ToUpper(w.place(r)), w.date.Format("January 2"), co, end.Format("January 2"), thousands(net), shr)
	table := func(shr int, net int64) {
		revs := 10 * net / int64(50+r.IntN(100))
		w.printf("Shr %d cts vs %d cts\nNet %s vs %s\nRevs %s vs %s\nAvg shrs %s vs %s\n",
			shr, 1+r.IntN(150), thousands(net), thousands(int64(100+r.IntN(90000))*1000),
			thousands(revs), thousands(revs*int64(80+r.IntN(40))/100),
			thousands(net/int64(shr)*100), thousands(int64(1+r.IntN(90000))*1000))
	}
	table(shr, net)
	if q > 1 {
		w.printf("\n%s\n", [...]string{"Six mths", "Nine mths", "Year"}[q-2])
		table(shr*q+r.IntN(20), net*int64(q)+int64(r.IntN(1000))*1000)
	}
	w.printf("\nNote: Current net includes a gain of %s dlrs, or %d cts a share, from the sale of a unit. Per share figures adjusted for a %d-for-2 stock split paid in %s.\n",
		thousands(int64(1+r.IntN(999))*1000), 1+r.IntN(20), 3+r.IntN(2), time.Month(1+r.IntN(12)))
}

// market writes the daily close of a stock exchange.
func (w *issueWriter) market() {
	r := w.r
	pl := w.place(w.fixed)
	w.title = fmt.Sprintf("%s Stock Market Report for %s", pl, w.day(w.date))
	up := r.IntN(2) == 0
	dir, move, more, fewer := "lower", "fell", "Declining", "advancing"
	if up {
		dir, move, more, fewer = "higher", "rose", "Advancing", "declining"
	}
	w.printf("%s (Wire) - Stock prices closed %s on the %s Stock Exchange on %s. The composite index %s %s points, or %s percent, to %s.\n\n",
		strings.ToUpper(pl), dir, pl, w.date.Weekday(), move, decimal(1+r.IntN(5000)), decimal(1+r.IntN(300)), decimal(100000+r.IntN(400000)))
	w.printf("%s issues outnumbered %s ones by %d to %d, with %d unchanged, on volume of %s million shares, against %s million in the previous session.\n\n",
		more, fewer, 600+r.IntN(500), 200+r.IntN(400), 100+r.IntN(200), decimal(5000+r.IntN(20000)), decimal(5000+r.IntN(20000)))
	w.printf("The most active issues were:\n")
	for range 6 {
		w.printf("%s %s %s %s\n", w.company(r), decimal(100+r.IntN(20000)), pick(r, "up", "off"), decimal(1+r.IntN(300)))
	}
	w.printf("\nThe dollar closed at %s against a basket of currencies. Gold was quoted at $%s an ounce, %s $%s. The yield on the 10-year government bond was %s percent.\n",
		decimal(9000+r.IntN(4000)), decimal(30000+r.IntN(20000)), pick(r, "up", "down"), decimal(1+r.IntN(1000)), decimal(200+r.IntN(600)))
}

// conditions are the weather of the forecasts and tables.
var conditions = []string{"sunny", "partly cloudy", "cloudy", "rain", "showers", "snow", "fog", "thunderstorms", "windy", "clear"}

// weather writes a region's daily forecast and yesterday's temperatures in
// the series' cities.
func (w *issueWriter) weather() {
	r := w.r
	region := w.place(w.fixed)
	cities := make([]string, 12)
	for i := range cities {
		cities[i] = w.place(w.fixed)
	}
	w.title = fmt.Sprintf("Weather for %s and Vicinity, %s", region, w.date.Format("January 2"))
	hi := 20 + r.IntN(70)
	w.printf("Forecast for %s and vicinity: Today, %s with a high of %d. Winds from the %s at %d to %d mph. Tonight, %s with a low of %d. %s, %s with a high near %d.\n\n",
		region, pick(r, conditions...), hi, pick(r, "north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest"),
		5+r.IntN(10), 15+r.IntN(15), pick(r, conditions...), hi-5-r.IntN(20), w.date.AddDate(0, 0, 1).Weekday(), pick(r, conditions...), hi-10+r.IntN(20))
	w.printf("Yesterday's high in %s was %d at %d p.m., the low %d at %d a.m. Precipitation: %s inch. Relative humidity at noon: %d percent.\n\n",
		region, hi-5+r.IntN(10), 1+r.IntN(5), hi-10-r.IntN(20), 3+r.IntN(5), decimal(r.IntN(200)), 20+r.IntN(80))
	w.printf("Temperatures and conditions in the region yesterday:\n")
	for _, city := range cities {
		h := hi - 10 + r.IntN(20)
		w.printf("%s %d %d %s\n", city, h, h-5-r.IntN(20), pick(r, conditions...))
	}
	w.printf("\nSunrise today at 6:%02d a.m., sunset at 5:%02d p.m.\n", r.IntN(60), r.IntN(60))
}

// sports writes week k's results and standings of a league of ten teams.
func (w *issueWriter) sports(k int) {
	r := w.r
	league := w.place(w.fixed)
	teams := make([]string, 10)
	for i := range teams {
		teams[i] = w.place(w.fixed) + pick(w.fixed, " United", " City", " Rovers", " Athletic", " Wanderers")
	}
	w.title = fmt.Sprintf("%s League Results and Standings", league)
	w.printf("Results of %s's matches in the %s League:\n", w.date.Weekday(), league)
	order := r.Perm(len(teams))
	for i := 0; i < len(order); i += 2 {
		w.printf("%s %d %s %d\n", teams[order[i]], r.IntN(5), teams[order[i+1]], r.IntN(4))
	}
	w.printf("\nLeading scorers: %s (%s) %d, %s (%s) %d, %s (%s) %d.\n\n",
		w.person(r), pick(r, teams...), 10+r.IntN(10), w.person(r), pick(r, teams...), 5+r.IntN(5), w.person(r), pick(r, teams...), 2+r.IntN(3))
	w.printf("Standings (played, won, drawn, lost, goals for, against, points):\n")
	type row struct {
		team              string
		won, drawn, lost  int
		goalsFor, against int
	}
	played := k + 1
	rows := make([]row, len(teams))
	for i, t := range teams {
		won := r.IntN(played + 1)
		drawn := r.IntN(played - won + 1)
		rows[i] = row{t, won, drawn, played - won - drawn, won*2 + drawn + r.IntN(played+1), r.IntN(2*played + 1)}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return (3*b.won + b.drawn) - (3*a.won + a.drawn) })
	for _, t := range rows {
		w.printf("%s %d %d %d %d %d %d %d\n", t.team, played, t.won, t.drawn, t.lost, t.goalsFor, t.against, 3*t.won+t.drawn)
	}
	w.printf("\nNext %s's matches: ", w.date.AddDate(0, 0, 7).Weekday())
	order = r.Perm(len(teams))
	for i := 0; i < len(order); i += 2 {
		sep := ", "
		if i == len(order)-2 {
			sep = ".\n"
		}
		w.printf("%s v %s%s", teams[order[i]], teams[order[i+1]], sep)
	}
}

// lottery writes the winning numbers of a state lottery's games.
func (w *issueWriter) lottery() {
	r := w.r
	state := w.place(w.fixed)
	w.title = fmt.Sprintf("%s Lottery Numbers for %s", state, w.date.Format("January 2"))
	digits := func(n int) string {
		ds := make([]string, n)
		for i := range ds {
			ds[i] = strconv.Itoa(r.IntN(10))
		}
		return strings.Join(ds, "-")
	}
	balls := func(n, of int) string {
		ns := r.Perm(of)[:n]
		slices.Sort(ns)
		bs := make([]string, n)
		for i, b := range ns {
			bs[i] = fmt.Sprintf("%02d", b+1)
		}
		return strings.Join(bs, "-")
	}
	w.printf("The %s State Lottery drew the following winning numbers on %s:\n\n", state, w.day(w.date))
	w.printf("Daily Three: %s\nDaily Four: %s\nCash Five: %s\nLotto: %s Bonus: %02d\n\n", digits(3), digits(4), balls(5, 39), balls(6, 49), 1+r.IntN(49))
	jackpot := 1 + r.IntN(40)
	if r.IntN(4) == 0 {
		w.printf("The Lotto jackpot of $%d million was won by a ticket sold in %s.", jackpot, w.place(r))
	} else {
		w.printf("The Lotto jackpot of $%d million was not won and rises to $%d million for the next drawing on %s.",
			jackpot, jackpot+1+r.IntN(3), w.date.AddDate(0, 0, 3).Weekday())
	}
	w.printf(" %s tickets matched five numbers and win $%s each. Players have 180 days to claim prizes.\n", thousands(int64(1+r.IntN(300))), thousands(int64(500+r.IntN(5000))))
}

// rollCall writes how the members of a delegation, the same in every issue,
// voted on a bill.
func (w *issueWriter) rollCall() {
	r := w.r
	state := w.place(w.fixed)
	members := make([]string, 8+w.fixed.IntN(8))
	for i := range members {
		members[i] = fmt.Sprintf("%s (%s)", w.person(w.fixed), pick(w.fixed, "D", "R"))
	}
	purpose := w.words(4 + r.IntN(5))
	w.title = fmt.Sprintf("How %s Members Voted on H.R. %d", state, 100+r.IntN(5000))
	yes, no := 150+r.IntN(150), 100+r.IntN(150)
	outcome := "failed"
	if yes > no {
		outcome = "passed"
	}
	w.printf("%s (Wire) - Here is how members of the %s delegation voted on %s on a bill to %s. The bill %s %d to %d.\n\n",
		strings.ToUpper(state), state, w.date.Weekday(), purpose, outcome, yes, no)
	w.printf("A yes vote is a vote to pass the bill.\n\n")
	for _, m := range members {
		w.printf("%s %s\n", m, pick(r, "Yes", "Yes", "No", "No", "Not voting"))
	}
}
