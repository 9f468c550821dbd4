// Package i18n is Twofold's message catalogue: every sentence the app shows
// a person, in English and Japanese, and the way each language writes
// numbers, dates and durations.
//
// A message is a package variable, a [Message] or a [Count] with its
// languages side by side, so that a missing translation is seen where the
// message is written and a test finds it too. Components render with a
// [Lang], which they receive from the shell:
//
//	l.T(i18n.VaultHeading)             // a fixed text
//	l.F(i18n.ImportSummary, name, app) // a text with fmt verbs
//	l.N(i18n.AccountCount, n)          // a count, in the form n asks for
//
// Translations with more than one argument name them by index (%[2]s) when
// the language puts them in another order.
//
// The catalogue is written in Go, not with golang.org/x/text/message: that
// package and its tables add about 0.8 MB to a wasm program, and two
// languages need none of its machinery.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lang is a language Twofold is written in.
type Lang uint8

// The languages, in the order of a [Message]'s texts.
const (
	English Lang = iota
	Japanese
	numLangs
)

// Langs lists every language, in the order Settings offers them.
var Langs = []Lang{English, Japanese}

// Tag returns the language's BCP 47 tag, for <html lang> and preferences.
func (l Lang) Tag() string {
	if l == Japanese {
		return "ja"
	}
	return "en"
}

// Name returns the language's name written in itself, as a language
// switch shows it.
func (l Lang) Name() string {
	if l == Japanese {
		return "日本語"
	}
	return "English"
}

// Parse returns the language of a BCP 47 tag such as "ja-JP", by its
// primary subtag, and whether Twofold has it. It also reads the forms
// systems write, "ja_JP" and "ja;q=0.9".
func Parse(tag string) (Lang, bool) {
	primary := strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(primary, "-_;."); i >= 0 {
		primary = primary[:i]
	}
	switch primary {
	case "en":
		return English, true
	case "ja":
		return Japanese, true
	}
	return English, false
}

// Match returns the first of the person's preferred languages (as
// navigator.languages lists them, most preferred first) that Twofold has,
// or English.
func Match(preferred []string) Lang {
	for _, tag := range preferred {
		if l, ok := Parse(tag); ok {
			return l
		}
	}
	return English
}

// A Message is one sentence or label in every language, in the order of
// the Lang constants: English, then Japanese. Messages are package
// variables written as composite literals, which the linker lays out as
// data: made by a function call each, they would add about a quarter of a
// megabyte of initialisation code to the app.
type Message [numLangs]string

// A Count is a message about a count: English has a form for one and one
// for any other count, Japanese has one form, so a Count is written
// {one, other, Japanese}. The count is its first argument, given as text
// written the language's way: write it %[1]s.
type Count [numLangs + 1]string

// T returns the message's text in l.
func (l Lang) T(m Message) string {
	if l >= numLangs {
		l = English
	}
	return m[l]
}

// F returns the message's text in l with args put in place of its verbs,
// as fmt.Sprintf does.
func (l Lang) F(m Message, args ...any) string {
	return fmt.Sprintf(l.T(m), args...)
}

// form returns the text of c in l for the count n.
func (c Count) form(l Lang, n int) string {
	switch {
	case l == Japanese:
		return c[2]
	case n == 1:
		return c[0]
	}
	return c[1]
}

// One returns the form of c for a count of one in l, with its verbs in
// place, for code that fills them in itself (a script in the page).
func (l Lang) One(c Count) string { return c.form(l, 1) }

// Other returns the form of c for any other count in l; see [Lang.One].
func (l Lang) Other(c Count) string { return c.form(l, 2) }

// N returns c for the count n in the form l asks for, with n as its
// first argument and args after it.
func (l Lang) N(c Count, n int, args ...any) string {
	return fmt.Sprintf(c.form(l, n), append([]any{l.Number(n)}, args...)...)
}

// Number writes n with its thousands grouped, as both languages do:
// 1,000 and 1,000.
func (l Lang) Number(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

var monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// Date writes the day of t: 7 December 2026, or 2026年12月7日.
func (l Lang) Date(t time.Time) string {
	if l == Japanese {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year())
}

// DateTime writes the day and time of t to the minute, on a 24-hour
// clock: 7 December 2026, 09:05, or 2026年12月7日 9:05.
func (l Lang) DateTime(t time.Time) string {
	if l == Japanese {
		return fmt.Sprintf("%s %d:%02d", l.Date(t), t.Hour(), t.Minute())
	}
	return fmt.Sprintf("%s, %02d:%02d", l.Date(t), t.Hour(), t.Minute())
}

// Duration writes d in whole seconds, minutes or hours, the largest unit
// that fits: 5 minutes, or 5 分.
func (l Lang) Duration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return l.N(Seconds, int(d/time.Second))
	case d < time.Hour:
		return l.N(Minutes, int(d/time.Minute))
	}
	return l.N(Hours, int(d/time.Hour))
}

// Durations.
var (
	Seconds = Count{"%[1]s second", "%[1]s seconds", "%[1]s 秒"}
	Minutes = Count{"%[1]s minute", "%[1]s minutes", "%[1]s 分"}
	Hours   = Count{"%[1]s hour", "%[1]s hours", "%[1]s 時間"}
)
