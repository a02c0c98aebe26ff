package models

import (
	"crypto/rand"
	"fmt"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// trackingAlphabet is Crockford's base32: digits and capitals without I, L, O and U, so that a
// number read aloud or typed from paper is not mistaken.
const trackingAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// maxTrackingPrefix bounds the scheme part of a tracking number.
const maxTrackingPrefix = 12

// randomTrackingCode returns 40 random bits as two groups of four symbols, such as 7KQ3-9XMP. It is
// a variable so that a test can force a collision.
var randomTrackingCode = func() string {
	var b [5]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on supported platforms
	v := uint64(b[0])<<32 | uint64(b[1])<<24 | uint64(b[2])<<16 | uint64(b[3])<<8 | uint64(b[4])
	var out [9]byte
	for i := range out {
		if i == 4 {
			out[i] = '-'
			continue
		}
		out[i] = trackingAlphabet[v&31]
		v >>= 5
	}
	return string(out[:])
}

// trackingPrefix is SCHEME-YEAR of a consultation's tracking numbers: the scheme's slug in
// capitals (shortened) and the year the window opens.
func trackingPrefix(tx *gorm.DB, con *Consultation) (string, error) {
	slug, err := documentSlug(tx, con.DocumentID)
	if err != nil {
		return "", err
	}
	slug = strings.ToUpper(slug)
	if len(slug) > maxTrackingPrefix {
		slug = strings.TrimRight(slug[:maxTrackingPrefix], "-")
	}
	return fmt.Sprintf("%s-%d", slug, con.OpensAt.UTC().Year()), nil
}

// insertWithTrackingNumbers stores new comments of one consultation, each with a random tracking
// number such as IOT-2026-7KQ3-9XMP. A number reveals nothing about other comments (no sequence,
// no gap to notice) and takes no lock that other submissions wait on. The rare number already
// taken in the consultation is drawn again.
func insertWithTrackingNumbers(tx *gorm.DB, con *Consultation, rows []*Comment) error {
	prefix, err := trackingPrefix(tx, con)
	if err != nil {
		return err
	}
	pending := rows
	for attempt := 0; len(pending) > 0; attempt++ {
		if attempt == maxTrackingDraws {
			return fmt.Errorf("no free tracking number after %d attempts", attempt)
		}
		for _, c := range pending {
			c.TrackingNumber = prefix + "-" + randomTrackingCode()
		}
		res := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "consultation_id"}, {Name: "tracking_number"}},
			DoNothing: true,
		}).CreateInBatches(pending, 200)
		if res.Error != nil {
			return res.Error
		}
		if int(res.RowsAffected) == len(pending) {
			return nil
		}
		if pending, err = unstored(tx, pending); err != nil {
			return err
		}
	}
	return nil
}

// unstored returns the comments of rows that are not in the database.
func unstored(tx *gorm.DB, rows []*Comment) ([]*Comment, error) {
	ids := make([]string, len(rows))
	for i, c := range rows {
		ids[i] = c.ID
	}
	var stored []string
	if err := tx.Model(&Comment{}).Where("id IN ?", ids).Pluck("id", &stored).Error; err != nil {
		return nil, err
	}
	have := make(map[string]bool, len(stored))
	for _, id := range stored {
		have[id] = true
	}
	var out []*Comment
	for _, c := range rows {
		if !have[c.ID] {
			out = append(out, c)
		}
	}
	return out, nil
}
