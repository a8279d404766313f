package coach

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/rebound-coach/rebound/assets"
	"github.com/rebound-coach/rebound/internal/journal"
)

// DefaultMode is used when no mode is chosen.
const DefaultMode = "sales"

// Catalog is every mode found in the content files.
type Catalog struct {
	modes map[string]*Mode
	ids   []string // display order: by Mode.Order, then id

	// lazy is set for the embedded catalog (Default): a mode is parsed when
	// first asked for, and the list of modes when first needed, so a command
	// that uses one mode pays for one file. mu guards modes, ids and all.
	lazy fs.FS
	mu   sync.Mutex
	all  bool
	// reasons are modes' reason ids read without parsing the rest of the
	// file (lazy catalog only): a log from the command line needs no more,
	// and a whole mode costs 0.5 ms to parse and check.
	reasons map[string][]string
}

// Load parses and validates the embedded modes.
func Load() (*Catalog, error) { return LoadFS(assets.Modes) }

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
)

// Default is the embedded catalog, parsed a mode at a time as modes are
// asked for. The embedded data is checked by the tests (Load parses all of
// it), so a failure here is a build defect and panics.
func Default() *Catalog {
	defaultOnce.Do(func() {
		defaultCat = &Catalog{modes: map[string]*Mode{}, lazy: assets.Modes}
	})
	return defaultCat
}

// LoadFS parses every modes/*.json in fsys (laid out like package assets).
// Errors name the offending file so whoever edits the content can fix it.
func LoadFS(fsys fs.FS) (*Catalog, error) {
	files, err := fs.Glob(fsys, path.Join(assets.ModesDir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("coaching content: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("coaching content: no mode files in %s/", assets.ModesDir)
	}
	c := &Catalog{modes: make(map[string]*Mode, len(files))}
	for _, name := range files {
		m, err := loadMode(fsys, name)
		if err != nil {
			return nil, err
		}
		c.modes[m.ID] = m
		c.ids = append(c.ids, m.ID)
	}
	if c.modes[DefaultMode] == nil {
		return nil, fmt.Errorf("coaching content: the default mode %q is missing (%s/%s.json)", DefaultMode, assets.ModesDir, DefaultMode)
	}
	slices.SortFunc(c.ids, func(a, b string) int {
		oa, ob := c.modes[a].Order, c.modes[b].Order
		if (oa == 0) != (ob == 0) {
			if oa == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(oa, ob), cmp.Compare(a, b))
	})
	return c, nil
}

// loadMode parses and validates one mode file.
func loadMode(fsys fs.FS, name string) (*Mode, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("coaching content: %w", err)
	}
	m, err := parseMode(data)
	if err == nil {
		err = m.validate(strings.TrimSuffix(path.Base(name), ".json"))
	}
	if err != nil {
		return nil, fmt.Errorf("coaching content: %s: %w", name, err)
	}
	return m, nil
}

// loadAll parses every mode of a lazy catalog (once).
func (c *Catalog) loadAll() {
	if c.lazy == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.all {
		return
	}
	full, err := LoadFS(c.lazy)
	if err != nil {
		panic("rebound: embedded coaching content is broken: " + err.Error())
	}
	// Keep the modes already handed out, so a *Mode stays the same.
	for id, m := range full.modes {
		if c.modes[id] == nil {
			c.modes[id] = m
		}
	}
	c.ids, c.all = full.ids, true
}

// ModeIDs lists the modes, sales first.
func (c *Catalog) ModeIDs() []string {
	c.loadAll()
	return slices.Clone(c.ids)
}

// Modes lists the modes in ModeIDs order.
func (c *Catalog) Modes() []*Mode {
	c.loadAll()
	out := make([]*Mode, len(c.ids))
	for i, id := range c.ids {
		out[i] = c.modes[id]
	}
	return out
}

// Mode finds a mode by id (case-insensitive; "" is the default mode). An
// unknown id is a journal validation error, so the CLI exits 2 on it.
func (c *Catalog) Mode(id string) (*Mode, error) {
	if m := c.lookup(id); m != nil {
		return m, nil
	}
	c.loadAll()
	return nil, journal.Invalid("unknown mode %q; choose one of: %s", id, strings.Join(c.ids, ", "))
}

func (c *Catalog) lookup(id string) *Mode {
	id = strings.ToLower(strings.TrimSpace(id))
	if id == "" {
		id = DefaultMode
	}
	if c.lazy == nil {
		return c.modes[id]
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if m := c.modes[id]; m != nil || c.all {
		return m
	}
	if strings.ContainsAny(id, `/\.`) {
		return nil // not a mode file's name
	}
	name := path.Join(assets.ModesDir, id+".json")
	if _, err := fs.Stat(c.lazy, name); err != nil {
		return nil // no such mode
	}
	m, err := loadMode(c.lazy, name)
	if err != nil {
		panic("rebound: embedded coaching content is broken: " + err.Error())
	}
	c.modes[id] = m
	return m
}

// HasReason reports whether id is a reason of mode; with ReasonIDs it makes
// a Catalog a journal.Reasons.
func (c *Catalog) HasReason(mode, id string) bool {
	return slices.Contains(c.ReasonIDs(mode), id)
}

// ReasonIDs lists mode's reason ids in taxonomy order (nil for an unknown mode).
func (c *Catalog) ReasonIDs(mode string) []string {
	if ids, ok := c.reasonIDs(mode); ok {
		return ids
	}
	if m := c.lookup(mode); m != nil {
		return m.ReasonIDs()
	}
	return nil
}

// reasonIDs reads a mode's reason ids alone from its file, unless the mode
// is parsed already; ok is false when it cannot (not the lazy catalog, no
// such mode, a file that does not parse: lookup then says so).
func (c *Catalog) reasonIDs(mode string) ([]string, bool) {
	id, ok := c.fileID(mode)
	if !ok {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if m := c.modes[id]; m != nil {
		return m.ReasonIDs(), true
	}
	if ids, ok := c.reasons[id]; ok {
		return ids, true
	}
	data, err := fs.ReadFile(c.lazy, path.Join(assets.ModesDir, id+".json"))
	if err != nil {
		return nil, false
	}
	var only struct {
		Reasons []struct {
			ID string `json:"id"`
		} `json:"reasons"`
	}
	if json.Unmarshal(data, &only) != nil {
		return nil, false
	}
	ids := make([]string, len(only.Reasons))
	for i, r := range only.Reasons {
		ids[i] = r.ID
	}
	if c.reasons == nil {
		c.reasons = map[string][]string{}
	}
	c.reasons[id] = ids
	return ids, true
}

// fileID is mode as the name of an embedded mode file; ok is false for
// a catalog that is not lazy or a name that cannot be a mode's.
func (c *Catalog) fileID(mode string) (string, bool) {
	id := strings.ToLower(strings.TrimSpace(mode))
	if id == "" {
		id = DefaultMode
	}
	if c.lazy == nil || strings.ContainsAny(id, `/\.`) {
		return "", false
	}
	return id, true
}

// ModeID is the id of mode ("" is the default mode), checked to exist but
// not parsed: for commands that only stamp a mode on what they write.
func (c *Catalog) ModeID(mode string) (string, error) {
	if id, ok := c.fileID(mode); ok {
		if _, err := fs.Stat(c.lazy, path.Join(assets.ModesDir, id+".json")); err == nil {
			return id, nil
		}
	}
	m, err := c.Mode(mode)
	if err != nil {
		return "", err
	}
	return m.ID, nil
}

var _ journal.Reasons = (*Catalog)(nil)

// StageIDs lists mode's stage ids (none for a mode without stages, or an
// unknown mode); with MistakeIDs it makes a Catalog a journal.ModeLists.
func (c *Catalog) StageIDs(mode string) []string {
	if m := c.lookup(mode); m != nil {
		return choiceIDs(m.Stages)
	}
	return nil
}

// MistakeIDs lists mode's kinds of mistake (none for a mode without them).
func (c *Catalog) MistakeIDs(mode string) []string {
	if m := c.lookup(mode); m != nil {
		return choiceIDs(m.Mistakes)
	}
	return nil
}

func choiceIDs(cs []Choice) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

// Trap finds a thinking trap by id.
func (m *Mode) Trap(id string) (Trap, bool) {
	for _, t := range m.Traps {
		if t.ID == id {
			return t, true
		}
	}
	return Trap{}, false
}

// TrapName is the name of trap id, or id itself when unknown.
func (m *Mode) TrapName(id string) string {
	if t, ok := m.Trap(id); ok {
		return t.Name
	}
	return id
}

// StageLabel is the label of stage id, or id itself when unknown (a No
// shown under another mode still shows something readable).
func (m *Mode) StageLabel(id string) string { return choiceLabel(m.Stages, id) }

// MistakeLabel is the label of mistake id, or id itself when unknown.
func (m *Mode) MistakeLabel(id string) string { return choiceLabel(m.Mistakes, id) }

func choiceLabel(cs []Choice, id string) string {
	for _, c := range cs {
		if c.ID == id {
			return c.Label
		}
	}
	return id
}

// ReasonIDs lists the reason ids in taxonomy order.
func (m *Mode) ReasonIDs() []string {
	ids := make([]string, len(m.Reasons))
	for i, r := range m.Reasons {
		ids[i] = r.ID
	}
	return ids
}

// Reason finds a reason by id.
func (m *Mode) Reason(id string) (Reason, bool) {
	for _, r := range m.Reasons {
		if r.ID == id {
			return r, true
		}
	}
	return Reason{}, false
}

// ReasonLabel is the label of reason id, or id itself when unknown (a No
// logged under another mode still shows something readable).
func (m *Mode) ReasonLabel(id string) string {
	if r, ok := m.Reason(id); ok {
		return r.Label
	}
	return id
}

// KindInfo explains kind k in the mode's words.
func (m *Mode) KindInfo(k journal.Kind) (KindInfo, bool) {
	for _, ki := range m.Kinds {
		if ki.Kind == k {
			return ki, true
		}
	}
	return KindInfo{}, false
}

// SuggestFollowUpDays is how many days after a No to follow up (0: don't).
// A No with no kind yet gets the mode's default.
func (m *Mode) SuggestFollowUpDays(k journal.Kind) int {
	if ki, ok := m.KindInfo(k); ok {
		return ki.FollowUpDays
	}
	return m.FollowUpDays
}

// AsksReferral reports whether the reframe asks for a referral after a No
// of kind k, by the kind's referral flag in the mode file. A No whose kind
// is not known yet (or is not the mode's) is asked only when every kind of
// the mode allows it: it may turn out to be the kind that never does.
func (m *Mode) AsksReferral(k journal.Kind) bool {
	if ki, ok := m.KindInfo(k); ok {
		return ki.Referral != nil && *ki.Referral
	}
	for _, ki := range m.Kinds {
		if ki.Referral == nil || !*ki.Referral {
			return false
		}
	}
	return len(m.Kinds) > 0
}

// Ritual finds a ritual by id.
func (m *Mode) Ritual(id string) (Ritual, bool) {
	for _, r := range m.Rituals {
		if r.ID == id {
			return r, true
		}
	}
	return Ritual{}, false
}

// Prompt finds a resilience prompt by id.
func (m *Mode) Prompt(id string) (Prompt, bool) {
	for _, p := range m.Prompts {
		if p.ID == id {
			return p, true
		}
	}
	return Prompt{}, false
}

// DebriefQuestions are the debrief call questions, in the order to ask them.
func (m *Mode) DebriefQuestions() []string { return slices.Clone(m.Debrief.Questions) }

// HasMode reports whether id is a mode's id as stored ("" is the default
// mode); with ModeIDs it lets validation refuse a mode this build does not
// have, or one spelt in a way no command stores.
func (c *Catalog) HasMode(id string) bool {
	m, err := c.ModeID(id)
	return err == nil && (id == "" || m == id)
}
