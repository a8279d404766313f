package debriefview

// Settling holds the keys typed after one that moves the answers form's
// focus until the focus has moved (formscreen.Settling).
func (m *Model) Settling() bool { return m.form.Settling() }
