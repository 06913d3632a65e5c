package input

import (
	"strconv"
	"strings"
	"time"
)

// PathDate returns the first date path holds, by its '/'-separated segments: a segment that is
// or starts with a date as "2006-01-02", "2006_01_02" or "20060102" (followed by nothing or by
// a character that is not a digit), or three segments "2006/01/02" in a row. Years run from
// 1000 to 2999 and the date must exist, so that an id of eight digits ("85038022") is no date.
// Archives file their pages so: "19160216/sn85038022-ed-1_seq-1_a01.txt", "2024/03/05/a.html".
func PathDate(path string) (time.Time, bool) {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if t, ok := segmentDate(s); ok {
			return t, true
		}
		if i+2 < len(segs) && len(s) == 4 && len(segs[i+1]) == 2 && len(segs[i+2]) >= 2 {
			if t, ok := date(s, segs[i+1], segs[i+2][:2]); ok && (len(segs[i+2]) == 2 || !isDigit(segs[i+2][2])) {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// segmentDate returns the date a path segment starts with (see PathDate).
func segmentDate(s string) (time.Time, bool) {
	switch {
	case len(s) >= 10 && (s[4] == '-' && s[7] == '-' || s[4] == '_' && s[7] == '_') && (len(s) == 10 || !isDigit(s[10])):
		return date(s[:4], s[5:7], s[8:10])
	case len(s) >= 8 && (len(s) == 8 || !isDigit(s[8])):
		return date(s[:4], s[4:6], s[6:8])
	}
	return time.Time{}, false
}

// date returns the day of the year, month and day given as digits, if it exists.
func date(y, m, d string) (time.Time, bool) {
	year, err1 := strconv.Atoi(y)
	month, err2 := strconv.Atoi(m)
	day, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil || year < 1000 || year > 2999 || !allDigits(y+m+d) {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(month) || t.Day() != day {
		return time.Time{}, false // 31 February
	}
	return t, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := range len(s) {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
