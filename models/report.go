package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Report is a signed-in reader's report of abuse in a published comment; it reaches moderators.
type Report struct {
	ID         string    `gorm:"primaryKey" json:"id"`
	CommentID  string    `gorm:"not null;uniqueIndex:comment_reports_once_key,priority:1" json:"comment_id"`
	ReporterID *string   `gorm:"uniqueIndex:comment_reports_once_key,priority:2" json:"reporter_id"`
	Reason     string    `gorm:"not null" json:"reason"`
	Details    string    `gorm:"not null" json:"details"`
	Status     string    `gorm:"not null;index:comment_reports_status_idx" json:"status"`
	CreatedAt  time.Time `json:"created_at"`
}

// TableName names the reports table.
func (Report) TableName() string { return "comment_reports" }

// ReportReasons are the reasons a reader may give.
var ReportReasons = append(append([]string{}, ReasonCodes...), "other")

// ReportsPerAccount bounds how many reports one account may file per window.
var ReportsPerAccount = Limit{Max: 10, Window: time.Hour}

// ReportComment is the command that files a report on a comment the reporter can read publicly.
// One account reports a comment once; further reports by it are limited per hour. The check, the
// slot under the limit and the report commit together, so a report that is not filed takes no
// slot.
func ReportComment(ctx context.Context, db *gorm.DB, reporter *User, commentID, reason, details string, now time.Time) (*Report, error) {
	var errs []FieldError
	if !slices.Contains(ReportReasons, reason) {
		errs = append(errs, FieldError{Field: "reason", Message: "must be " + strings.Join(ReportReasons, ", ")})
	}
	if fe := checkLongText("details", details, false, 2000); fe != nil {
		errs = append(errs, *fe)
	}
	if len(errs) > 0 {
		return nil, Invalid("the report has invalid fields", errs...)
	}
	var r *Report
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Reports concern what the public can see.
		c, err := FindComment(ctx, tx, commentID, nil)
		if err != nil {
			return err
		}
		// The slot is taken before the write, so parallel reports cannot all pass the limit.
		if _, err := Reserve(ctx, tx, now, Throttle{"report:account:" + reporter.ID, ReportsPerAccount}); err != nil {
			return err
		}
		r = &Report{ID: NewID(), CommentID: c.ID, ReporterID: &reporter.ID, Reason: reason, Details: details, Status: "open", CreatedAt: now}
		if err := tx.Create(r).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return Conflict("you have already reported this comment")
			}
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// OpenReports lists open reports for moderators, oldest first.
func OpenReports(ctx context.Context, db *gorm.DB, p Page) ([]Report, *string, error) {
	tx, err := p.apply(db.WithContext(ctx), "id", false)
	if err != nil {
		return nil, nil, err
	}
	var out []Report
	if err := tx.Where("status = ?", "open").Find(&out).Error; err != nil {
		return nil, nil, err
	}
	items, next := nextCursor(out, p.Limit, func(r Report) string { return r.ID })
	return items, next, nil
}
