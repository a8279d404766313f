package exchange

import (
	jsonv2 "github.com/go-json-experiment/json"

	"github.com/rebound-coach/rebound/internal/journal"
)

// strict is how the fast decoder reads a No: names exactly as export
// writes them, no member this build lacks, none twice, valid UTF-8. A
// record it accepts decodes to what encoding/json gives (TestFastNoAgrees);
// it refuses everything else, which then goes the general way.
var strict = jsonv2.JoinOptions(
	jsonv2.RejectUnknownMembers(true),
	jsonv2.MatchCaseInsensitiveNames(false),
)

// decodeNo reads the next record into n.
func (s *scanner) decodeNo(n *journal.No, path string, line int) error {
	col := s.col
	raw, err := s.value(maxRecord, path)
	if err != nil {
		return err
	}
	if err := decodeNoBytes(raw, n, path, line, col); err != nil {
		return err
	}
	s.release()
	return nil
}

// decodeNoBytes decodes one No's bytes. Nearly every record is exactly
// what export wrote; encoding/json and the unknown-field check cost an
// import of 100k No's about a third of its time, the strict decoder a
// quarter of that with a tenth of the garbage. A record it refuses is
// decoded again the general way, which decides (a repeated member, a name
// in other case, invalid UTF-8 are all accepted there, as before) and
// words any error exactly as before.
func decodeNoBytes(raw []byte, n *journal.No, path string, line, col int) error {
	if jsonv2.Unmarshal(raw, n, strict) == nil {
		return nil
	}
	*n = journal.No{}
	return decodeRaw(raw, n, path, line, col)
}

// checkNo is what the reading of an export checks of every No.
func checkNo(n *journal.No, modes journal.Reasons, today journal.Day, path string, line int) error {
	if err := n.Validate(modes); err != nil {
		return &Error{Line: line, Field: path, Msg: err.Error()}
	}
	if err := n.CheckNotFuture(today); err != nil {
		return &Error{Line: line, Field: path + ".date", Msg: err.Error()}
	}
	return nil
}
