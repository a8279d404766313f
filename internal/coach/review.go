package coach

// ReviewWords are the weekly review's words in a mode (the "review" object
// of its file): the one question, and what frames the week without
// judging it (a week with many No's is a week of many tries).
type ReviewWords struct {
	// Question is asked at the end of the review: "What will you focus on next week?"
	Question string `json:"question"`
	// Example is the placeholder of the answer.
	Example string `json:"example"`
	// Intro is the line under the review's title.
	Intro string `json:"intro"`
	// Focus labels the answer on home all week ("This week's focus").
	Focus string `json:"focus"`
}
