package xmp

import "strings"

// class says where one XMP property belongs in the report.
type class struct {
	location, identity, text bool
}

// rule matches a property by group and by tag, exactly or by prefix
// (a tag ending in "*").
type rule struct {
	group string
	tags  []string
}

func (r rule) match(group, tag string) bool {
	if r.group != group {
		return false
	}
	for _, t := range r.tags {
		if p, ok := strings.CutSuffix(t, "*"); ok {
			if strings.HasPrefix(tag, p) {
				return true
			}
		} else if t == tag {
			return true
		}
	}
	return false
}

var locationRules = []rule{
	{"XMP-exif", []string{"GPS*"}},
	{"XMP-photoshop", []string{"City", "State", "Country"}},
	{"XMP-iptcCore", []string{"Location", "CountryCode", "City", "State", "Country", "Sublocation"}},
	{"XMP-iptcExt", []string{"LocationShown*", "LocationCreated*"}},
	{"XMP-dwc", []string{"DC*", "GeologicalContext*", "Location*"}},
	{"XMP-xmpDM", []string{"ShotLocation*", "Location*"}},
}

var identityRules = []rule{
	{"XMP-tiff", []string{"Make", "Model", "Artist", "Copyright", "HostComputer", "Software"}},
	{"XMP-aux", []string{"SerialNumber", "LensSerialNumber", "OwnerName"}},
	{"XMP-exifEX", []string{"BodySerialNumber", "LensSerialNumber", "CameraOwnerName", "ImageUniqueID"}},
	{"XMP-exif", []string{"ImageUniqueID", "CameraOwnerName", "BodySerialNumber", "LensSerialNumber"}},
	{"XMP-dc", []string{"Creator", "Rights", "Contributor", "Publisher"}},
	{"XMP-xmpRights", []string{"*"}},
	{"XMP-photoshop", []string{"Credit", "AuthorsPosition", "CaptionWriter", "Source"}},
	{"XMP-xmp", []string{"CreatorTool", "Thumbnails*", "Author"}},
	{"XMP-xmpMM", []string{"DocumentID", "InstanceID", "OriginalDocumentID", "DerivedFrom*", "PreservedFileName"}},
	{"XMP-iptcCore", []string{"CreatorContactInfo*"}},
	{"XMP-plus", []string{"*"}},
	{"XMP-dwc", []string{"OccurrenceRecordedBy", "IdentificationIdentifiedBy"}},
}

var textRules = []rule{
	{"XMP-dc", []string{"Title", "Description", "Subject", "Creator", "Contributor", "Rights", "Publisher"}},
	{"XMP-photoshop", []string{"Headline", "Caption*", "CaptionWriter", "Credit", "Source", "Instructions", "AuthorsPosition"}},
	{"XMP-iptcExt", []string{"PersonInImage*", "Event", "ArtworkOrObject*"}},
	{"XMP-iptcCore", []string{"AltTextAccessibility", "ExtDescrAccessibility"}},
	{"XMP-mwg-rs", []string{"RegionName", "RegionDescription"}},
	{"XMP-MP", []string{"RegionPersonDisplayName", "RegionPersonEmailDigest"}},
	{"XMP-lr", []string{"HierarchicalSubject"}},
	{"XMP-digiKam", []string{"TagsList"}},
	{"XMP-microsoft", []string{"LastKeywordXMP", "LastKeywordIPTC"}},
	{"XMP-mwg-kw", []string{"Keywords*"}},
	{"XMP-xmpMM", []string{"PreservedFileName"}},
	{"XMP-xmp", []string{"Label", "Nickname", "Author"}},
	{"XMP-tiff", []string{"ImageDescription", "Artist", "Copyright"}},
	{"XMP-exif", []string{"UserComment"}},
	{"XMP-dwc", []string{"OccurrenceRecordedBy", "IdentificationIdentifiedBy"}},
}

// notLocation are tags whose names sound like places but are not:
// SubjectLocation is a pixel position in the frame.
var notLocation = map[string]bool{"SubjectLocation": true, "SubjectArea": true}

// locationWords catch location in namespaces we have no rule for
// (XMP-Geotate:GeotatePOI, XMP-photomech:CountryCode). Reporting too much
// is safer than too little; the whole packet is removed on cleaning anyway.
var locationWords = []string{"gps", "latitude", "longitude", "geotag", "geotate", "geoloc", "city", "country", "location", "province", "address"}

func classify(group, tag string) class {
	var c class
	for _, r := range identityRules {
		if r.match(group, tag) {
			c.identity = true
			break
		}
	}
	for _, r := range textRules {
		if r.match(group, tag) {
			c.text = true
			break
		}
	}
	for _, r := range locationRules {
		if r.match(group, tag) {
			c.location = true
			break
		}
	}
	lower := strings.ToLower(tag)
	if !c.identity && (strings.Contains(lower, "serialnumber") || strings.Contains(lower, "owner")) {
		c.identity = true
	}
	if !c.location && !c.identity && !notLocation[tag] {
		if strings.EqualFold(group, "XMP-Geotate") {
			c.location = true
		}
		for _, w := range locationWords {
			if strings.Contains(lower, w) {
				c.location = true
				break
			}
		}
	}
	return c
}
