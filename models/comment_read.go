package models

import (
	"context"
	"errors"

	"gorm.io/gorm"
)

// CommentRead is one comment as a viewer may read it, with what goes with it.
type CommentRead struct {
	Comment     *Comment
	Whole       bool         // the viewer sees all of it (SeesWholeComment); else its public form
	Attachments []Attachment // the files attached to it
	Disposition *Disposition // to those who see it whole, and to all once the report is published; nil when none
	Author      *User        // to staff and in the public form; nil to the author or once erased
}

// ReadComment returns a comment that viewer (nil: the public) may read, with its files, and the
// disposition and author that viewer may see: staff see the author's profile, the author sees no
// profile, the public sees the author in the comment's public form (its handler decides how much)
// and the disposition once the consultation's disposition-of-comments report is published.
func ReadComment(ctx context.Context, db *gorm.DB, id string, viewer *User) (*CommentRead, error) {
	c, err := FindComment(ctx, db, id, viewer)
	if err != nil {
		return nil, err
	}
	out := &CommentRead{Comment: c, Whole: SeesWholeComment(c, viewer)}
	if out.Attachments, err = OwnerAttachments(ctx, db, OwnerComment, c.ID); err != nil {
		return nil, err
	}
	dispositions := map[string]Disposition{}
	if out.Whole {
		dispositions, err = DispositionsOf(ctx, db, []string{c.ID})
	} else {
		var con *Consultation
		if con, err = FindConsultation(ctx, db, c.ConsultationID); err == nil {
			dispositions, err = publicDispositions(ctx, db, con, []string{c.ID})
		}
	}
	if err != nil {
		return nil, err
	}
	if d, ok := dispositions[c.ID]; ok {
		out.Disposition = &d
	}
	if out.Whole && !viewer.Role.AtLeast(RoleModerator) {
		return out, nil
	}
	if out.Author, err = CommentAuthor(ctx, db, c); err != nil {
		return nil, err
	}
	return out, nil
}

// OwnComment is one of a user's own comments with its disposition (nil: none) and its place.
type OwnComment struct {
	Comment
	Disposition *Disposition
	Place       CommentPlace
}

// OwnComments lists a user's own comments, newest first, with their dispositions and places.
func OwnComments(ctx context.Context, db *gorm.DB, userID string, p Page) ([]OwnComment, *string, error) {
	comments, next, err := authorComments(ctx, db, userID, p)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, 0, len(comments))
	for i := range comments {
		ids = append(ids, comments[i].ID)
	}
	dispositions, err := DispositionsOf(ctx, db, ids)
	if err != nil {
		return nil, nil, err
	}
	places, err := CommentPlaces(ctx, db, comments)
	if err != nil {
		return nil, nil, err
	}
	out := make([]OwnComment, len(comments))
	for i := range comments {
		out[i] = OwnComment{Comment: comments[i], Place: places[comments[i].ID]}
		if d, ok := dispositions[comments[i].ID]; ok {
			out[i].Disposition = &d
		}
	}
	return out, next, nil
}

// FindComment returns a comment the caller may read: its author and staff always, anyone once
// it is published and not confidential. Others get not found, so existence does not leak.
func FindComment(ctx context.Context, db *gorm.DB, id string, viewer *User) (*Comment, error) {
	c, err := findByID[Comment](db.WithContext(ctx), id, "comment")
	if err != nil {
		return nil, err
	}
	if !CanReadComment(c, viewer) {
		return nil, NotFound("comment")
	}
	return c, nil
}

// authorComments lists a user's own comments, newest first.
func authorComments(ctx context.Context, db *gorm.DB, userID string, p Page) ([]Comment, *string, error) {
	tx, err := p.apply(db.WithContext(ctx), "id", true)
	if err != nil {
		return nil, nil, err
	}
	var out []Comment
	if err := tx.Where("author_id = ?", userID).Find(&out).Error; err != nil {
		return nil, nil, err
	}
	items, next := nextCursor(out, p.Limit, func(c Comment) string { return c.ID })
	return items, next, nil
}

// CommentAuthor returns the author of a comment, or nil when the account was erased.
func CommentAuthor(ctx context.Context, db *gorm.DB, c *Comment) (*User, error) {
	if c.AuthorID == nil {
		return nil, nil
	}
	var u User
	err := db.WithContext(ctx).Where("id = ?", *c.AuthorID).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &u, err
}
