// Package register is the school's consent register: staff accounts and
// roles, pupils imported from the MIS, parents' answers and the statuses
// derived from them, settings and the audit trail. The desktop screens and
// the command line both drive it through a Session, which checks the
// signed-in person's role before every read or change.
//
// It stores everything through the small Store interface; storage.DB
// implements it with an encrypted Badger database.
package register
