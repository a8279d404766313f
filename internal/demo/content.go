package demo

import "github.com/rebound-coach/rebound/internal/coach"

// content is what one mode's demo journal says: its own people, offers and
// channels, and for each reason what they said, so a No filed under
// "budget" talks about budget and a job No never mentions a product.
type content struct {
	whos     []string
	contacts []string // people to greet in the debrief e-mail (some No's); none in personal
	offers   []string
	channels []string
	// said lists what they said for each reason id of the mode.
	said map[string][]string
	// altReason is the reason that means they chose something else; such
	// No's always name the alternative (others do now and then).
	altReason            string
	alternatives, altWhy []string
	changes, lessons     []string
	nexts, wins, tags    []string
	// weights give the reasons plausible proportions, in the taxonomy's
	// order; nil picks them evenly.
	weights []int
}

// contents are the demo's words by mode id; a mode without an entry (a
// content file added later) borrows sales' and falls back to each
// reason's own hint for what they said.
var contents = map[string]*content{
	"sales": {
		whos:     companies,
		contacts: firstNames,
		offers:   []string{"Annual plan", "Pilot", "Enterprise tier", "Starter plan", "Consulting package", "Team upgrade"},
		channels: []string{"call", "e-mail", "meeting", "demo", "video call"},
		said: map[string][]string{
			"price":         {"Honestly, it's too expensive for what we would use.", "The price is hard to justify for a team our size."},
			"budget":        {"It's more than we budgeted for this year.", "There's no budget left this quarter."},
			"timing":        {"Not the right time — maybe after Q2.", "Call me in a few weeks, we're in the middle of a migration."},
			"no-need":       {"Honestly we don't see the need right now.", "Our spreadsheet does the job for now."},
			"waiting":       {"I need to run this past my director.", "We're waiting on a new hire before deciding."},
			"competitor":    {"We went with another vendor.", "We signed with a competitor last week."},
			"hidden-fees":   {"We're worried about hidden fees.", "The setup and support fees surprised us."},
			"misunderstood": {"We thought this would replace our whole CRM.", "I understood it needs a three-year contract."},
			"confused":      {"I didn't quite follow how the pricing works.", "I'm not sure what the next step would even be."},
			"trust":         {"We've been burned by a startup before.", "We'd need references from companies like ours."},
			"product-gap":   {"Your product doesn't do the reporting we need.", "Without an SAP integration it won't work for us."},
			"other":         {"Our company is being acquired; everything is on ice.", "Leadership changed priorities this week."},
		},
		altReason:    "competitor",
		alternatives: []string{"Salesforce", "HubSpot", "Pipedrive", "Zoho", "a cheaper local agency", "their in-house team", "Monday.com"},
		altWhy:       []string{"cheaper", "already use their tools", "bundled with their CRM", "a friend works there", "faster onboarding", "more integrations"},
		changes: []string{"A lower entry price", "A pilot with no commitment", "Budget in the next fiscal year", "A line-item quote",
			"The reporting module", "References from companies like them", "Once the new VP starts", "A clearer ROI case"},
		lessons: []string{"Ask about budget in the first call", "Show the ROI before the price", "Qualify the decision maker earlier",
			"Send the pricing sheet up front", "Lead with a case study", "Keep the demo under 20 minutes", "Ask what would change their mind"},
		nexts: []string{"Send a case study", "Check in after their budget cycle", "Offer a pilot", "Send a line-item quote", "Ask for a debrief call"},
		wins:  []string{"Booked two demos", "Closed a small deal", "Got a referral", "Great feedback on the pitch", "Finished the proposal early"},
		tags:  []string{"q1", "q2", "q3", "q4", "inbound", "outbound", "enterprise", "smb", "outside-icp"},
		// price, budget, timing, no-need, waiting, competitor, hidden-fees,
		// misunderstood, confused, trust, product-gap, other.
		weights: []int{18, 14, 14, 9, 7, 10, 5, 5, 4, 5, 6, 3},
	},
	"job": {
		whos:     companies,
		contacts: firstNames,
		offers:   []string{"Backend engineer", "UX designer", "Data analyst", "Support lead", "Junior developer", "Project manager"},
		channels: []string{"e-mail", "phone screen", "first interview", "final interview", "take-home task", "recruiter call"},
		said: map[string][]string{
			"experience":        {"We're looking for someone with more years in a similar role.", "We went with someone who has led a team before."},
			"skills":            {"We need someone who already runs Kubernetes in production.", "The role needs hands-on SQL from day one."},
			"filled-internally": {"We've decided to fill the position internally.", "Someone on the team has moved into the role."},
			"salary":            {"Your expectations are above the range for this role.", "We can't meet the salary you asked for."},
			"fit":               {"We weren't sure you'd enjoy the way our team works.", "We're after someone who likes a faster, scrappier pace."},
			"competitor":        {"We've offered the role to another candidate.", "Another candidate was a closer match this time."},
			"timing":            {"The role has been put on hold.", "We've paused hiring until next quarter."},
			"overqualified":     {"We think you'd outgrow this role quickly.", "Your background is more senior than this position."},
			"location":          {"We need someone in the office four days a week.", "The role can't be fully remote after all."},
			"misunderstood":     {"We didn't see much front-end work on your resume.", "It wasn't clear you had worked with customers directly."},
			"no-feedback":       {"Unfortunately we won't be moving forward with your application.", "We've decided not to proceed and can't give individual feedback."},
			"other":             {"We've restructured the team and the role changed.", "The hiring manager has left the company."},
		},
		altReason:    "competitor",
		alternatives: []string{"an internal candidate", "Kubernetes in production", "a referral from the team", "experience leading a team", "someone already in the city"},
		altWhy:       []string{"knew the team already", "could start right away", "a closer match to the stack", "had led a similar project", "lower salary expectations"},
		changes: []string{"A role one level lower", "More SQL in my portfolio", "A referral from someone inside", "Reapply when the freeze ends",
			"A shorter notice period", "A hybrid arrangement"},
		lessons: []string{"Lead with results, not duties", "Research the salary range before the call", "Prepare two stories about leading",
			"Tailor the first third of the resume to the ad", "Ask about the team's way of working", "Practise the technical questions out loud"},
		nexts: []string{"Send a thank-you note", "Ask the recruiter for feedback", "Connect with the hiring manager",
			"Set an alert for their next opening", "Update the resume's summary"},
		wins: []string{"Got a first-round interview", "A recruiter reached out", "Finished a portfolio project", "Good feedback on my resume",
			"Sent five tailored applications"},
		tags: []string{"remote", "onsite", "referral", "cold-apply", "agency", "off-target"},
	},
	"school": {
		whos:     []string{"Ms. Novak", "Mr. Okafor", "Dr. Lindqvist", "Ms. Garcia", "Mr. Brennan", "Prof. Ito"},
		contacts: []string{"Tom (TA)", "Priya (tutor)"},
		offers:   []string{"History essay", "Chemistry lab report", "Math problem set", "English presentation", "Biology test", "Economics case study"},
		channels: []string{"written comments", "grade portal", "in class", "e-mail", "rubric"},
		said: map[string][]string{
			"structure":     {"Hard to follow: the paragraphs jump between ideas.", "Good points, but they need a clearer order."},
			"argument":      {"I couldn't find your main argument.", "State your thesis in the introduction."},
			"evidence":      {"You need more sources to support this.", "Show your working for each step."},
			"content":       {"Several answers show the topic isn't clear yet.", "Review chapter 4: the key concepts are missing."},
			"instructions":  {"The rubric asked for a conclusion, and it's missing.", "This was meant to be 1,500 words, not 800."},
			"misunderstood": {"You answered a different question from the one asked.", "The task was to compare, not to describe."},
			"time":          {"It looks rushed toward the end.", "The last two questions are unanswered."},
			"late":          {"Handed in two days late, so points were taken off.", "The appendix was missing."},
			"mistakes":      {"Too many slips in the calculations.", "Proofread: there are many spelling mistakes."},
			"citation":      {"Your references don't follow the required style.", "Cite your sources in the text, not only at the end."},
			"expectations":  {"I expected a more critical analysis.", "A good summary, but I asked for your own view."},
			"other":         {"See me after class about this one.", "Let's talk about it in office hours."},
		},
		alternatives: []string{"a clear thesis up front", "worked steps for every answer", "three sources per claim", "a conclusion that answers the question", "a plan before writing"},
		altWhy:       []string{"easy to follow", "showed the reasoning", "met the rubric", "answered the question asked", "well supported"},
		changes:      []string{"Start a week earlier", "An outline checked with the teacher", "Two more sources per section", "A final proofread", "Practice problems before the test"},
		lessons:      []string{"Outline before writing", "Read the rubric twice", "Start the day it is set", "Ask when the task is unclear", "Check every calculation once"},
		nexts:        []string{"Ask the teacher about the comments", "Book office hours", "Redo the problem set", "Join the study group", "Plan the next essay in steps"},
		wins:         []string{"Finished the reading early", "Understood the new chapter", "Good mark on the quiz", "Asked a question in class", "Studied an hour without the phone"},
		tags:         []string{"midterm", "final", "homework", "group-work", "off-target"},
	},
	"personal": {
		whos:     []string{"Sam", "Alex", "Jordan", "Maya", "Chris", "Noor", "Leo", "Priya", "the book club", "cousin Dana", "Tomás", "Kim"},
		offers:   []string{"Dinner at my place", "Weekend hike", "Birthday drinks", "Concert tickets", "Board game night", "Movie on Friday", "Trip to the coast"},
		channels: []string{"message", "in person", "phone call", "group chat", "e-mail"},
		said: map[string][]string{
			"busy":           {"I already have plans that night.", "That weekend is booked, sorry!"},
			"timing":         {"It's a bit short notice for me.", "This week is hectic, maybe another time?"},
			"energy":         {"I'm exhausted, I need a quiet night in.", "I'm not up for going out this week."},
			"cost":           {"It's a bit out of my budget right now.", "The tickets are too pricey for me this month."},
			"distance":       {"It's too far for me to get home after.", "I don't have a way to get there."},
			"not-interested": {"Hiking isn't really my thing.", "I'm not much of a concert person."},
			"other-plans":    {"I'm going to a friend's party that night.", "I already said yes to something else."},
			"group":          {"I wouldn't know anyone there.", "Big groups aren't really my thing."},
			"relationship":   {"I don't think we know each other well enough yet.", "I'd rather keep things a bit distant for now."},
			"misunderstood":  {"Oh, I thought it was a work thing.", "I thought you meant the whole weekend."},
			"unclear":        {"Where is it, and what time?", "I wasn't sure if it was dinner or just drinks."},
			"other":          {"I can't, but thanks for thinking of me.", "Not this time, sorry."},
		},
		altReason:    "other-plans",
		alternatives: []string{"a friend's birthday", "family dinner", "a quiet night in", "another party", "a work event"},
		altWhy:       []string{"promised weeks ago", "closer to home", "a smaller group", "cheaper", "already paid"},
		changes:      []string{"A date two weeks ahead", "Something closer to them", "A smaller group", "A cheaper plan", "Dinner instead of drinks"},
		lessons:      []string{"Give two weeks' notice", "Offer two dates", "Say who is coming", "Ask what they enjoy", "Keep it simple and close"},
		nexts:        []string{"Invite them for coffee", "Send a photo from the evening", "Suggest a date next month", "Ask what they would enjoy", "Just say hi next week"},
		wins:         []string{"Hosted a lovely dinner", "Three friends said yes", "Called an old friend", "Planned the weekend trip", "Met someone new at the party"},
		tags:         []string{"friends", "family", "neighbours", "group", "off-target"},
	},
}

// contentOf is mode's demo words (sales' for a mode without its own).
func contentOf(mode *coach.Mode) *content {
	if c, ok := contents[mode.ID]; ok {
		return c
	}
	return contents["sales"]
}
