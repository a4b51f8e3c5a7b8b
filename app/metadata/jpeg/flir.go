package jpeg

import "encoding/binary"

// flirGPS reads the FLIR FFF data that FLIR cameras split over APP1
// segments and returns the GPS tags its GPS record holds (exiftool's names),
// or nil when it has none. The layout follows exiftool's FLIR.pm: a 64-byte
// header with the record directory's offset and size, 32-byte directory
// entries, record type 0x2B for GPS.
func flirGPS(b []byte) []string {
	if len(b) < 0x40 || (string(b[:4]) != "FFF\x00" && string(b[:4]) != "AFF\x00") {
		return nil
	}
	var order binary.ByteOrder = binary.BigEndian
	if v := order.Uint32(b[0x14:]); v < 100 || v >= 200 {
		order = binary.LittleEndian
		if v := order.Uint32(b[0x14:]); v < 100 || v >= 200 {
			return nil
		}
	}
	dir := int64(order.Uint32(b[0x18:]))
	n := int64(order.Uint32(b[0x1c:]))
	if n > 4096 || dir < 0 || dir+n*0x20 > int64(len(b)) {
		return nil
	}
	for i := int64(0); i < n; i++ {
		e := b[dir+i*0x20:]
		if order.Uint16(e) != 0x2B {
			continue
		}
		off := int64(order.Uint32(e[0x0c:]))
		l := int64(order.Uint32(e[0x10:]))
		if off < 0 || l < 4 || off+l > int64(len(b)) {
			return []string{"GPSInfo"}
		}
		if order.Uint32(b[off:]) != 1 {
			return []string{"GPSValid"}
		}
		return []string{"GPSValid", "GPSLatitude", "GPSLongitude", "GPSAltitude"}
	}
	return nil
}
