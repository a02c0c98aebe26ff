package models

import "time"

// Scheme is a certification scheme under consultation, e.g. managed security services.
type Scheme struct {
	ID        string `gorm:"primaryKey"`
	Slug      string `gorm:"not null;uniqueIndex:schemes_slug_key"`
	Title     string `gorm:"not null"`
	Summary   string `gorm:"not null"`
	CreatedAt time.Time
	UpdatedAt time.Time
}
