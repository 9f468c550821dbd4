package listing

import "testing"

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"github", "github"},
		{"GitHub", "github"},
		{"ＧｉｔＨｕｂ", "github"},              // full-width letters
		{"１２３！", "123!"},                  // full-width digits and signs
		{"Air\u3000Canada", "air canada"}, // ideographic space
		{"ΣΊΣΥΦΟΣ ς", "σίσυφοσ σ"},        // Greek, final sigma
		{"Straße", "straße"},              // simple folding: ß stays
		{"\u212a", "k"},                   // Kelvin sign
		{"İ", "i"},                        // dotted capital I
		{"グーグル", "ぐーぐる"},                  // katakana as hiragana
		{"ぐーぐる", "ぐーぐる"},                  // hiragana stays
		{"ｸﾞｰｸﾞﾙ", "ぐーぐる"},                // half-width, sound marks joined
		{"ﾊﾟｽﾜｰﾄﾞ", "ぱすわーど"},              // semi-voiced
		{"カ\u3099", "が"},                  // combining voiced mark
		{"ハ\u309a", "ぱ"},                  // combining semi-voiced mark
		{"ウ゛", "ゔ"},                       // spacing mark
		{"ヽヾ", "ゝゞ"},                      // iteration marks
		{"ア゛", "あ゛"},                      // no voiced あ: the mark stays, spacing
		{"ﾞ", "゛"},                        // a lone half-width mark
		{"a\u3099", "a゛"},                 // after a letter: spacing
		{"ｶﾞｽﾄ｢ﾃｽﾄ｣", "がすと「てすと」"},    // half-width brackets
		{"楽天 Rakuten", "楽天 rakuten"}, // kanji stay
		{"ヴァ", "ゔぁ"},                 // katakana vu is in the block
		{"ヷ", "ヷ"},                   // outside the block: stays
		{"café", "café"},             // accents stay
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Fold(Fold(tc.in)); got != Fold(tc.in) {
			t.Errorf("Fold is not idempotent on %q: %q", tc.in, got)
		}
	}
}

// TestFoldHalfWidth checks every half-width katakana against its
// full-width form: they fold alike.
func TestFoldHalfWidth(t *testing.T) {
	const half = "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝﾞﾟ"
	const full = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜"
	h, f := []rune(half), []rune(full)
	if len(h) != 0xFF9F-0xFF61+1 || len(f) != len(h) {
		t.Fatalf("%d half-width and %d full-width characters", len(h), len(f))
	}
	for i := range h {
		if h[i] != rune(0xFF61+i) {
			t.Fatalf("character %d is %U", i, h[i])
		}
		if a, b := Fold(string(h[i])), Fold(string(f[i])); a != b {
			t.Errorf("%c folds to %q, %c to %q", h[i], a, f[i], b)
		}
	}
}

// TestFoldVoiced checks every kana with a voiced or semi-voiced form:
// joined with the mark, it folds as the precomposed kana does.
func TestFoldVoiced(t *testing.T) {
	const (
		plain = "かきくけこさしすせそたちつてとはひふへほう"
		voice = "がぎぐげござじずぜぞだぢづでどばびぶべぼゔ"
		semi  = "ぱぴぷぺぽ"
	)
	p, v := []rune(plain), []rune(voice)
	for i := range p {
		for _, mark := range []string{"\u3099", "゛"} {
			for _, k := range []rune{p[i], p[i] + 0x60} { // hiragana and katakana
				if got, want := Fold(string(k)+mark), Fold(string(v[i])); got != want {
					t.Errorf("Fold(%q) = %q, want %q", string(k)+mark, got, want)
				}
			}
		}
	}
	for i, s := range []rune(semi) {
		base := []rune("はひふへほ")[i]
		for _, mark := range []string{"\u309a", "゜", "ﾟ"} {
			if got := Fold(string(base) + mark); got != string(s) {
				t.Errorf("Fold(%q) = %q, want %q", string(base)+mark, got, string(s))
			}
		}
	}
	// Every hiragana with no voiced form keeps the mark apart.
	for r := rune(0x3041); r <= 0x3096; r++ {
		got := []rune(Fold(string(r) + "゛"))
		_, ok := voiced(r)
		if ok != (len(got) == 1) {
			t.Errorf("Fold(%c゛) = %q: joined %v, voiced form %v", r, string(got), len(got) == 1, ok)
		}
	}
}
