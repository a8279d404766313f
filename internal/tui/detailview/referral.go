package detailview

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// A referral they gave (who they pointed to) can be logged as a win once
// it became a yes: y asks, then stores a win for the person referred, with
// referral_from set to this No (as `rebound win --referral-from ID`).

// winKeys answer "Log a win …?".
var winKeys = confirm.Keys("log the win", "not now")

// winLogged is the win stored (or why not).
type winLogged struct {
	w   journal.Win
	err error
}

// hasReferral reports a No whose referral names someone.
func (m *Model) hasReferral() bool {
	return m.loaded && m.err == nil && strings.TrimSpace(m.no.Referral) != ""
}

// referralWin is the win the referral would be: the person referred, on
// today's date, from this No.
func (m *Model) referralWin() journal.Win {
	return journal.Win{
		Who:          strings.TrimSpace(m.no.Referral),
		What:         "referred by " + strings.TrimSpace(m.no.Who),
		Date:         m.ctx.Today(),
		Mode:         m.no.Mode,
		ReferralFrom: m.no.ID,
	}
}

// askWin opens the question.
func (m *Model) askWin() {
	m.winAsk.Ask(fmt.Sprintf("Log a win for %s (No #%d's referral)? y logs it · other keys don't",
		textsafe.Inline(m.no.Referral), m.no.ID))
}

// answerWin stores the win on y.
func (m *Model) answerWin(k tea.KeyPressMsg) tea.Cmd {
	if !m.winAsk.Answer(k) {
		return common.Say("No win logged.")
	}
	st, w, now := m.db, m.referralWin(), m.ctx.Now()
	return func() tea.Msg {
		err := st.AddWin(&w, now)
		return winLogged{w, err}
	}
}

// logged says the win was stored.
func (m *Model) logged(msg winLogged) tea.Cmd {
	if msg.err != nil {
		return common.Fail(fmt.Errorf("log the win: %w", msg.err))
	}
	return common.Say(fmt.Sprintf("🎉 Logged a win: %s (from No #%d's referral). Every yes counts.",
		textsafe.Truncate(msg.w.Who, 40), msg.w.ReferralFrom))
}

// F turns the referral into this No's follow-up: reaching out to the
// person referred becomes the next step, due in two days. It replaces the
// No's next step and follow-up date, so it asks first and says what it
// will write.

// followKeys answer "Follow up with …?".
var followKeys = confirm.Keys("set the follow-up", "not now")

// referralFollowUpDays is how soon the follow-up falls: while the
// introduction is fresh.
const referralFollowUpDays = 2

// referralFollowed is the No as saved (or why not).
type referralFollowed struct {
	n   journal.No
	err error
}

// referralNext is the next step the referral becomes.
func (m *Model) referralNext() string {
	return fmt.Sprintf("Reach out to %s (referred by %s)", strings.TrimSpace(m.no.Referral), strings.TrimSpace(m.no.Who))
}

// askFollow opens the question.
func (m *Model) askFollow() {
	m.fuAsk.Ask(fmt.Sprintf("Follow up with %s on %s, as No #%d's next step? y sets it · other keys don't",
		textsafe.Truncate(textsafe.Inline(m.no.Referral), 24), m.ctx.Today().AddDays(referralFollowUpDays), m.no.ID))
}

// answerFollow saves the follow-up on y, as a patch of the two fields.
func (m *Model) answerFollow(k tea.KeyPressMsg) tea.Cmd {
	if !m.fuAsk.Answer(k) {
		return common.Say("Follow-up left as it was.")
	}
	st, id, next, due, now := m.db, m.no.ID, m.referralNext(), m.ctx.Today().AddDays(referralFollowUpDays), m.ctx.Now()
	return func() tea.Msg {
		n, err := st.PatchNo(id, now, func(n *journal.No) error {
			n.Next, n.FollowUp, n.FollowUpDone = next, due, false
			return nil
		})
		return referralFollowed{n, err}
	}
}

// followed says the follow-up is set and shows the No as saved.
func (m *Model) followed(msg referralFollowed) tea.Cmd {
	if msg.err != nil {
		return common.Fail(fmt.Errorf("set the follow-up: %w", msg.err))
	}
	m.no = msg.n
	m.render()
	return common.Say(fmt.Sprintf("Follow-up set for %s: %s.", msg.n.FollowUp, textsafe.Truncate(msg.n.Next, 50)))
}
