package register

import (
	"slices"

	"photoconsent/app/access"
	"photoconsent/app/audit"
)

// AuditTrail returns the newest events first, at most limit of them (all
// when limit is zero or less). Head only.
func (s *Session) AuditTrail(limit int) ([]audit.Event, error) {
	if err := s.check(access.ViewAudit); err != nil {
		return nil, err
	}
	var out []audit.Event
	err := s.store.View(func(tx Tx) error {
		return tx.Scan(prefAudit, func(_ string, decode func(any) error) error {
			var ev audit.Event
			if err := decode(&ev); err != nil {
				return err
			}
			out = append(out, ev)
			return nil
		})
	})
	slices.Reverse(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, err
}
