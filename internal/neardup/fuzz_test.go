package neardup

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzSignature(f *testing.F) {
	for _, s := range []string{"", " ", "a", fox, letter, "ΣΑΣ ς", "Ёлка", "ﬁ", "\xff\xfe", "İ", "a\u0301\u0301", "x y z w v u t s"} {
		f.Add(s)
	}
	cfg := DefaultConfig()
	f.Fuzz(func(t *testing.T, text string) {
		n := Normalise(text)
		if !utf8.ValidString(n) || strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
			t.Fatalf("Normalise(%q) = %q: invalid UTF-8 or stray spaces", text, n)
		}
		if again := Normalise(n); again != n {
			t.Fatalf("Normalise is not idempotent on %q: %q then %q", text, n, again)
		}
		sig, err := Sign(cfg, text)
		if err != nil {
			t.Fatal(err)
		}
		if sig.Empty() != (n == "") {
			t.Fatalf("Sign(%q): empty %v but normalised to %q", text, sig.Empty(), n)
		}
		if !sig.Empty() && sig.Similarity(sig) != 1 {
			t.Fatalf("Sign(%q) is not similar to itself", text)
		}
		back, err := ParseSignature(sig.Bytes())
		if err != nil || !back.Equal(sig) {
			t.Fatalf("round trip of Sign(%q): %v", text, err)
		}
		ix, _ := NewIndex(cfg)
		ix.Add("a", sig)
		ix.Add("b", sig)
	})
}

func FuzzParseSignature(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 3, 0, 0})
	f.Add(mustSign(f, fox).Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		sig, err := ParseSignature(data)
		if err != nil {
			return
		}
		if got := sig.Bytes(); string(got) != string(data) {
			t.Fatalf("re-encoding %x gave %x", data, got)
		}
		ix, _ := NewIndex(DefaultConfig())
		ix.Add("a", sig)
		ix.Add("b", sig)
	})
}
