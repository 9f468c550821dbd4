package strength

import "testing"

func TestOf(t *testing.T) {
	tests := []struct {
		name     string
		password string
		want     Level
		common   bool
	}{
		{"empty", "", TooShort, false},
		{"seven", "abcdefg", TooShort, false},
		{"seven runes of two bytes", "ééééééé", TooShort, false},
		{"common", "password", Weak, true},
		{"common with digits", "password123", Weak, true},
		{"common capitalised", "Password!", Weak, true},
		{"run", "abcdefghij", Weak, false},
		{"repeat", "aaaaaaaaaaaa", Weak, false},
		{"digits", "27182818", Weak, false},
		{"mixed eight", "tR4!kp9Z", Fair, false},
		{"passphrase", "correct horse battery staple", Strong, false},
		{"long mixed", "Vq7#mT2p!xL9wZ4r", Strong, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Of(tt.password)
			if got.Level != tt.want {
				t.Errorf("Of(%q) = %v (%.0f bits), want %v", tt.password, got.Level, got.Bits, tt.want)
			}
			if got.Common != tt.common {
				t.Errorf("Of(%q).Common = %v, want %v", tt.password, got.Common, tt.common)
			}
		})
	}
}

func FuzzOf(f *testing.F) {
	for _, s := range []string{"", "password", "correct horse battery staple", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := Of(s)
		if e.Level < TooShort || e.Level > Strong || e.Common && e.Level != Weak {
			t.Fatalf("Of(%q) = %+v", s, e)
		}
		if len([]rune(s)) >= MinLength && e.Level == TooShort {
			t.Fatalf("Of(%q) too short at %d runes", s, len([]rune(s)))
		}
	})
}
