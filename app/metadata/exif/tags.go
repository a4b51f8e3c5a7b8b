package exif

import "fmt"

// Tag numbers this package reads or that the container packages need.
const (
	TagImageDescription = 0x010E
	TagMake             = 0x010F
	TagModel            = 0x0110
	TagOrientation      = 0x0112
	TagSoftware         = 0x0131
	TagDateTime         = 0x0132
	TagArtist           = 0x013B
	TagHostComputer     = 0x013C
	TagDocumentName     = 0x010D
	TagCopyright        = 0x8298
	TagXMP              = 0x02BC
	TagIPTC             = 0x83BB
	TagPhotoshop        = 0x8649
	TagThumbnailOffset  = 0x0201
	TagThumbnailLength  = 0x0202
	TagExifVersion      = 0x9000
	TagDateTimeOriginal = 0x9003
	TagMakerNote        = 0x927C
	TagUserComment      = 0x9286
	TagImageUniqueID    = 0xA420
	TagOwnerName        = 0xA430
	TagSerialNumber     = 0xA431
	TagLensSerialNumber = 0xA435
	// TagCameraSerialNumber is DNG's body serial, in IFD0.
	TagCameraSerialNumber = 0xC62F
	TagXPTitle            = 0x9C9B
	TagXPComment          = 0x9C9C
	TagXPAuthor           = 0x9C9D
	TagXPKeywords         = 0x9C9E
	TagXPSubject          = 0x9C9F
)

// GeoTIFF tags: any of them georeferences the image.
var GeoTIFFTags = map[uint16]string{
	33550: "PixelScale",
	33922: "ModelTiePoint",
	34264: "ModelTransform",
	34735: "GeoTiffDirectory",
	34736: "GeoTiffDoubleParams",
	34737: "GeoTiffAsciiParams",
}

var gpsNames = [...]string{
	"GPSVersionID", "GPSLatitudeRef", "GPSLatitude", "GPSLongitudeRef", "GPSLongitude",
	"GPSAltitudeRef", "GPSAltitude", "GPSTimeStamp", "GPSSatellites", "GPSStatus",
	"GPSMeasureMode", "GPSDOP", "GPSSpeedRef", "GPSSpeed", "GPSTrackRef", "GPSTrack",
	"GPSImgDirectionRef", "GPSImgDirection", "GPSMapDatum", "GPSDestLatitudeRef",
	"GPSDestLatitude", "GPSDestLongitudeRef", "GPSDestLongitude", "GPSDestBearingRef",
	"GPSDestBearing", "GPSDestDistanceRef", "GPSDestDistance", "GPSProcessingMethod",
	"GPSAreaInformation", "GPSDateStamp", "GPSDifferential", "GPSHPositioningError",
}

// GPSName is exiftool's name for a GPS IFD tag.
func GPSName(tag uint16) string {
	if int(tag) < len(gpsNames) {
		return gpsNames[tag]
	}
	return fmt.Sprintf("GPS_0x%04x", tag)
}

// identityTags name the tags that say who made the image or with what, in
// any directory. Their value is not read.
var identityTags = map[uint16]string{
	TagMake:               "Make",
	TagModel:              "Model",
	TagSoftware:           "Software",
	TagArtist:             "Artist",
	TagHostComputer:       "HostComputer",
	TagCopyright:          "Copyright",
	TagImageUniqueID:      "ImageUniqueID",
	TagOwnerName:          "OwnerName",
	TagSerialNumber:       "SerialNumber",
	TagLensSerialNumber:   "LensSerialNumber",
	TagMakerNote:          "MakerNotes",
	TagXPAuthor:           "XPAuthor",
	0xA433:                "LensMake",
	0xA434:                "LensModel",
	0xC614:                "UniqueCameraModel",
	0xC615:                "LocalizedCameraModel",
	TagCameraSerialNumber: "CameraSerialNumber",
	0xC634:                "DNGPrivateData",
	0xC68B:                "OriginalRawFileName",
	0xC68C:                "OriginalRawFileData",
	0xC65D:                "RawDataUniqueID",
	0xFDE8:                "OwnerName",
	0xFDE9:                "SerialNumber",
	0xFDEA:                "Lens",
	TagXMP:                "XMP",
	TagIPTC:               "IPTC-NAA",
	TagPhotoshop:          "PhotoshopSettings",
}

// textTags are the tags whose text can carry a person's name, by the name
// used in Text.Where after "EXIF:".
var textTags = map[uint16]string{
	TagImageDescription: "ImageDescription",
	TagArtist:           "Artist",
	TagCopyright:        "Copyright",
	TagDocumentName:     "DocumentName",
	TagUserComment:      "UserComment",
	TagXPTitle:          "XPTitle",
	TagXPComment:        "XPComment",
	TagXPAuthor:         "XPAuthor",
	TagXPKeywords:       "XPKeywords",
	TagXPSubject:        "XPSubject",
	TagOwnerName:        "OwnerName",
	0x011D:              "PageName",
}
