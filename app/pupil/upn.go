package pupil

// UPNStatus says what kind of Unique Pupil Number a pupil has.
type UPNStatus string

// The UPN statuses. A bad UPN is kept and warned about, never dropped.
const (
	UPNValid     UPNStatus = "valid"
	UPNTemporary UPNStatus = "temporary"
	UPNBadCheck  UPNStatus = "invalid-check-letter"
	UPNMalformed UPNStatus = "malformed"
	UPNMissing   UPNStatus = "missing"
)

// upnLetters is the DfE check-letter table: A..Z without I, O and S.
const upnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ"

// CheckUPN classifies a UPN: 13 characters, a check letter, LA (3), DfE
// establishment (4), year of issue (2) and a serial of three digits, or of
// two digits and a letter for a temporary UPN. The check letter is the
// weighted sum (weights 2..13) of characters 2..13 mod 23, where a digit
// counts as its value and a letter as its index in upnLetters.
func CheckUPN(upn string) UPNStatus {
	if upn == "" {
		return UPNMissing
	}
	if len(upn) != 13 {
		return UPNMalformed
	}
	for i := 1; i < 12; i++ {
		if upn[i] < '0' || upn[i] > '9' {
			return UPNMalformed
		}
	}
	last := upn[12]
	temporary := last >= 'A' && last <= 'Z'
	if !temporary && (last < '0' || last > '9') {
		return UPNMalformed
	}
	sum := 0
	for i := 1; i < 13; i++ {
		v := int(upn[i] - '0')
		if upn[i] >= 'A' {
			v = letterIndex(upn[i])
			if v < 0 {
				return UPNMalformed
			}
		}
		sum += v * (i + 1)
	}
	if letterIndex(upn[0]) < 0 {
		return UPNMalformed
	}
	if upnLetters[sum%23] != upn[0] {
		return UPNBadCheck
	}
	if temporary {
		return UPNTemporary
	}
	return UPNValid
}

func letterIndex(c byte) int {
	for i := 0; i < len(upnLetters); i++ {
		if upnLetters[i] == c {
			return i
		}
	}
	return -1
}
