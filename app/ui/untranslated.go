package ui

import (
	"strconv"
	"strings"
)

// plural is the English-only count of the screens not yet moved to the
// catalogue. It goes once they use i18n.Plural.
func plural(n int, unit string) string {
	s := strconv.Itoa(n) + " "
	switch {
	case n == 1:
		return s + unit
	case strings.HasSuffix(unit, "y"):
		return s + unit[:len(unit)-1] + "ies"
	}
	return s + unit + "s"
}
