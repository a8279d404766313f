package journal

import "fmt"

// Two 1–5 scales run in opposite directions: the sting of a No (5 = it
// really stung, the worst) and the day's mood (1 = rough, the worst).
// Stored values never change; every place that asks or shows one says the
// words at both ends, so its direction is never guessed.
const (
	StingScale = "1 barely … 5 it really stung"
	MoodScale  = "1 rough … 5 strong"
)

var (
	stingWords = [...]string{"barely", "a little", "it hurt", "it hurt a lot", "it really stung"}
	moodWords  = [...]string{"rough", "low", "okay", "good", "strong"}
)

// StingLabel is a sting answer as offered: "4 — it hurt a lot" ("" outside 1–5).
func StingLabel(n int) string { return label(n, stingWords[:]) }

// MoodLabel is a mood answer as offered: "1 — rough" ("" outside 1–5).
func MoodLabel(n int) string { return label(n, moodWords[:]) }

func label(n int, words []string) string {
	if n < 1 || n > len(words) {
		return ""
	}
	return fmt.Sprintf("%d — %s", n, words[n-1])
}

// Sting says a stored sting with its word: "4/5, it hurt a lot" ("" when
// not given).
func Sting(n int) string {
	if n < 1 || n > 5 {
		return ""
	}
	return fmt.Sprintf("%d/5, %s", n, stingWords[n-1])
}

// Mood says a stored mood with its word: "2/5, low" ("" when not given).
func Mood(n int) string {
	if n < 1 || n > 5 {
		return ""
	}
	return fmt.Sprintf("%d/5, %s", n, moodWords[n-1])
}
