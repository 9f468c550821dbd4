package transfer

import "fmt"

// Situation is where the transfer codes will be read, which decides how
// dense they can be.
type Situation int

// The situations. The zero Situation means Screen.
const (
	// Screen is another browser or tab on the same screen, capturing the
	// sender's window.
	Screen Situation = iota + 1
	// Camera is another device's camera pointed at the sender's screen.
	Camera
	// OldCamera is an older or blurry camera: smaller codes, more of them.
	OldCamera
)

func (s Situation) String() string {
	switch s {
	case Screen:
		return "screen"
	case Camera:
		return "camera"
	case OldCamera:
		return "old-camera"
	}
	return fmt.Sprintf("Situation(%d)", int(s))
}

// ParseSituation is the inverse of [Situation.String].
func ParseSituation(s string) (Situation, error) {
	for _, v := range []Situation{Screen, Camera, OldCamera} {
		if s == v.String() {
			return v, nil
		}
	}
	return 0, fmt.Errorf("unknown situation %q (want screen, camera or old-camera)", s)
}

// Level is a QR code error correction level.
type Level int

// The levels, from the least to the most error correction.
const (
	LevelL Level = iota + 1
	LevelM
	LevelQ
	LevelH
)

func (l Level) String() string {
	if l >= LevelL && l <= LevelH {
		return string("LMQH"[l-1])
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// Layout is the QR code version and error correction level of the codes of
// a transfer, and how many codes a second auto-play shows.
type Layout struct {
	Version int
	Level   Level
	// Rate is the number of codes a second that auto-play starts at.
	Rate int
}

// layouts are the layouts of the situations, chosen from the read rates
// measured in BENCHMARKS.md ("Transfer QR layouts"). A screen capture reads
// every version at any level once a module has two captured pixels, so
// Screen takes the densest code that the window gives enough pixels (see
// [LayoutIn]); a camera reads fewer frames as the version grows.
var layouts = map[Situation]Layout{
	Screen:    {Version: 40, Level: LevelL, Rate: 10},
	Camera:    {Version: 20, Level: LevelM, Rate: 5},
	OldCamera: {Version: 10, Level: LevelM, Rate: 5},
}

// Limits of the screen layout: the fewest device pixels a module (so that a
// capture at half the size, a 2× screen shared at its CSS size, still has
// two a module), and the smallest version tried.
const (
	screenModulePx   = 4
	screenMinVersion = 10
)

// LayoutFor returns the layout for situation s, for a code drawn as large
// as it needs; the zero Situation gets Screen's.
func LayoutFor(s Situation) Layout {
	if l, ok := layouts[s]; ok {
		return l
	}
	return layouts[Screen]
}

// LayoutIn returns the layout for situation s when the code can be at most
// side device pixels wide, its quiet zone included. For Screen it is the
// highest version whose modules get at least four device pixels, and at
// least version 10; the cameras' layouts do not depend on the room. A side
// of 0 or less means no limit.
func LayoutIn(s Situation, side int) Layout {
	l := LayoutFor(s)
	if l != layouts[Screen] || side <= 0 {
		return l
	}
	for l.Version > screenMinVersion && Modules(l.Version)*screenModulePx > side {
		l.Version--
	}
	return l
}

// Modules returns the number of modules on a side of a QR code of version
// v with its four-module quiet zone.
func Modules(v int) int { return 17 + 4*v + 8 }

// alnumCapacity is the alphanumeric capacity in characters of versions 1
// to 40 at levels L and M (ISO/IEC 18004:2015, table 7).
var alnumCapacity = map[Level][41]int{
	LevelL: {0, 25, 47, 77, 114, 154, 195, 224, 279, 335, 395,
		468, 535, 619, 667, 758, 854, 938, 1046, 1153, 1249,
		1352, 1460, 1588, 1704, 1853, 1990, 2132, 2223, 2369, 2520,
		2677, 2840, 3009, 3183, 3351, 3537, 3729, 3927, 4087, 4296},
	LevelM: {0, 20, 38, 61, 90, 122, 154, 178, 221, 262, 311,
		366, 419, 483, 528, 600, 656, 734, 816, 909, 970,
		1035, 1134, 1248, 1326, 1451, 1542, 1637, 1732, 1839, 1994,
		2113, 2238, 2369, 2506, 2632, 2780, 2894, 3054, 3220, 3391},
}

// Capacity returns the number of alphanumeric characters a code of the
// layout holds, or 0 for a layout outside versions 1 to 40 at L or M.
func (l Layout) Capacity() int {
	c, ok := alnumCapacity[l.Level]
	if !ok || l.Version < 1 || l.Version > 40 {
		return 0
	}
	return c[l.Version]
}

// BlockSize returns the number of message bytes each code of the layout
// carries: what is left of its capacity after the prefix, the frame header
// and the check, in Base45. It is at most 0 for a layout too small for a
// frame.
func (l Layout) BlockSize() int {
	avail := l.Capacity() - len(Prefix)
	bytes := avail/3*2 + boolInt(avail%3 == 2)
	return bytes - frameOverhead
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
