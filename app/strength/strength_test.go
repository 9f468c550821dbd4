package strength

import "testing"

func TestOf(t *testing.T) {
	tests := []struct {
		name     string
		password string
		want     Level
	}{
		{"empty", "", TooShort},
		{"seven", "abcdefg", TooShort},
		{"seven runes of two bytes", "ééééééé", TooShort},
		{"common", "password", Weak},
		{"common with digits", "password123", Weak},
		{"common capitalised", "Password!", Weak},
		{"run", "abcdefghij", Weak},
		{"repeat", "aaaaaaaaaaaa", Weak},
		{"digits", "27182818", Weak},
		{"mixed eight", "tR4!kp9Z", Fair},
		{"passphrase", "correct horse battery staple", Strong},
		{"long mixed", "Vq7#mT2p!xL9wZ4r", Strong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Of(tt.password)
			if got.Level != tt.want {
				t.Errorf("Of(%q) = %v (%.0f bits, %q), want %v", tt.password, got.Level, got.Bits, got.Reason, tt.want)
			}
			if got.Reason == "" {
				t.Errorf("Of(%q) gave no reason", tt.password)
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
		if e.Level < TooShort || e.Level > Strong || e.Reason == "" {
			t.Fatalf("Of(%q) = %+v", s, e)
		}
		if len([]rune(s)) >= MinLength && e.Level == TooShort {
			t.Fatalf("Of(%q) too short at %d runes", s, len([]rune(s)))
		}
	})
}
